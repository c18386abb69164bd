from django_tenants.utils import get_public_schema_name, get_tenant_model, schema_context

from labourhub.celery import app

from .delivery import deliver, relay_due


@app.task
def deliver_email(email_id: int) -> str:
    """Send one email from the outbox of the schema it was queued in."""
    return deliver(email_id)


@app.task
def relay_due_emails() -> dict:
    """Every minute (beat): in the hub and every constituency, hand workers the emails
    that are due and nobody is sending. Returns how many, by schema, where any."""
    schemas = [get_public_schema_name()] + list(
        get_tenant_model()
        .objects.exclude(schema_name=get_public_schema_name())
        .values_list("schema_name", flat=True)
    )
    relayed = {}
    for schema_name in schemas:
        with schema_context(schema_name):
            count = relay_due()
        if count:
            relayed[schema_name] = count
    return relayed
