"""Every public form, and every site's and the hub's footer, links to the privacy notice
that covers what the visitor sends: a site's forms to that site's notice, the hub's
forms (reporting an account, creating an account) to the hub's."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns.models import Action, Audience, NationalCampaign
from constituencies.contact.models import ContactMessage
from constituencies.signups.models import EventShift
from constituencies.website.models import Representative
from tests.factories import add_event
from tests.helpers import client_for, page_of

SITE_LINK = '<a href="/privacy/">privacy notice</a>'
HUB_LINK = '<a href="http://localhost/privacy/">privacy notice</a>'
FOOTER_LINK = '<a href="/privacy/">Privacy</a>'


@pytest.fixture
def pledge_campaign(db):
    today = timezone.localdate()
    return NationalCampaign.objects.create(
        slug="sign-for-homes",
        title="Homes for all",
        summary="Council homes.",
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=30),
        action=Action.PLEDGE,
        pledge_text="I back a new generation of council homes.",
        audience=Audience.ALL,
        is_published=True,
    )


def test_the_contact_form_links_to_the_sites_notice(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")
    page = page_of(client_for(clp_a).get("/contact/"))
    assert 'name="message"' in page
    assert SITE_LINK in page


def test_the_event_sign_up_form_links_to_the_sites_notice(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Street stall")
    page = page_of(client_for(clp_a).get(event.url + "sign-up/"))
    assert 'name="email"' in page
    assert SITE_LINK in page


def test_the_sign_up_form_with_shifts_links_to_the_sites_notice(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Phone bank", hours=2)
        EventShift.objects.create(
            event=event, starts_at=event.starts_at, ends_at=event.ends_at, capacity=3
        )
    page = page_of(client_for(clp_a).get(event.url + "sign-up/"))
    assert 'name="shifts"' in page
    assert SITE_LINK in page


def test_confirming_a_message_links_to_the_sites_notice(clp_a, in_schema):
    with in_schema(clp_a):
        Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")
        message = ContactMessage.objects.create(
            name="Ann Example",
            email="ann@example.org",
            postcode="TF1 1AA",
            subject="Buses",
            message="Hello",
            recipient_name="Ada Lovelace",
            recipient_email="mp@example.org",
            retain_until=timezone.now() + dt.timedelta(days=30),
        )
    page = page_of(client_for(clp_a).get(f"/contact/confirm/{message.token}/"))
    assert "Confirm and send" in page
    assert SITE_LINK in page


def test_the_campaign_pledge_form_links_to_the_sites_notice(clp_b, pledge_campaign):
    page = page_of(client_for(clp_b).get("/campaigns/sign-for-homes/"))
    assert 'name="email"' in page
    assert SITE_LINK in page


def test_the_account_report_form_links_to_the_hubs_notice(hub_client):
    page = page_of(hub_client.get("/official/report/"))
    assert 'name="details"' in page
    assert SITE_LINK in page  # on the hub, /privacy/ is the hub's notice


def test_creating_an_account_links_to_the_hubs_notice(hub_client):
    page = page_of(hub_client.get("/accounts/signup/"))
    assert HUB_LINK in page


@pytest.mark.parametrize("path", ["/", "/news/", "/events/", "/contact/", "/privacy/"])
def test_every_site_page_links_to_its_notice_in_the_footer(clp_a, path):
    assert FOOTER_LINK in page_of(client_for(clp_a).get(path))


@pytest.mark.parametrize("path", ["/", "/official/", "/privacy/"])
def test_the_hub_links_to_its_notice_in_the_footer(hub_client, path):
    assert FOOTER_LINK in page_of(hub_client.get(path))


def test_membersnet_links_to_the_hubs_notice_in_its_footer(member_user):
    page = page_of(client_for("localhost", member_user).get("/membersnet/"))
    assert FOOTER_LINK in page
