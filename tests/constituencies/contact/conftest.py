"""The contact form tests' fixtures: the sites, their representatives, and posting as a
request would."""

import pytest

from constituencies.contact.models import ContactMessage
from constituencies.website.models import Representative
from tests.helpers import client_for

from .shared import CONTACT


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST to a site, running what is queued on commit (the emails) as a real
    request's commit would."""

    def _post(client, data, path=CONTACT, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, **extra)

    return _post


@pytest.fixture
def get(django_capture_on_commit_callbacks):
    def _get(client, path, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(path, **extra)

    return _get


@pytest.fixture
def confirm(django_capture_on_commit_callbacks):
    """Press "Confirm and send" on a confirmation link's page."""

    def _confirm(client, path, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, **extra)

    return _confirm


@pytest.fixture
def stored_in(in_schema):
    """Every message stored in a constituency's schema, newest first."""

    def _stored_in(constituency):
        with in_schema(constituency):
            return list(ContactMessage.objects.all())

    return _stored_in


@pytest.fixture
def mp_a(clp_a, in_schema):
    with in_schema(clp_a):
        return Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")


@pytest.fixture
def mp_b(clp_b, in_schema):
    with in_schema(clp_b):
        return Representative.objects.create(name="Bryn Jones", kind="mp", email="mp.b@example.org")


@pytest.fixture
def site_a(clp_a):
    return client_for(clp_a)
