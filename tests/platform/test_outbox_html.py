"""HTML emails through the outbox: the HTML alternative is stored with the plain text,
survives a failed first attempt, and plain emails stay plain."""

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

from outbox.models import OutgoingEmail, UnsupportedAlternative
from outbox.queueing import queue_email
from tests.helpers import run_outbox_sweep

State = OutgoingEmail.State
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
HTML = '<p lang="en-GB">Hello <strong>O&#x27;Brien</strong></p>'


def _queue(django_capture_on_commit_callbacks, message) -> OutgoingEmail:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        return queue_email(message, about="test.html")


def _html_message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Hello",
        body="Hello O'Brien",
        from_email="Testford North Labour <no-reply@example.org>",
        to=["someone@example.org"],
        reply_to=["party@example.org"],
    )
    message.attach_alternative(HTML, "text/html")
    message.attach("event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return message


def _parts(sent) -> dict:
    """The content types of the sent message's parts, with their decoded text."""
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in sent.message().walk()
        if not part.is_multipart()
    }


def test_an_html_email_is_sent_with_its_plain_text_and_attachment(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    email = _queue(django_capture_on_commit_callbacks, _html_message())
    email.refresh_from_db()
    assert email.state == State.SENT
    assert email.html_body == HTML
    [sent] = mailoutbox
    assert sent.alternatives == [(HTML, "text/html")]
    parts = _parts(sent)
    assert parts["text/plain"] == "Hello O'Brien"
    assert parts["text/html"] == HTML
    assert "BEGIN:VCALENDAR" in parts["text/calendar"]
    assert sent.from_email == "Testford North Labour <no-reply@example.org>"
    assert sent.reply_to == ["party@example.org"]


def test_an_html_email_keeps_its_html_through_a_failed_first_attempt(
    db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.platform.test_outbox.RefusingMailServer"
    email = _queue(django_capture_on_commit_callbacks, _html_message())
    email.refresh_from_db()
    assert email.state == State.QUEUED
    assert mailoutbox == []

    settings.EMAIL_BACKEND = LOCMEM
    assert run_outbox_sweep(minutes_later=2) == 1
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.SENT, 2)
    [sent] = mailoutbox
    assert sent.body == "Hello O'Brien"
    assert sent.alternatives == [(HTML, "text/html")]
    assert sent.message()["Message-ID"] == email.message_id


def test_a_plain_email_stays_plain(db, mailoutbox, django_capture_on_commit_callbacks):
    email = _queue(
        django_capture_on_commit_callbacks,
        EmailMessage(subject="Plain", body="Just text", to=["someone@example.org"]),
    )
    email.refresh_from_db()
    assert email.html_body == ""
    [sent] = mailoutbox
    assert type(sent) is EmailMessage
    assert sent.message().get_content_type() == "text/plain"


def test_an_alternative_the_outbox_cannot_keep_is_refused_not_dropped(db):
    message = EmailMultiAlternatives(subject="Odd", body="x", to=["a@example.org"])
    message.attach_alternative("# Markdown", "text/markdown")
    with pytest.raises(UnsupportedAlternative, match="text/markdown"):
        OutgoingEmail.from_message(message)
    assert not OutgoingEmail.objects.exists()
