"""Suspending and archiving a constituency, as its visitors see it."""

import pytest
from django.core.exceptions import ValidationError

from constituencies.signups.models import EventSignup
from tests.factories import add_event
from tests.helpers import client_for


def test_a_suspended_site_shows_a_holding_page_on_every_public_url(clp_a):
    clp_a.suspend()
    for path in ("/", "/news/", "/events/", "/no-such-page/"):
        response = client_for(clp_a).get(path)
        assert response.status_code == 503
        assert "This site is temporarily unavailable" in response.content.decode()


def test_an_archived_site_says_it_has_closed(clp_a):
    clp_a.archive()
    response = client_for(clp_a).get("/")
    assert response.status_code == 410
    assert "This site has closed" in response.content.decode()


@pytest.mark.parametrize("close", ["suspend", "archive"])
def test_people_can_still_give_up_their_place_but_not_sign_up(
    close, clp_a, in_schema, django_capture_on_commit_callbacks
):

    with in_schema(clp_a):
        event = add_event("Street stall", starts_in_days=5)
    visitor = client_for(clp_a)
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(
            event.url + "sign-up/",
            {"name": "Ann Example", "email": "ann@example.org", "consent": "on", "website": ""},
        )
    with in_schema(clp_a):
        signup = EventSignup.objects.get()
    getattr(clp_a, close)()

    assert visitor.get(event.url + "sign-up/").status_code in (503, 410)
    cancel = f"/sign-ups/{signup.token}/cancel/"
    assert "Cancel my place" in visitor.get(cancel).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(cancel)
    with in_schema(clp_a):
        assert EventSignup.objects.get().status == EventSignup.Status.CANCELLED


def test_reactivating_brings_the_site_back(clp_a):
    clp_a.suspend()
    clp_a.reactivate()
    assert client_for(clp_a).get("/").status_code == 200


def test_suspending_one_site_leaves_others_alone(clp_a, clp_b):
    clp_a.suspend()
    assert client_for(clp_b).get("/").status_code == 200


def test_an_archived_site_cannot_be_suspended_without_reactivating(clp_a):
    clp_a.archive()
    with pytest.raises(ValidationError, match="must be reactivated first"):
        clp_a.suspend()


def test_the_hub_cannot_be_suspended(hub):
    with pytest.raises(ValidationError):
        hub.suspend()


def test_an_unknown_host_is_not_found(db):
    assert client_for("nowhere.localhost").get("/").status_code == 404
