"""The event sign-up tests' fixtures."""

import pytest
from django.core import mail

from constituencies.signups.models import EventSignup
from tests.factories import add_event
from tests.helpers import client_for

from .shared import confirm_requests_since, person, sign_up_url


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST to a site, running what is queued on commit (the emails) as a real request's
    commit would."""

    def _post(client, path, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {})

    return _post


@pytest.fixture
def sign_up(post, clp_a):
    """A visitor (their own browser) signs up to an event of site A and, unless told
    `confirm=False`, confirms it as they would: opening the link in the email that asks
    them to, and pressing Confirm (shared.confirm_requests_since)."""

    def _sign_up(event, name="Ann Example", email=None, client=None, confirm=True, **extra):
        client = client or client_for(clp_a)
        sent_before = len(mail.outbox)
        response = post(client, sign_up_url(event), person(name, email, **extra))
        if confirm:
            confirm_requests_since(post, clp_a, sent_before)
        return response

    return _sign_up


@pytest.fixture
def stored(in_schema, clp_a):
    """The sign-ups stored in a site's schema (site A unless told), oldest first."""

    def _stored(constituency=None, **filters):
        with in_schema(constituency or clp_a):
            return list(EventSignup.objects.filter(**filters).order_by("created_at", "pk"))

    return _stored


@pytest.fixture
def event_a(clp_a, in_schema):
    with in_schema(clp_a):
        return add_event("Street stall on the high street", venue="Market Square")


@pytest.fixture
def small_event(clp_a, in_schema):
    """An event with two places."""
    with in_schema(clp_a):
        return add_event("Phone bank training", capacity=2)
