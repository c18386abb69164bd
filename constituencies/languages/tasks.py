from celery import shared_task

from constituencies.models import Constituency
from labourhub.celery import ConstituencyTask

from .parity_check import check_parity


@shared_task(base=ConstituencyTask)
def check_language_parity() -> dict:
    """The nightly parity check of the constituency the task was sent for."""
    result = check_parity(Constituency.objects.current())
    return {"raised": result.raised, "resolved": result.resolved, "emailed": result.emailed}
