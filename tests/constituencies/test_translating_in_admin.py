"""Officers translate their site's pages into Welsh in its admin, with wagtail-localize:
"Translate this page" makes a Welsh draft, the translation editor saves each sentence,
and publishing it puts the Welsh page live at /cy/."""

from urllib.parse import urlencode

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from constituencies.languages.offering import stop_offering_welsh
from constituencies.website.models import HomePage, NewsPage
from roles.models import Role
from tests.constituencies.moderation.conftest import trained
from tests.factories import add_news, make_officer
from tests.helpers import client_for

WELSH = {
    "Our new councillor": "Ein cynghorydd newydd",
    "A summary.": "Crynodeb.",
}


@pytest.fixture
def secretary_b(officer_b, publishing_course):
    return trained(officer_b, publishing_course)


@pytest.fixture
def editor_b(clp_b):
    return make_officer(clp_b, Role.EDITOR, email="editor.b@example.org")


@pytest.fixture
def news_b(clp_b, in_schema):
    with in_schema(clp_b):
        return add_news("Our new councillor")


def _submit(client, page, clp, in_schema):
    with in_schema(clp):
        welsh = Locale.objects.get(language_code="cy")
    return client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [welsh.pk]})


def _welsh_translation(page, clp, in_schema):
    with in_schema(clp):
        translation = Translation.objects.get(
            source=TranslationSource.objects.get_for_instance(page),
            target_locale__language_code="cy",
        )
        segments = list(
            StringSegment.objects.filter(source=translation.source).select_related("string")
        )
        return translation, segments


def _translate(client, translation, segment, text):
    return client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )


def test_an_officer_translates_a_page_and_publishes_it_at_cy(
    secretary_b, clp_b, news_b, in_schema, django_capture_on_commit_callbacks
):
    client = client_for(clp_b, secretary_b)
    edit = client.get(f"/admin/pages/{news_b.pk}/edit/").content.decode()
    assert f"/admin/localize/submit/page/{news_b.pk}/" in edit  # "Translate this page"

    response = _submit(client, news_b, clp_b, in_schema)
    with in_schema(clp_b):
        welsh = NewsPage.objects.get(locale__language_code="cy")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{welsh.pk}/edit/"
    assert not welsh.live  # a draft until it is translated and published
    assert client_for(clp_b).get(f"/cy/news/{news_b.slug}/").status_code == 404

    editor = client.get(f"/admin/pages/{welsh.pk}/edit/")
    assert editor.status_code == 200
    assert "wagtail-localize" in editor.content.decode()

    translation, segments = _welsh_translation(news_b, clp_b, in_schema)
    for segment in segments:
        text = WELSH.get(segment.string.data, segment.string.data)
        assert _translate(client, translation, segment, text).status_code in (200, 201)

    # wagtail-localize publishes once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"/admin/pages/{welsh.pk}/edit/", {"action": "publish"})
    assert published.status_code == 302
    with in_schema(clp_b):
        welsh.refresh_from_db()
        assert welsh.live
        assert welsh.title == "Ein cynghorydd newydd"
    page = client_for(clp_b).get(f"/cy/news/{news_b.slug}/")
    assert page.status_code == 200
    assert "Ein cynghorydd newydd" in page.content.decode()


