"""Anyone can ask the hub whether an account or site is an official one, however they
write it, and is pointed to the report form when it isn't."""

import html

import pytest

from governance.models import PartyUnit, PresenceEntry
from governance.register.entries import add_entry
from tests.helpers import client_for, text_of

OFFICIAL = "/official/"


@pytest.fixture
def x_account(unit_a, officer_a):
    """Known only by its handle, as many officers will enter it."""
    return add_entry(
        unit=unit_a,
        platform=PresenceEntry.Platform.X,
        handle="@TestfordNorthLabour",
        purpose="News",
        controllers=[officer_a],
        credentials_note="Kept in the CLP's password manager",
    )


@pytest.fixture
def website(unit_a, officer_a):
    return add_entry(
        unit=unit_a,
        platform=PresenceEntry.Platform.WEBSITE,
        url="https://www.testfordnorthlabour.org.uk/",
        purpose="Our old site",
        controllers=[officer_a],
        credentials_note="With the Secretary",
    )


def look_up(client, account, **extra):
    return client.get(OFFICIAL, {"account": account}, **extra)


def test_the_page_asks_for_a_handle_or_address(visitor):
    response = visitor.get(OFFICIAL)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_account">Handle or address' in page
    assert "Is this account official?" in page


@pytest.mark.parametrize(
    "typed",
    [
        "@TestfordNorthLabour",
        "TestfordNorthLabour",
        "testfordnorthlabour",
        "@TESTFORDNORTHLABOUR",
        "  @TestfordNorthLabour  ",
        "https://x.com/TestfordNorthLabour",
        "http://x.com/TestfordNorthLabour",
        "https://www.x.com/TestfordNorthLabour/",
        "x.com/testfordnorthlabour",
        "https://twitter.com/TestfordNorthLabour",
        "twitter.com/TestfordNorthLabour/",
        "https://mobile.twitter.com/TestfordNorthLabour?lang=en",
        "https://x.com/@TestfordNorthLabour",
    ],
)
def test_an_official_account_is_found_however_it_is_written(visitor, x_account, typed):
    response = look_up(visitor, typed)
    page = text_of(response)
    assert response.status_code == 200
    assert "is on the register" in page
    assert "X (Twitter): @TestfordNorthLabour" in page
    assert "Official account of Testford North (Constituency Labour Party)" in page


@pytest.mark.parametrize(
    "typed",
    [
        "https://www.testfordnorthlabour.org.uk/",
        "http://testfordnorthlabour.org.uk",
        "testfordnorthlabour.org.uk",
        "www.testfordnorthlabour.org.uk/",
        "HTTPS://WWW.TESTFORDNORTHLABOUR.ORG.UK",
        "https://testfordnorthlabour.org.uk//",
    ],
)
def test_an_official_website_is_found_however_its_address_is_written(visitor, website, typed):
    page = text_of(look_up(visitor, typed))
    assert "is on the register" in page
    assert "Website: https://www.testfordnorthlabour.org.uk/" in page


