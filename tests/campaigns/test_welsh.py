"""Campaigns on the Welsh pages of a site that offers Welsh (clp_b): the interface in
Welsh, the campaign's own words in Welsh where staff wrote them, else in English with a
note; pledges made in Welsh get their email and links in Welsh. An English-only site
(clp_a) has no /cy/ pages."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from campaigns.models import CampaignPledge
from tests.constituencies.website.shared import _image
from tests.helpers import client_for, html_of, page_of, text_of

WELSH_WORDS = {
    "welsh_title": "Cyflog teg i bawb",
    "welsh_summary": "Codiad cyflog i bob gweithiwr.",
    "welsh_day_of_action_text": "Curwch ar ddrysau ar eich stryd fawr.",
}
PLEDGE = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "postcode": "cf24 1aa",
    "consent": "on",
    "website": "",
}


def test_a_welsh_page_shows_the_welsh_words_staff_wrote(make_campaign, clp_b):
    make_campaign(**WELSH_WORDS)
    response = client_for(clp_b).get("/cy/campaigns/fair-pay/")
    assert response.status_code == 200
    html = html_of(response)
    text = text_of(response)
    assert '<html lang="cy"' in html
    assert "Ymgyrch genedlaethol" in text
    assert "Cyflog teg i bawb" in text
    assert "Curwch ar ddrysau ar eich stryd fawr." in text
    assert "Diwrnod gweithredu: Dydd" in text
    assert "Fair pay for all" not in text
    assert "ar gael yn Saesneg yn unig" not in text


def test_a_welsh_page_without_welsh_words_shows_the_english_saying_so(make_campaign, clp_b):
    make_campaign()
    response = client_for(clp_b).get("/cy/campaigns/fair-pay/")
    assert response.status_code == 200
    html = html_of(response)
    text = text_of(response)
    assert "Mae'r ymgyrch hon ar gael yn Saesneg yn unig." in text
    assert '<h1 lang="en-GB">Fair pay for all</h1>' in html
    assert "Knock on doors in your high street." in text
    # The interface around the English words is still Welsh.
    assert "Ymgyrch genedlaethol" in text
    assert "National campaign" not in text


def test_a_welsh_campaign_describes_its_image_in_welsh(make_campaign, clp_b):
    image = _image(alt="Marchers on the bridge")
    with pytest.raises(ValidationError, match="Describe the image in Welsh too."):
        make_campaign(image=image, **WELSH_WORDS)
    make_campaign(image=image, welsh_image_alt="Gorymdeithwyr ar y bont", **WELSH_WORDS)
    welsh = page_of(client_for(clp_b).get("/cy/campaigns/fair-pay/"))
    assert 'alt="Gorymdeithwyr ar y bont"' in welsh
    assert 'property="og:image:alt" content="Gorymdeithwyr ar y bont"' in welsh
    assert 'alt="Marchers on the bridge"' in page_of(client_for(clp_b).get("/campaigns/fair-pay/"))


def test_the_english_page_keeps_the_english_words(make_campaign, clp_b):
    make_campaign(**WELSH_WORDS)
    text = text_of(client_for(clp_b).get("/campaigns/fair-pay/"))
    assert "Fair pay for all" in text
    assert "Cyflog teg i bawb" not in text
    assert "National campaign" in text


def test_an_english_only_site_has_no_welsh_campaign_page(make_campaign, clp_a):
    make_campaign(**WELSH_WORDS)
    assert client_for(clp_a).get("/campaigns/fair-pay/").status_code == 200
    assert client_for(clp_a).get("/cy/campaigns/fair-pay/").status_code == 404


def test_the_welsh_home_page_lists_the_campaign_in_welsh(make_campaign, clp_b):
    make_campaign(**WELSH_WORDS)
    make_campaign(slug="buses", title="Save our buses")
    html = page_of(client_for(clp_b).get("/cy/"))
    assert "Ymgyrchoedd cenedlaethol" in html
    assert '<a href="/cy/campaigns/fair-pay/">Cyflog teg i bawb</a>' in html
    assert '<a href="/cy/campaigns/buses/">Save our buses</a>' in html
    assert "Yn Saesneg yn unig" in html


def test_the_welsh_page_takes_few_queries(make_campaign, clp_b, django_assert_max_num_queries):
    make_campaign(**WELSH_WORDS)
    visitor = client_for(clp_b)
    visitor.get("/cy/campaigns/fair-pay/")
    # The campaign, its pledges or events, the site's chrome (and the schema, set twice);
    # an unknown query parameter skips the page cache.
    with django_assert_max_num_queries(15):
        assert visitor.get("/cy/campaigns/fair-pay/?nocache=1").status_code == 200


@pytest.mark.parametrize(
    "welsh",
    [
        {"welsh_title": "Cyflog teg"},
        {"welsh_title": "Cyflog teg", "welsh_summary": "Codiad cyflog."},
        {"welsh_day_of_action_text": "Curwch ar ddrysau."},
    ],
)
def test_half_a_welsh_campaign_is_refused(make_campaign, welsh):
    with pytest.raises(ValidationError) as refused:
        make_campaign(**welsh)
    assert "Fill in the title, summary and call to action in Welsh, or none of them." in str(
        refused.value
    )


def test_staff_write_the_welsh_in_the_hub_admin(staff, make_campaign):
    campaign = make_campaign()
    edit = f"/admin/national_campaigns/edit/{campaign.pk}/"
    assert "In Welsh (optional)" in page_of(staff.get(edit))
    form = {
        "title": campaign.title,
        "slug": campaign.slug,
        "summary": campaign.summary,
        "starts_on": str(campaign.starts_on),
        "ends_on": str(campaign.ends_on),
        "action": "day_of_action",
        "day_of_action_on": str(campaign.day_of_action_on),
        "day_of_action_text": campaign.day_of_action_text,
        "audience": "all",
        "is_published": "on",
    }
    half = staff.post(edit, {**form, "welsh_title": "Cyflog teg"})
    assert half.status_code == 200
    assert "or none of them" in html_of(half)
    response = staff.post(edit, {**form, **WELSH_WORDS})
    assert response.status_code == 302, html_of(response)
    campaign.refresh_from_db()
    assert campaign.welsh_title == "Cyflog teg i bawb"


# --- pledging in Welsh -------------------------------------------------------------------


@pytest.fixture
def welsh_pledge_campaign(pledge_campaign):
    pledge_campaign.welsh_title = "Cartrefi i bawb"
    pledge_campaign.welsh_summary = "Cenhedlaeth newydd o gartrefi cyngor."
    pledge_campaign.welsh_pledge_text = "Rwy'n cefnogi cenhedlaeth newydd o gartrefi cyngor."
    pledge_campaign.save()
    return pledge_campaign


def test_a_pledge_made_in_welsh_is_answered_in_welsh(
    welsh_pledge_campaign, clp_b, django_capture_on_commit_callbacks
):
    visitor = client_for(clp_b)
    form = html_of(visitor.get("/cy/campaigns/sign-for-homes/"))
    assert "Rwy'n cytuno y caiff y Blaid Lafur gadw fy enw" in form
    assert "Ychwanegu fy enw" in form
    assert 'href="/cy/privacy/"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post("/cy/campaigns/sign-for-homes/", PLEDGE, follow=True)
    assert response.redirect_chain == [("/cy/campaigns/sign-for-homes/", 302)]
    assert "Diolch: edrychwch ar eich e-bost" in text_of(response)
    pledge = CampaignPledge.objects.get()
    assert pledge.language == "cy"
    assert pledge.consent_text.startswith("Rwy'n cytuno y caiff y Blaid Lafur")
    [email] = mail.outbox
    assert email.subject == "Cadarnhewch eich enw ar yr addewid: Cartrefi i bawb"
    assert f"/cy/pledges/{pledge.token}/confirm/" in email.body
    assert f"/cy/pledges/{pledge.token}/withdraw/" in email.body
    assert "Helo Ada Lovelace" in email.body
    [(html_body, _)] = email.alternatives
    assert f"/cy/pledges/{pledge.token}/confirm/" in html_body
    assert "Cadarnhau fy addewid" in html_body

    confirm = client_for(clp_b).get(f"/cy/pledges/{pledge.token}/confirm/")
    assert "Cadarnhau fy addewid" in text_of(confirm)
    assert "Cartrefi i bawb" in text_of(confirm)
    done = client_for(clp_b).post(f"/cy/pledges/{pledge.token}/confirm/")
    assert "Mae eich enw ar yr addewid" in text_of(done)
    assert 'href="/cy/campaigns/sign-for-homes/"' in html_of(done)
    withdraw = client_for(clp_b).get(f"/cy/pledges/{pledge.token}/withdraw/")
    assert "Tynnu fy addewid yn ôl" in text_of(withdraw)


def test_a_pledge_made_in_english_stays_english(
    welsh_pledge_campaign, clp_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(clp_b).post("/campaigns/sign-for-homes/", PLEDGE)
    pledge = CampaignPledge.objects.get()
    assert pledge.language == "en-gb"
    [email] = mail.outbox
    assert email.subject == "Confirm your name on the pledge: Homes for all"
    assert f"/pledges/{pledge.token}/confirm/" in email.body
    assert "/cy/" not in email.body


def test_a_welsh_form_with_errors_explains_them_in_welsh(welsh_pledge_campaign, clp_b):
    response = client_for(clp_b).post("/cy/campaigns/sign-for-homes/", {**PLEDGE, "name": " "})
    assert response.status_code == 400
    assert "Rhowch eich enw." in text_of(response)
    assert not CampaignPledge.objects.exists()


def test_an_unknown_welsh_link_says_so_in_welsh(clp_b):
    response = client_for(clp_b).get("/cy/pledges/no-such-token/confirm/")
    assert response.status_code == 404
    assert "Nid yw'r ddolen hon yn ddilys" in text_of(response)
    assert 'href="/cy/"' in html_of(response)
