"""Personal data's background work: each task is a thin wrapper round its operation."""

from celery import shared_task

from . import exporting


@shared_task(bind=True)
def run_export(self, request_id: int) -> str:
    return exporting.run_export(request_id, self.request.id)