def test_a_branchs_and_a_forums_accounts_name_their_unit_and_kind(visitor, clp_a, clp_b, officer_a):
    branch = PartyUnit.objects.create(kind="branch", name="Northgate", constituency=clp_a)
    forum = PartyUnit.objects.create(kind="lcf", name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    for unit, handle in ((branch, "@NorthgateLabour"), (forum, "@TestfordLCF")):
        add_entry(
            unit=unit,
            platform="instagram",
            handle=handle,
            purpose="Photos",
            controllers=[officer_a],
            credentials_note="Password manager",
        )
    page = text_of(look_up(visitor, "instagram.com/northgatelabour"))
    assert "Instagram: @NorthgateLabour" in page
    assert "Official account of Northgate (Branch)" in page
    page = text_of(look_up(visitor, "@testfordlcf"))
    assert "Official account of Testford LCF (Local Campaign Forum)" in page


def test_an_unknown_account_is_said_clearly_not_to_be_on_the_register(visitor, x_account):
    response = look_up(visitor, "@TestfordNorthLabourOfficial")
    page = text_of(response)
    assert response.status_code == 200
    assert "No: “@TestfordNorthLabourOfficial” is not on the register" in page
    assert "is on the register" not in page.replace("is not on the register", "")


def test_an_unknown_account_links_to_the_report_form_with_the_account_filled_in(visitor):
    response = look_up(visitor, "https://x.com/Fake Labour&Co")
    page = html.unescape(response.content.decode())
    assert 'href="/official/report/?account=https%3A%2F%2Fx.com%2FFake+Labour%26Co"' in page

    form = visitor.get("/official/report/", {"account": "https://x.com/Fake Labour&Co"})
    assert 'value="https://x.com/Fake Labour&amp;Co"' in form.content.decode()


def test_an_official_account_links_to_report_it_misbehaving_with_its_unit_chosen(
    visitor, unit_a, x_account
):
    response = look_up(visitor, "@TestfordNorthLabour")
    page = html.unescape(response.content.decode())
    link = f"/official/report/?account=%40TestfordNorthLabour&unit={unit_a.pk}&reason=misbehaving"
    assert f'href="{link}"' in page
    form = visitor.get(link).content.decode()
    assert f'<option value="{unit_a.pk}" selected>' in form
    assert 'value="misbehaving" required id="id_reason_1" checked' in form


def test_a_link_to_another_network_does_not_match_an_account_of_the_same_name(visitor, x_account):
    page = text_of(look_up(visitor, "https://www.instagram.com/TestfordNorthLabour/"))
    assert "is not on the register" in page
    assert "X (Twitter)" not in page


def test_the_same_handle_on_two_networks_lists_both(visitor, unit_a, officer_a, x_account):
    add_entry(
        unit=unit_a,
        platform="bluesky",
        url="https://bsky.app/profile/testfordnorthlabour",
        purpose="News",
        controllers=[officer_a],
        credentials_note="Password manager",
    )
    page = text_of(look_up(visitor, "@testfordnorthlabour"))
    assert "X (Twitter): @TestfordNorthLabour" in page
    assert "Bluesky: https://bsky.app/profile/testfordnorthlabour" in page


def test_the_answer_never_shows_who_controls_the_account_or_where_details_are_kept(
    visitor, officer_a, x_account
):
    page = text_of(look_up(visitor, "@TestfordNorthLabour"))
    assert officer_a.email not in page
    assert str(officer_a) not in page
    assert "password manager" not in page


@pytest.mark.parametrize(
    ("typed", "explanation"),
    [
        ("", "Type the account's handle or address"),
        ("    ", "Type the account's handle or address"),
        ("x" * 301, "That is too long to be a handle or address: use 300 characters at most."),
        ("http://[oops", "That isn't a handle or an address we can read."),
        ("bad\x00byte", "Null characters are not allowed."),
    ],
)
def test_bad_input_is_explained_without_an_error_page(visitor, x_account, typed, explanation):
    response = look_up(visitor, typed)
    page = text_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert explanation in page
    assert "is on the register" not in page


def test_exactly_300_characters_is_looked_up(visitor):
    response = look_up(visitor, "a" * 300)
    assert response.status_code == 200
    assert "is not on the register" in text_of(response)


def test_what_was_typed_is_shown_back_escaped(visitor):
    response = look_up(visitor, '<script>alert("x")</script>')
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_too_many_lookups_from_one_address_are_refused_keeping_what_was_typed(
    visitor, x_account, settings
):
    settings.OFFICIAL_LOOKUP_RATE_LIMIT = "2/h"
    assert look_up(visitor, "@one").status_code == 200
    assert look_up(visitor, "@two").status_code == 200
    response = look_up(visitor, "@TestfordNorthLabour")
    assert response.status_code == 429
    assert "Too many attempts" in text_of(response)
    assert 'value="@TestfordNorthLabour"' in response.content.decode()
    assert "is on the register" not in text_of(response)
    assert look_up(visitor, "@TestfordNorthLabour", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_lookup_is_generous_enough_for_people(visitor):
    for number in range(30):
        assert look_up(visitor, f"@account{number}").status_code == 200


def test_opening_the_page_without_a_question_does_not_count_against_the_limit(visitor, settings):
    settings.OFFICIAL_LOOKUP_RATE_LIMIT = "1/h"
    for _ in range(3):
        assert visitor.get(OFFICIAL).status_code == 200
    assert look_up(visitor, "@one").status_code == 200


def test_the_answer_is_never_cached(visitor, x_account):
    response = look_up(visitor, "@TestfordNorthLabour")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_signed_in_people_get_the_same_answer(member_user, x_account):
    page = text_of(look_up(client_for("localhost", member_user), "@TestfordNorthLabour"))
    assert "is on the register" in page


def test_the_lookup_is_the_hubs_not_a_constituency_sites(clp_a, x_account):
    assert look_up(client_for(clp_a), "@TestfordNorthLabour").status_code == 404


def test_every_public_page_points_to_the_lookup(clp_a, hub):
    hub_page = client_for("localhost").get("/").content.decode()
    assert '<a href="/official/">Check whether it is official</a>' in hub_page
    site_page = client_for(clp_a).get("/").content.decode()
    assert 'href="http://localhost/official/">Is an account official? Check it</a>' in site_page
