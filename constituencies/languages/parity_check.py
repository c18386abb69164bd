"""The nightly parity check of one constituency (`tasks.check_language_parity`, sent to
every site by beat at 2:45am): its 48-hour flags, then its summary for the hub."""

from django.utils import timezone

from .gap_flags import FlagCheck, check_gap_flags
from .middleware import offers_welsh
from .models import LanguageGapFlag
from .parity import forget_summary, site_parity, store_summary


def check_parity(constituency, now=None) -> FlagCheck:
    """In `constituency`'s schema. A site that does not offer Welsh (or no longer
    does) has no gaps: its open flags are resolved and its summary dropped."""
    now = now or timezone.now()
    if not offers_welsh(constituency):
        resolved = LanguageGapFlag.objects.filter(resolved_at__isnull=True).update(resolved_at=now)
        forget_summary(constituency)
        return FlagCheck(raised=0, resolved=resolved, emailed=0)
    flags = check_gap_flags(constituency, site_parity(), now)
    store_summary(constituency, site_parity(), now)  # read again: with today's flags
    return flags
