"""What the Membersnet account tests share: a client on the hub and a password."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import client_for

PASSWORD = "a-long-and-memorable-password"


def hub(user=None):
    return client_for("localhost", user)


def _invitation_link(message) -> str:
    return re.search(r"http://localhost(/membersnet/join/\S+/)", message.body).group(1)


CSV = """membership_number,name,email,gss_code
L1000001,Good One,one@example.org,E14999901
L1000002,Good Two,two@example.org,W07999902
BAD,Bad Number,bad@example.org,E14999901
L1000004,No Email,not-an-email,E14999901
L1000005,Nowhere,five@example.org,E00000000
L1000001,Twice,twice@example.org,E14999901
"""


GOOD_ROWS = (
    "membership_number,name,email,gss_code\n"
    "L2000001,Before One,b1@example.org,E14999901\n"
    "L2000002,Before Two,b2@example.org,E14999901\n"
)


AFTER = "L2000005,After Damage,after@example.org,E14999901\n"


IMPORTS = "/admin/member-import/"


def upload_member_list(client, content=None, name="members.csv", **fields):
    """Post a member list to the hub admin's import page (CSV by default)."""
    content = CSV if content is None else content
    data = content.encode() if isinstance(content, str) else content
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(IMPORTS, {"file": upload, **fields})
