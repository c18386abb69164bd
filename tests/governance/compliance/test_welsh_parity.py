"""The compliance dashboard's Welsh column: each bilingual CLP's pages lacking Welsh, with
Welsh out of date, lacking English, and flagged, from the stored summaries in a fixed
number of queries; and a CLP's own list, read from its site, with links to the
translation screens in its admin. Central staff only, on the hub."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone
from django_tenants.utils import schema_context

from constituencies.languages.parity_check import check_parity
from constituencies.models import Constituency, Domain, LanguageParity, Nation
from tests.constituencies.languages.conftest import in_welsh, published_news
from tests.helpers import client_for, page_of

DASHBOARD = "/admin/compliance/"


def detail(constituency) -> str:
    return f"/admin/compliance/welsh/{constituency.pk}/"


def section(text: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}".*?</section>', text, re.DOTALL)
    assert match, f"no section {section_id}"
    return match.group(0)


def row_of(text: str, name: str) -> str:
    match = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(name)}.*?</tr>", text, re.DOTALL)
    assert match, f"no row for {name}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).strip()


@pytest.fixture
def gaps_on_b(clp_b, officer_b):
    """clp_b: two news items without Welsh (one flagged) and one translated."""
    with schema_context(clp_b.schema_name):
        flagged = published_news("Surgery in Splott")
        in_welsh(published_news("Translated"))
        with time_machine.travel(timezone.now() + dt.timedelta(hours=49), tick=False):
            published_news("Only today")
            check_parity(clp_b)
    return flagged


def test_the_welsh_column_counts_each_bilingual_clp(staff, clp_a, gaps_on_b):
    text = section(page_of(staff.get(DASHBOARD)), "welsh")
    assert row_of(text, "Testford South").startswith("Testford South 2 0 0 1 ")
    assert "Testford North" not in text  # English-only, in England: not listed
    assert detail(Constituency.objects.get(name="Testford South")) in text


def test_the_summary_line_counts_bilingual_clps_with_gaps(staff, gaps_on_b):
    text = page_of(staff.get(DASHBOARD))
    assert "1 of 1 bilingual CLP with pages not in step in Welsh and English; 1 flagged" in text


def test_a_clp_in_wales_that_does_not_offer_welsh_shows_a_dash(staff, clp_b):
    Constituency.objects.filter(pk=clp_b.pk).update(offers_welsh=False)
    text = section(page_of(staff.get(DASHBOARD)), "welsh")
    assert row_of(text, "Testford South") == "Testford South — Welsh not offered"
    assert detail(clp_b) not in text


def test_a_bilingual_clp_not_checked_yet_says_so(staff, clp_a):
    Constituency.objects.filter(pk=clp_a.pk).update(offers_welsh=True)
    LanguageParity.objects.filter(constituency=clp_a).delete()
    text = section(page_of(staff.get(DASHBOARD)), "welsh")
    assert row_of(text, "Testford North") == "Testford North Not checked yet"


def test_the_nation_filter_applies_to_the_welsh_column(staff, gaps_on_b):
    text = section(page_of(staff.get(DASHBOARD + "?nation=E")), "welsh")
    assert "Testford South" not in text
    assert "No CLP here offers Welsh." in text


def add_bilingual_clps(number, start):
    """Bilingual constituency rows with a domain and a summary (no schema: the
    dashboard reads the hub's tables only)."""
    for index in range(start, start + number):
        code = f"W07888{index:03d}"
        constituency = Constituency.objects.create(
            name=f"Extra {index}",
            slug=f"extra-{index}",
            gss_code=code,
            schema_name=f"clp_{code.lower()}",
            nation=Nation.WALES,
            offers_welsh=True,
        )
        Domain.objects.create(domain=f"extra-{index}.localhost", tenant=constituency)
        LanguageParity.objects.create(
            constituency=constituency, missing_welsh=index, outdated_welsh=1, flagged=index % 2
        )


def test_staff_sort_by_most_pages_out_of_step(staff, gaps_on_b):
    add_bilingual_clps(3, start=1)
    text = section(page_of(staff.get(DASHBOARD + "?welsh_order=gaps")), "welsh")
    names = re.findall(r"(Extra \d+|Testford South)</a>", text)
    # Extra 1 and Testford South both have two, and one flag: then by name.
    assert names == ["Extra 3", "Extra 2", "Extra 1", "Testford South"]
    text = section(page_of(staff.get(DASHBOARD)), "welsh")
    assert re.findall(r"(Extra \d+|Testford South)</a>", text)[0] == "Extra 1"


def test_the_welsh_column_takes_the_same_queries_however_many_clps(
    staff, gaps_on_b, django_assert_max_num_queries
):
    staff.get(DASHBOARD)  # warm the per-process caches
    add_bilingual_clps(2, start=1)
    with django_assert_max_num_queries(45) as few:
        page_of(staff.get(DASHBOARD))
    add_bilingual_clps(12, start=3)
    with django_assert_max_num_queries(45) as many:
        text = page_of(staff.get(DASHBOARD))
    assert "Extra 14" in section(text, "welsh")
    assert len(many) == len(few)


# --- One CLP's list ------------------------------------------------------------------------


def test_staff_see_a_clps_pages_with_links_to_its_translation_screens(staff, clp_b, gaps_on_b):
    text = page_of(staff.get(detail(clp_b)))
    assert "Surgery in Splott" in text
    assert "Only today" in text
    assert "Translated" not in text
    link = f"http://{clp_b.primary_domain}/admin/localize/submit/page/{gaps_on_b.pk}/"
    assert link in text
    assert text.count("Flagged") >= 1


def test_a_clp_that_does_not_offer_welsh_has_no_list(staff, clp_a):
    text = page_of(staff.get(detail(clp_a)))
    assert "Testford North does not offer Welsh" in text


def test_an_unknown_clp_is_not_found(staff):
    assert staff.get("/admin/compliance/welsh/999999/").status_code == 404


@pytest.fixture
def people(staff_user, member_user, officer_a, officer_b):
    return {
        "anonymous": None,
        "member": member_user,
        "officer of another CLP": officer_a,
        "officer of this CLP": officer_b,
        "staff": staff_user,
    }


@pytest.mark.parametrize(
    ("who", "where", "expected"),
    [
        ("anonymous", "hub", "login"),
        ("member", "hub", 403),
        ("officer of another CLP", "hub", 403),
        ("officer of this CLP", "hub", 403),
        ("staff", "hub", 200),
        ("officer of this CLP", "site", 404),
        ("staff", "site", 404),
    ],
)
def test_only_central_staff_on_the_hub_see_a_clps_list(people, clp_b, who, where, expected):
    host = "localhost" if where == "hub" else clp_b
    response = client_for(host, people[who]).get(detail(clp_b))
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected
