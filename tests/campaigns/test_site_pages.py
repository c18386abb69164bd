"""A campaign on a constituency's site: on its home page and at /campaigns/<slug>/ on the
sites it goes to, nowhere else; the pledge form; the site's own events for it."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.db import connection
from PIL import Image as PILImage

from campaigns import pledging
from campaigns.models import Audience, CampaignOptOut, CampaignPledge
from constituencies import page_cache
from constituencies.models import Nation
from personal_data.retention import apply_retention
from privacy import consent
from tests.constituencies.website.shared import _image
from tests.factories import add_event
from tests.helpers import client_for, html_of, page_of, text_of

PLEDGE = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "postcode": "tf1 1aa",
    "consent": "on",
    "website": "",
}


def test_the_home_page_shows_the_campaign_only_on_the_sites_it_goes_to(make_campaign, clp_a, clp_b):
    make_campaign(audience=Audience.NATION, nation=Nation.WALES, title="Cymru campaign")
    assert "Cymru campaign" in page_of(client_for(clp_b).get("/"))
    assert "Cymru campaign" not in page_of(client_for(clp_a).get("/"))
    assert "National campaigns" not in page_of(client_for(clp_a).get("/"))


def test_the_campaign_page_answers_only_where_it_goes(make_campaign, clp_a, clp_b, hub_client):
    make_campaign(audience=Audience.LIST, constituencies=[clp_a])
    page = page_of(client_for(clp_a).get("/campaigns/fair-pay/"))
    assert "Fair pay for all" in page
    assert "Knock on doors in your high street." in page
    assert client_for(clp_b).get("/campaigns/fair-pay/").status_code == 404
    assert client_for(clp_a).get("/campaigns/no-such-thing/").status_code == 404
    assert hub_client.get("/campaigns/fair-pay/card.png").status_code == 404


def test_a_hidden_campaign_is_gone_from_that_site_only(make_campaign, clp_a, clp_b):
    campaign = make_campaign(officers_may_hide=True)
    CampaignOptOut.objects.create(campaign=campaign, constituency=clp_a)
    assert client_for(clp_a).get("/campaigns/fair-pay/").status_code == 404
    assert "Fair pay for all" not in page_of(client_for(clp_a).get("/"))
    assert client_for(clp_b).get("/campaigns/fair-pay/").status_code == 200


def test_the_campaign_page_lists_this_sites_own_events_for_it(
    make_campaign, clp_a, clp_b, in_schema
):
    campaign = make_campaign()
    with in_schema(clp_a):
        add_event("Fair pay stall", campaign=campaign).save_revision().publish()
        add_event("Unrelated quiz night").save_revision().publish()
    with in_schema(clp_b):
        add_event("Fair pay rally in the south", campaign=campaign).save_revision().publish()
    text = text_of(client_for(clp_a).get("/campaigns/fair-pay/"))
    assert "Fair pay stall" in text
    assert "Unrelated quiz night" not in text
    assert "rally in the south" not in text


def test_the_page_shares_with_an_image_the_size_it_says(make_campaign, clp_a):
    make_campaign(image=_image(alt="Marchers on the bridge"))
    html = page_of(client_for(clp_a).get("/campaigns/fair-pay/"))
    assert 'property="og:image:width" content="1200"' in html
    assert 'property="og:image:alt" content="Marchers on the bridge"' in html
    image_url = html.split('property="og:image" content="')[1].split('"')[0]
    assert image_url.startswith("http://testford-north.localhost/media/public/images/")
    # Served by the site itself (the hub's images are public), at 1200×630.
    served = client_for(clp_a).get(image_url.removeprefix("http://testford-north.localhost"))
    assert served.status_code == 200
    image = PILImage.open(io.BytesIO(b"".join(served.streaming_content)))
    assert image.size == (1200, 630)


def test_without_an_image_the_page_shares_its_card(make_campaign, clp_a):
    make_campaign()
    html = page_of(client_for(clp_a).get("/campaigns/fair-pay/"))
    assert 'content="http://testford-north.localhost/campaigns/fair-pay/card.png"' in html
    card = client_for(clp_a).get("/campaigns/fair-pay/card.png")
    assert card.status_code == 200
    assert card["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(card.content)).size == (1200, 630)


# --- the pledge ----------------------------------------------------------------------------


def _confirm(pledge, constituency):
    """The pledger opens the emailed link and presses Confirm."""
    return client_for(constituency).post(f"/pledges/{pledge.token}/confirm/")


def test_a_visitor_signs_the_pledge(pledge_campaign, clp_b, django_capture_on_commit_callbacks):
    visitor = client_for(clp_b)
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post("/campaigns/sign-for-homes/", PLEDGE, follow=True)
    # Back to the top of the page, where the thank-you is, not scrolled past it.
    assert response.redirect_chain == [("/campaigns/sign-for-homes/", 302)]
    assert "Thank you: check your email, and press Confirm" in html_of(response)
    assert "0 people have signed" in text_of(response)  # not until it is confirmed
    pledge = CampaignPledge.objects.get()
    [request] = mail.outbox
    assert request.to == ["ada@example.org"]
    assert request.subject.startswith("Confirm your name on the pledge")
    assert f"/pledges/{pledge.token}/confirm/" in request.body
    assert f"/pledges/{pledge.token}/withdraw/" in request.body
    # Opening the link only asks; pressing Confirm counts the name.
    assert "Confirm my pledge" in html_of(
        client_for(clp_b).get(f"/pledges/{pledge.token}/confirm/")
    )
    assert CampaignPledge.objects.get().confirmed_at is None
    assert "Your name is on the pledge" in html_of(_confirm(pledge, clp_b))
    assert "1 person has signed" in text_of(client_for(clp_b).get("/campaigns/sign-for-homes/"))
    pledge = CampaignPledge.objects.get()
    assert pledge.confirmed_at is not None
    assert (pledge.name, pledge.email) == ("Ada Lovelace", "ada@example.org")
    assert pledge.postcode == "TF1 1AA"
    assert pledge.constituency == clp_b
    assert "deleted" in pledge.consent_text
    # What they agreed to, in which version of its wording, and when.
    assert pledge.consent_text == pledging.consent_text()
    assert pledge.consent_text in html_of(client_for(clp_b).get("/campaigns/sign-for-homes/"))
    assert pledge.consent_version == consent.current("pledge").version == "pledge-2026-12"
    assert abs(pledge.consented_at - pledge.created_at) < dt.timedelta(seconds=5)


def test_one_pledge_per_email_and_the_answer_gives_nothing_away(
    pledge_campaign, clp_a, clp_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(clp_a).post("/campaigns/sign-for-homes/", PLEDGE)
        # Pledging again while pending sends the link again.
        client_for(clp_b).post("/campaigns/sign-for-homes/", {**PLEDGE, "email": "ADA@x.org"})
        client_for(clp_b).post("/campaigns/sign-for-homes/", {**PLEDGE, "email": "ADA@x.org"})
    assert [m.subject.split(":")[0] for m in mail.outbox if m.to == ["ADA@x.org"]] == [
        "Confirm your name on the pledge"
    ] * 2
    _confirm(CampaignPledge.objects.get(email="ada@example.org"), clp_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client_for(clp_b).post(
            "/campaigns/sign-for-homes/", {**PLEDGE, "email": "ADA@example.org"}, follow=True
        )
    assert "Thank you: check your email" in html_of(again)
    assert CampaignPledge.objects.count() == 2
    assert "1 person has signed" in text_of(again)
    assert mail.outbox == []  # a confirmed pledge is not asked about again


def test_a_pledge_can_be_withdrawn_from_its_email_and_bad_links_say_so(
    pledge_campaign, clp_a, clp_b
):
    client_for(clp_a).post("/campaigns/sign-for-homes/", PLEDGE)
    pledge = CampaignPledge.objects.get()
    _confirm(pledge, clp_a)
    path = f"/pledges/{pledge.token}/withdraw/"
    assert "Withdraw my pledge" in html_of(client_for(clp_a).get(path))
    assert CampaignPledge.objects.exists()
    done = client_for(clp_a).post(path)
    assert "Your pledge is withdrawn" in html_of(done)
    assert not CampaignPledge.objects.exists()
    assert "0 people have signed" in text_of(client_for(clp_a).get("/campaigns/sign-for-homes/"))
    for response in (
        client_for(clp_a).post(path),
        client_for(clp_b).get(f"/pledges/{pledge.token}/confirm/"),
        client_for(clp_a).get("/pledges/nonsense/confirm/"),
    ):
        assert response.status_code == 404
        assert "This link is not valid, or the pledge was withdrawn" in html_of(response)


def test_pledges_never_confirmed_expire_and_are_deleted(pledge_campaign, clp_a, time_machine):
    client_for(clp_a).post("/campaigns/sign-for-homes/", PLEDGE)
    pledge = CampaignPledge.objects.get()
    time_machine.move_to(pledge.created_at + dt.timedelta(days=7, minutes=1), tick=False)
    response = _confirm(pledge, clp_a)
    assert response.status_code == 400
    assert "This link has expired" in html_of(response)
    apply_retention()
    assert not CampaignPledge.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "Enter your name."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"postcode": "NOWHERE"}, "Enter a UK postcode, like BS5 6AB."),
        ({"consent": ""}, "Tick the box to agree, or we can't add your name."),
    ],
)
def test_bad_input_says_what_is_wrong_and_keeps_what_was_typed(
    pledge_campaign, clp_a, changes, message
):
    response = client_for(clp_a).post("/campaigns/sign-for-homes/", {**PLEDGE, **changes})
    assert response.status_code == 400
    html = html_of(response)
    assert message in html
    assert "There is a problem" in html
    kept = {**PLEDGE, **changes}
    if kept["email"] != PLEDGE["email"]:
        assert f'value="{kept["email"]}"' in html
    else:
        assert 'value="ada@example.org"' in html
    assert not CampaignPledge.objects.exists()


def test_bots_filling_the_hidden_field_are_thanked_and_ignored(pledge_campaign, clp_a):
    response = client_for(clp_a).post(
        "/campaigns/sign-for-homes/", {**PLEDGE, "website": "http://spam"}, follow=True
    )
    assert "Thank you" in html_of(response)
    assert not CampaignPledge.objects.exists()


def test_pledges_are_rate_limited_and_the_form_keeps_its_input(pledge_campaign, clp_a, settings):
    settings.PLEDGE_RATE_LIMIT = "2/h"
    visitor = client_for(clp_a)
    for number in range(2):
        visitor.post("/campaigns/sign-for-homes/", {**PLEDGE, "email": f"p{number}@example.org"})
    refused = visitor.post("/campaigns/sign-for-homes/", {**PLEDGE, "email": "late@example.org"})
    assert refused.status_code == 429
    assert "Too many attempts" in html_of(refused)
    assert 'value="late@example.org"' in html_of(refused)
    assert CampaignPledge.objects.count() == 2


def test_a_campaign_that_is_not_a_pledge_takes_no_posts(make_campaign, clp_a):
    make_campaign()
    assert client_for(clp_a).post("/campaigns/fair-pay/", PLEDGE).status_code == 405
    assert not CampaignPledge.objects.exists()


def _queries_after_a_purge(constituency, django_assert_max_num_queries) -> tuple[int, str]:
    """Queries of the home page just after the site is purged (what it remembers is
    gone; the hub's pictures, kept for every site, stay), and the page's text."""
    for _ in range(2):  # the first visit after a purge makes the pictures; the next reads
        page_cache._bump_generation(constituency.schema_name)
        client_for(constituency).get("/?warm")
        connection.set_schema_to_public()
    page_cache._bump_generation(constituency.schema_name)
    with django_assert_max_num_queries(100) as counted:
        response = client_for(constituency).get("/")
    connection.set_schema_to_public()
    return len(counted.captured_queries), text_of(response)


def test_the_home_page_asks_no_more_with_more_campaigns(
    make_campaign, clp_a, django_assert_max_num_queries
):
    images = [_image(title=f"Picture {number}") for number in range(7)]
    make_campaign(slug="first", image=images[0])
    one, text = _queries_after_a_purge(clp_a, django_assert_max_num_queries)
    assert text.count("Fair pay for all") == 1
    for number in range(1, 7):
        make_campaign(slug=f"more-{number}", image=images[number])
    seven, text = _queries_after_a_purge(clp_a, django_assert_max_num_queries)
    assert text.count("Fair pay for all") == 7
    assert seven == one
    # And once the site has remembered its campaigns, they cost no query at all.
    with django_assert_max_num_queries(one - 2):
        client_for(clp_a).get("/?page=1")


def test_a_linked_events_page_links_back_to_the_campaign_unless_hidden(
    make_campaign, clp_a, in_schema
):
    campaign = make_campaign(officers_may_hide=True)
    with in_schema(clp_a):
        event = add_event("Fair pay stall", campaign=campaign)
        event.save_revision().publish()
    html = page_of(client_for(clp_a).get(event.url))
    assert (
        'Part of the national campaign <a href="/campaigns/fair-pay/">Fair pay for all</a>' in html
    )
    CampaignOptOut.objects.create(campaign=campaign, constituency=clp_a)
    connection.set_schema_to_public()
    page_cache._bump_generation(clp_a.schema_name)
    assert "Part of the national campaign" not in page_of(client_for(clp_a).get(event.url))


def test_a_site_serves_the_hubs_images_but_nothing_else_of_the_hubs(
    make_campaign, clp_a, clp_b, settings
):
    make_campaign(image=_image(alt="Marchers on the bridge"))
    html = page_of(client_for(clp_a).get("/campaigns/fair-pay/"))
    image_path = html.split('<figure class="article__lead"><img src="')[1].split('"')[0]
    assert image_path.startswith("/media/public/images/")
    assert client_for(clp_b).get(image_path).status_code == 200
    hub_files = settings.MEDIA_ROOT / "public"
    (hub_files / "documents").mkdir(parents=True)
    (hub_files / "documents" / "minutes.pdf").write_bytes(b"%PDF-1.4")
    assert client_for(clp_a).get("/media/public/documents/minutes.pdf").status_code == 404
    original = next((hub_files / "original_images").iterdir()).name
    assert client_for(clp_a).get(f"/media/public/original_images/{original}").status_code == 404
    assert client_for(clp_a).get(f"/media/{clp_b.schema_name}/images/x.png").status_code == 404
