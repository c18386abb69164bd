"""Reading and changing the privacy notices. A notice's wording is kept once
(privacy.models.PrivacyNotice, which fills in each site's details as it is shown)."""

from django.conf import settings

from .default_notices import DEFAULTS, WELSH_DEFAULTS
from .models import NoticeKind, PrivacyNotice
from .signals import notice_changed

# Where each notice is read: the same path on every constituency site and on the hub,
# and the Welsh one's on the sites that offer Welsh.
NOTICE_PATH = "/privacy/"
NOTICE_PATHS = [NOTICE_PATH, f"/{settings.WELSH}{NOTICE_PATH}"]


def notice_of(kind: NoticeKind) -> PrivacyNotice:
    """The notice of this kind; made with its default wording if it is missing (the
    migration makes both, so this only happens on a database emptied by hand)."""
    title, body = DEFAULTS[kind]
    welsh_title, welsh_body = WELSH_DEFAULTS.get(kind, ("", ""))
    notice, _ = PrivacyNotice.objects.get_or_create(
        kind=kind,
        defaults={
            "title": title,
            "body": body,
            "welsh_title": welsh_title,
            "welsh_body": welsh_body,
        },
    )
    return notice


def ensure_notices() -> None:
    """Make sure each notice exists (setup_platform, after every deploy)."""
    for kind in NoticeKind:
        notice_of(kind)


def notice_edited(notice: PrivacyNotice, *, by) -> None:
    """After staff save a notice's new wording: every page that shows it is refreshed."""
    notice_changed.send(PrivacyNotice, notice=notice, by=by)
