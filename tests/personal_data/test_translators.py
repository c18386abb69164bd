"""Who translated a constituency's page into Welsh (wagtail-localize) is found by a
subject access search and removed by erasure; the translation itself stays."""

from wagtail_localize.models import StringTranslation

from constituencies.languages.translating import translate_page
from personal_data.erasure import ask_for_erasure, run_erasure
from personal_data.finding import find_everywhere, identify
from tests.factories import UserFactory, add_news

from .conftest import ADA


def test_a_translators_name_is_found_and_erased_and_the_translation_kept(
    clp_b, in_schema, staff_user
):
    ada = UserFactory(email=ADA)
    with in_schema(clp_b):
        news = add_news("Our new councillor")
        translate_page(
            news, {"Our new councillor": "Ein cynghorydd newydd"}, publish=False, user=ada
        )
    found = {(f.declaration.kind, f.place): f.rows for f in find_everywhere(identify(ADA))}
    rows = found[("wagtail_localize.stringtranslation", "Testford South")]
    assert [row["data"] for row in rows] == ["Ein cynghorydd newydd"]

    request = ask_for_erasure(ADA, "Asked by email", requested_by=staff_user)
    run_erasure(request.pk, by=staff_user)
    with in_schema(clp_b):
        translation = StringTranslation.objects.get(data="Ein cynghorydd newydd")
        assert translation.last_translated_by is None
