"""Uploading a CLP's adopted standing orders: one function, for the Membersnet page
and anything else that needs it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .access import can_upload_standing_orders
from .models import StandingOrders


@transaction.atomic
def upload_standing_orders(*, constituency, by, title, adopted_on, file, text) -> StandingOrders:
    """Store standing orders for `constituency`, uploaded by `by`, who must be its
    Secretary (or central staff). The record and its file are saved together or not
    at all: a failure leaves neither behind."""
    if not can_upload_standing_orders(by, constituency):
        raise PermissionDenied("Only the CLP's Secretary can upload its standing orders.")
    orders = StandingOrders(
        constituency=constituency,
        title=title.strip(),
        adopted_on=adopted_on,
        file=file,
        text=text.strip(),
        uploaded_by=by,
    )
    orders.full_clean()
    try:
        orders.save()
    except Exception:
        if orders.file.name:
            orders.file.storage.delete(orders.file.name)
        raise
    return orders