def test_an_editor_translates_and_a_trained_officer_publishes(
    editor_b, secretary_b, clp_b, news_b, in_schema, django_capture_on_commit_callbacks
):
    """wagtail-localize's editor has no "Submit for moderation": an editor who may not
    publish saves the translation sentence by sentence, and a trained officer (one of
    the site's approvers) publishes it from the same screen."""
    client = client_for(clp_b, editor_b)
    assert _submit(client, news_b, clp_b, in_schema).status_code == 302
    translation, segments = _welsh_translation(news_b, clp_b, in_schema)
    title = next(s for s in segments if s.string.data == "Our new councillor")
    assert _translate(client, translation, title, "Ein cynghorydd newydd").status_code == 201

    with in_schema(clp_b):
        welsh = NewsPage.objects.get(locale__language_code="cy")
    editor_screen = client.get(f"/admin/pages/{welsh.pk}/edit/").content.decode()
    assert "&quot;canPublish&quot;: false" in editor_screen
    refused = client.post(f"/admin/pages/{welsh.pk}/edit/", {"action": "publish"})
    assert refused.status_code == 302
    assert refused["Location"] == "/admin/"  # Wagtail's "permission denied"
    with in_schema(clp_b):
        welsh.refresh_from_db()
        assert not welsh.live

    officer = client_for(clp_b, secretary_b)
    assert (
        "&quot;canPublish&quot;: true"
        in officer.get(f"/admin/pages/{welsh.pk}/edit/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/admin/pages/{welsh.pk}/edit/", {"action": "publish"})
    with in_schema(clp_b):
        welsh.refresh_from_db()
        assert welsh.live
        assert welsh.title == "Ein cynghorydd newydd"


def test_officers_have_the_same_rights_over_welsh_pages(secretary_b, editor_b, clp_b, in_schema):
    with in_schema(clp_b):
        welsh_home = HomePage.objects.get(locale__language_code="cy")
        english_home = HomePage.objects.get(locale__language_code="en-gb")
        for user, can_publish in ((secretary_b, True), (editor_b, False)):
            user = type(user).objects.get(pk=user.pk)
            assert welsh_home.permissions_for_user(user).can_edit()
            assert welsh_home.permissions_for_user(user).can_publish() is can_publish
            assert english_home.permissions_for_user(user).can_publish() is can_publish
        assert welsh_home.get_workflow() == english_home.get_workflow() is not None


def test_an_english_only_site_offers_no_translation(officer_a, clp_a, in_schema):
    with in_schema(clp_a):
        assert not Locale.objects.filter(language_code="cy").exists()
        news = add_news("Only in English")
    edit = client_for(clp_a, officer_a).get(f"/admin/pages/{news.pk}/edit/").content.decode()
    assert "/admin/localize/submit/" not in edit
    assert "Translate this page" not in edit


def test_another_sites_officer_cannot_reach_the_translation_screens(
    officer_a, secretary_b, clp_b, news_b, in_schema
):
    assert _submit(client_for(clp_b, secretary_b), news_b, clp_b, in_schema).status_code == 302
    translation, segments = _welsh_translation(news_b, clp_b, in_schema)
    with in_schema(clp_b):
        welsh = NewsPage.objects.get(locale__language_code="cy")
    intruder = client_for(clp_b, officer_a)
    assert intruder.get(f"/admin/pages/{welsh.pk}/edit/").status_code == 403
    assert _submit(intruder, news_b, clp_b, in_schema).status_code == 403
    assert _translate(intruder, translation, segments[0], "Wedi'i ddwyn").status_code == 403


def test_officers_cannot_add_locales_but_staff_see_them(secretary_b, staff_user, clp_b, in_schema):
    officer = client_for(clp_b, secretary_b)
    assert officer.get("/admin/locales/").status_code != 200
    officer.post("/admin/locales/new/", {"language_code": "fr"})
    with in_schema(clp_b):
        assert not Locale.objects.filter(language_code="fr").exists()
    assert '"url": "/admin/locales/"' not in officer.get("/admin/").content.decode()
    assert client_for(clp_b, staff_user).get("/admin/locales/").status_code == 200


def test_the_translations_report_is_on_sites_not_the_hub(staff, staff_user, clp_b):
    assert staff.get("/admin/localize/reports/translations/").status_code == 404
    assert (
        '"url": "/admin/localize/reports/translations/"'
        not in staff.get("/admin/").content.decode()
    )
    on_site = client_for(clp_b, staff_user)
    assert on_site.get("/admin/localize/reports/translations/").status_code == 200
    assert (
        '"url": "/admin/localize/reports/translations/"' in on_site.get("/admin/").content.decode()
    )


def test_a_site_that_stopped_offering_welsh_offers_no_new_translation(
    secretary_b, clp_b, news_b, in_schema
):
    stop_offering_welsh(clp_b)
    client = client_for(clp_b, secretary_b)
    edit = client.get(f"/admin/pages/{news_b.pk}/edit/").content.decode()
    assert "/admin/localize/submit/" not in edit
    refused = _submit(client, news_b, clp_b, in_schema)
    assert refused["Location"] == "/admin/"  # Wagtail's "permission denied"
    with in_schema(clp_b):
        assert not NewsPage.objects.filter(locale__language_code="cy").exists()
