from celery import shared_task

from .retention import apply_retention


@shared_task
def apply_retention_everywhere() -> dict | None:
    """Nightly (beat): delete or anonymise the personal data past its retention period,
    in the hub and every constituency (personal_data.retention). Returns the count per
    period, or None when another run was under way."""
    run = apply_retention()
    if run is None:
        return None
    return {"totals": run.totals, "failed": [failure["schema"] for failure in run.failures]}
