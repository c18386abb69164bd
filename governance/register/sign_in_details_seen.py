"""Who can sign in to an account, and its recovery email and phone, are personal data
the register shows its keepers and central staff: each list or form that shows them
is one audit entry naming whose details were on it."""

from governance import audit


def sign_in_details_seen(by, constituency, entries, *, record: str = "") -> None:
    """Record that `by` has just seen the sign-in details of `entries` (their other
    holders and recovery details prefetched or cheap to read). Nothing is written when
    none of them holds any: officers' names on their own register are not recorded."""
    entries = list(entries)
    shown = [entry for entry in entries if _holds_sign_in_details(entry)]
    if not shown:
        return
    people = [entry.recovery_email for entry in shown if entry.recovery_email]
    people += [holder.email for entry in shown for holder in entry.other_holders.all()]
    count = len(shown)
    if constituency is None:  # on the hub: the CLP whose register it is, if only one
        theirs = {entry.unit.constituency for entry in shown}
        constituency = theirs.pop() if len(theirs) == 1 else None
    audit.record(
        "register.sign_in_details_viewed",
        f"Sign-in details of {count} register {'entry' if count == 1 else 'entries'} viewed",
        actor=by,
        constituency=constituency,
        unit=shown[0].unit if count == 1 else None,
        record=record or "governance.PresenceEntry",
        people=people,
        entries=[entry.pk for entry in shown],
        count=count,
    )


def _holds_sign_in_details(entry) -> bool:
    return bool(entry.recovery_email or entry.recovery_phone or entry.other_holders.all())
