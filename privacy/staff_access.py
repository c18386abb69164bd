"""Staff and officers reading someone's personal data: the screens that show it say so
here, and the audit log (governance, above every app that shows such data) records
who saw whose record, and when. This app is at the bottom of the layers so that every
app can tell; it never imports the audit log."""

from django.dispatch import Signal

#: Sent once per view of a record of someone's personal data (a member record, a
#: sign-up, a contact message…) or per export of a list of them: `action` (the audit
#: log's code, e.g. "member.viewed"), `summary` (one line naming the record, never its
#: contents), `by` (who looked), `constituency` (whose data it is, or None), `record`
#: ("app_label.Model:pk", or for a list what was listed), `people` (the email addresses
#: of everyone whose data was shown) and `details` (JSON-able, e.g. the event and count).
personal_data_viewed = Signal()


def personal_data_seen(
    action: str,
    summary: str,
    *,
    by,
    record: str,
    people=(),
    constituency=None,
    **details,
) -> None:
    """Say that `by` has just seen the personal data of `people` in `record`. One audit
    entry is written per call: call it once per page or file, never per row."""
    personal_data_viewed.send(
        sender=None,
        action=action,
        summary=summary,
        by=by,
        constituency=constituency,
        record=record,
        people=[email.strip().lower() for email in people if email],
        details=details,
    )


def record_of(instance) -> str:
    """How the audit log names one record: "membersnet_members.Member:12"."""
    return f"{instance._meta.label}:{instance.pk}"
