"""The 48-hour flag: a news item or key event live in one language for more than 48
hours (since it was first published) without a live version in the other.

`check_gap_flags` raises the flags that are due, emails the site's designated
administrators once per new flag (in English, through the outbox, so a failed send is
retried) and resolves the flags whose page is in step again or no longer live. Running
it twice changes nothing the second time."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from constituencies.public_urls import public_url
from outbox.queueing import queue_email
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES, Appointment

from .models import LanguageGapFlag
from .parity import MISSING_ENGLISH, MISSING_WELSH, SiteParity

FLAG_AFTER = dt.timedelta(hours=48)
ABOUT = "languages.gap_flag"
LANGUAGE_NAMES = {settings.LANGUAGE_CODE: "English", settings.WELSH: "Welsh"}


@dataclass(frozen=True)
class FlagCheck:
    raised: int
    resolved: int
    emailed: int


def due_gaps(parity: SiteParity, now: dt.datetime) -> dict:
    """{(page id, missing language): gap} of the gaps the rule flags at `now`."""
    return {
        (gap.page_id, gap.lacks): gap
        for gap in parity.gaps
        if gap.state in (MISSING_WELSH, MISSING_ENGLISH)
        and gap.is_news_or_key_event
        and gap.live_since is not None
        and now - gap.live_since > FLAG_AFTER
    }


def officers_to_tell(constituency) -> list[str]:
    """The addresses of the constituency's current designated administrators."""
    people = get_user_model().objects.filter(
        is_active=True,
        pk__in=Appointment.objects.current()
        .filter(constituency=constituency, role__in=DESIGNATED_ADMINISTRATOR_ROLES)
        .values("user_id"),
    )
    return sorted({email for email in people.values_list("email", flat=True) if email})


def check_gap_flags(constituency, parity: SiteParity, now=None) -> FlagCheck:
    """In `constituency`'s schema: raise the flags `parity` makes due, resolve those no
    longer so, and queue one email per raised flag."""
    now = now or timezone.now()
    due = due_gaps(parity, now)
    with transaction.atomic():
        # Locked, so that two overlapping runs cannot both raise (and email) a flag.
        open_flags = {
            (flag.page_id, flag.missing_language): flag
            for flag in LanguageGapFlag.objects.select_for_update().filter(resolved_at__isnull=True)
        }
        resolved = [flag.pk for key, flag in open_flags.items() if key not in due]
        LanguageGapFlag.objects.filter(pk__in=resolved).update(resolved_at=now)
        to = officers_to_tell(constituency) if set(due) - set(open_flags) else []
        raised = emailed = 0
        for key, gap in due.items():
            if key in open_flags:
                continue
            flag = LanguageGapFlag.objects.create(
                page_id=gap.page_id,
                missing_language=gap.lacks,
                live_since=gap.live_since,
                flagged_at=now,
            )
            raised += 1
            if to:
                queue_email(_flag_email(constituency, gap, to), about=ABOUT, about_id=flag.pk)
                emailed += 1
    return FlagCheck(raised=raised, resolved=len(resolved), emailed=emailed)


def _flag_email(constituency, gap, to) -> EmailMessage:
    missing = LANGUAGE_NAMES[gap.lacks]
    context = {
        "constituency": constituency,
        "gap": gap,
        "missing": missing,
        "live_in": LANGUAGE_NAMES[gap.language],
        "hours": int(FLAG_AFTER.total_seconds() // 3600),
        "translate_url": public_url(constituency.primary_domain, gap.translate_path),
    }
    return EmailMessage(
        subject=f"Not yet in {missing}: {gap.title}"[:200],
        body=render_to_string("languages/email/gap_flag.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
