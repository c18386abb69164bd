from django.shortcuts import render

from .models import NoticeKind
from .notice_values import hub_values
from .notices import notice_of


def hub_notice(request):
    """The privacy notice of LabourHub and Membersnet, at /privacy/ on the hub."""
    notice = notice_of(NoticeKind.HUB).fill_in(hub_values(request))
    return render(request, "privacy/hub_notice.html", {"notice": notice})
