"""What the sender agreed to is stored with its version and time, and every email to the
sender links to withdrawing the message (deleting the stored copy)."""

import datetime as dt
import re
from urllib.parse import urlsplit

from privacy import consent
from tests.helpers import client_for

from .shared import VALID, confirm_url, emails_to

WITHDRAW_LINK = re.compile(r"https?://\S+/messages/[\w-]+/withdraw/")


def _withdraw_path(message) -> str:
    [link] = WITHDRAW_LINK.findall(message.body)
    assert link in message.alternatives[0][0]  # the HTML version links to it too
    return urlsplit(link).path


def test_the_form_shows_the_consent_wording_and_the_message_stores_it(
    site_a, clp_a, mp_a, post, stored_in
):
    page = site_a.get("/contact/").content.decode()
    wording = (
        "By sending, you agree that Testford North Labour may keep your name, email "
        "address, postcode and message to pass it to Ada Lovelace and so they can reply."
    )
    assert wording in page
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    assert stored.consent_text.startswith(wording)
    assert "They are deleted 12 months after you write, or 30 days after" in stored.consent_text
    assert stored.consent_version == consent.current("contact").version == "contact-2026-12"
    assert abs(stored.consented_at - stored.created_at) < dt.timedelta(seconds=5)


def test_an_unconfirmed_message_can_be_withdrawn_from_its_confirmation_email(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, confirm
):
    post(site_a, VALID)
    [request] = emails_to(mailoutbox, "sam@example.org")
    [stored] = stored_in(clp_a)
    path = _withdraw_path(request)
    assert path == f"/messages/{stored.token}/withdraw/"

    # Opening the link (a mail scanner) only asks.
    page = get(site_a, path)
    assert page.status_code == 200
    assert "Withdraw my message" in page.content.decode()
    assert "it will never be sent" in page.content.decode()
    assert len(stored_in(clp_a)) == 1

    done = post(site_a, {}, path=path)
    assert done.status_code == 200
    assert "Your message is withdrawn" in done.content.decode()
    assert stored_in(clp_a) == []
    # Its confirmation link now finds nothing, and nothing reaches the MP.
    assert confirm(site_a, confirm_url(stored.token)).status_code == 400
    assert emails_to(mailoutbox, "mp@example.org") == []


def test_the_senders_copy_links_to_deleting_the_stored_copy(
    site_a, clp_a, mp_a, post, stored_in, mailoutbox, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    confirm(site_a, confirm_url(stored.token))
    [_, copy] = emails_to(mailoutbox, "sam@example.org")
    [delivered] = emails_to(mailoutbox, "mp@example.org")
    assert WITHDRAW_LINK.search(delivered.body) is None  # the MP gets no such link
    path = _withdraw_path(copy)

    page = site_a.get(path).content.decode()
    assert "who keeps the copy they received" in page
    done = post(site_a, {}, path=path)
    assert "Ada Lovelace keeps the copy they received" in done.content.decode()
    assert stored_in(clp_a) == []


def test_a_withdraw_link_used_twice_or_made_up_says_so(site_a, clp_a, clp_b, mp_a, post, stored_in):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    path = f"/messages/{stored.token}/withdraw/"
    assert client_for(clp_b).get(path).status_code == 404  # another site's link
    post(site_a, {}, path=path)
    for response in (site_a.get(path), post(site_a, {}, path=path)):
        assert response.status_code == 404
        assert "already withdrawn" in response.content.decode()
    assert site_a.get("/messages/nonsense/withdraw/").status_code == 404
