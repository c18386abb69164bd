"""The personal-data app's background work. Each task is a thin wrapper round the
operation it runs."""

from celery import shared_task
from django.contrib.auth import get_user_model

from . import erasure, exporting
from .models import PersonalDataRequest
from .retention import apply_retention


@shared_task(bind=True)
def run_export(self, request_id: int) -> str:
    """Find a subject access request's person everywhere and store their ZIP."""
    return exporting.run_export(request_id, self.request.id)


@shared_task
def queue_waiting_exports() -> int:
    """Queue again the exports never started. A second message for an export that does
    start is ignored."""
    ids = exporting.waiting_export_ids()
    for request_id in ids:
        run_export.delay(request_id)
    return len(ids)


@shared_task(bind=True)
def run_erasure_request(self, request_id: int, by_id: int | None = None) -> str:
    """Erase an erasure request's person in every schema it has not yet done."""
    PersonalDataRequest.objects.filter(pk=request_id).update(task_id=self.request.id or "")
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    return erasure.run_erasure(request_id, by=by).status


@shared_task
def apply_retention_everywhere() -> dict | None:
    """Nightly (beat): delete or anonymise the personal data past its retention period,
    in the hub and every constituency (personal_data.retention). Returns the count per
    period, or None when another run was under way."""
    run = apply_retention()
    if run is None:
        return None
    return {"totals": run.totals, "failed": [failure["schema"] for failure in run.failures]}
