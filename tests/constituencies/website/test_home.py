"""A constituency's home page: its news, events, representative or officers, and call to action."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image
from wagtail.models import Site

from constituencies.website.models import (
    EventPage,
    Representative,
    SiteSettings,
)
from tests.factories import add_event, add_news, make_officer
from tests.helpers import client_for

from .shared import _get, _image


def test_the_home_page_introduces_the_mp(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(
            name="Nora North",
            kind="mp",
            email="nora@example.org",
            biography="Nora was a bus driver for twenty years.",
            photo=_image("Nora", "Nora North smiling"),
        )
    _, html = _get(clp_a, "/")
    assert "Member of Parliament for Testford North" in html
    assert "Nora was a bus driver" in html
    assert 'alt="Nora North smiling"' in html
    assert 'href="/contact/">Contact Nora North' in html


def test_a_constituency_without_an_mp_shows_its_candidate(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(name="Cal Candidate", kind="candidate", email="c@example.org")
    _, html = _get(clp_a, "/")
    assert "Labour candidate for Testford North" in html


def test_with_no_mp_or_candidate_the_home_page_shows_the_officers(clp_a, officer_a):
    _, html = _get(clp_a, "/")
    assert "Contact the local party" in html
    assert f"{escape(officer_a.get_full_name())}, Secretary" in html  # "O&#x27;Brien"


def test_an_officer_without_a_name_is_listed_by_role_never_by_email(clp_a):

    nameless = make_officer(clp_a, role="social_media_officer", first_name="", last_name="")
    _, html = _get(clp_a, "/")
    assert "<li>Social Media Officer</li>" in html
    assert nameless.email not in html


def test_the_cached_home_page_follows_a_new_appointment_at_once(
    clp_a, django_capture_on_commit_callbacks
):

    assert client_for(clp_a).get("/").headers["X-Page-Cache"] == "miss"
    assert client_for(clp_a).get("/").headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        officer = make_officer(
            clp_a, role="social_media_officer", first_name="Sami", last_name="New"
        )
    response = client_for(clp_a).get("/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert f"{officer.get_full_name()}, Social Media Officer" in response.content.decode()


def test_the_home_page_links_to_get_involved_and_membersnet(clp_a):
    _, html = _get(clp_a, "/")
    assert 'href="/get-involved/"' in html
    assert 'href="http://localhost/membersnet/">Members: go to Membersnet' in html


def test_only_one_representative_can_be_current(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(name="First", email="first@example.org")
        second = Representative(name="Second", email="second@example.org", is_current=True)
        with pytest.raises(ValidationError, match="First is already the current representative"):
            second.full_clean()


def test_images_on_the_site_need_alt_text(clp_a, in_schema):
    with in_schema(clp_a):
        bare = _image("Bare", alt="")
        with pytest.raises(ValidationError, match="no alt text"):
            Representative(name="X", email="x@example.org", photo=bare).full_clean()
        news = add_news("Story", lead_image=_image("Ok"))
        news.lead_image = bare
        with pytest.raises(ValidationError, match="no alt text"):
            news.full_clean()


def test_the_image_form_requires_alt_text(clp_a, in_schema):

    with in_schema(clp_a):
        form_class = get_image_form(Image)
        form = form_class(data={"title": "Stall", "description": "", "collection": 1})
        assert not form.is_valid()
        assert "description" in form.errors
        assert form.fields["description"].label == "Alt text"


def test_site_settings_set_the_accent_colour_and_imprint(clp_a, in_schema):
    with in_schema(clp_a):
        settings = SiteSettings.for_site(Site.objects.get())
        settings.accent_colour = "#6d0e2b"
        settings.imprint = "Promoted by A. Agent for Testford North Labour, 1 High St."
        settings.save()
    _, html = _get(clp_a, "/")
    # The stylesheet holds the colour (tests/platform/test_security_headers.py checks
    # each one): pages carry no inline style.
    assert '<html lang="en-GB" data-accent="burgundy">' in html
    assert "Promoted by A. Agent for Testford North Labour" in html


def test_the_home_page_drops_an_event_when_it_finishes_with_no_publish_in_between(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Street stall", starts_in_days=0, hours=1)
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - dt.timedelta(hours=1),
            ends_at=timezone.now() + dt.timedelta(seconds=2),
        )
    uncached = {"HTTP_COOKIE": "sessionid=x"}  # past the page cache, to the listings
    client_for(clp_a).get("/", **uncached)  # a publish clears the site's lists: refill them
    assert "Street stall" in client_for(clp_a).get("/", **uncached).content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=3)):
        assert "Street stall" not in client_for(clp_a).get("/", **uncached).content.decode()
