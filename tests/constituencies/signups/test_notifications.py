"""The sign-up emails, when the mail server is down."""

from django.core import mail

from outbox.tasks import relay_due
from tests.helpers import client_for, run_outbox_sweep

from .shared import (
    BROKEN_MAIL_SERVER,
    CONFIRMED,
    LOCMEM,
    confirm_link,
    ics_of,
    person,
    sign_up_url,
    text,
)


def test_a_sign_up_is_kept_when_the_mail_server_is_down_and_emailed_once_it_is_back(
    clp_a, event_a, in_schema, post, stored, settings
):
    settings.EMAIL_BACKEND = BROKEN_MAIL_SERVER
    visitor = client_for(clp_a)
    response = post(visitor, sign_up_url(event_a), person("Ann Example", "ann@example.org"))

    assert response.status_code == 302
    assert "We're holding your place." in text(visitor.get(response["Location"]))
    [signup] = stored()
    assert signup.status == CONFIRMED
    assert signup.is_pending
    assert mail.outbox == []

    settings.EMAIL_BACKEND = LOCMEM
    with in_schema(clp_a):
        assert relay_due() == 0  # the retry is not due for a minute
        assert run_outbox_sweep(minutes_later=5) == 1
    [request] = mail.outbox
    assert request.to == ["ann@example.org"]
    assert request.subject == "Confirm your place: Street stall on the high street"

    settings.EMAIL_BACKEND = BROKEN_MAIL_SERVER
    post(visitor, confirm_link(request))
    settings.EMAIL_BACKEND = LOCMEM
    assert stored()[0].confirmed_at is not None
    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 1
    [_, message] = mail.outbox
    assert "Street stall on the high street" in message.subject
    assert ics_of(message).walk("VEVENT")

    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 0
    assert len(mail.outbox) == 2
