"""The Wagtail admin of a constituency opens only to its current officers and to
central staff, on every admin URL; the hub's admin only to central staff."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import URLResolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from django_tenants.utils import schema_context
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.models import Site

from campaigns.models import NationalCampaign
from governance.models import AuditEvent, PartyUnit
from membersnet.knowledge.models import Fact, Source, Topic
from membersnet.members.models import Member
from membersnet.rulebook.models import Chapter, Clause, Edition, Procedure, Section, StandingOrders
from membersnet.training.models import Course, CourseCompletion, Lesson
from privacy.models import NoticeKind, PrivacyNotice
from roles.admin_areas import hub_only_app_labels
from tests.helpers import client_for

# Regex-style admin URLs cannot be reversed generically; each gets a sample. A new
# one appearing makes the walk fail, so no admin URL is ever silently skipped.
REGEX_SAMPLES = {
    r"^(\d+)/revisions/compare/(live|earliest|\d+)\.\.\.(live|latest|\d+)/$": (
        "{id}/revisions/compare/earliest...latest/"
    ),
    r"^.*/$": "anything/",
}
DENIED_TEXT = "You cannot open this admin"
# Wagtail's own login and logout are handed to the account pages (tested below).
ACCOUNT_HANDOFFS = {"/admin/login/", "/admin/logout/"}
# Wagtail's page for testing error reporting raises on purpose.
DELIBERATE_ERROR_PAGE = "/admin/failwhale/"


def _sample_for_route(route: str, sample_id: int) -> str:
    def replace(match):
        converter = match.group(1) or "str"
        # Object ids are often captured as str, so str gets the id too.
        return {
            "int": str(sample_id),
            "slug": "sample",
            "str": str(sample_id),
            "path": "sample/path",
            "uuid": "00000000-0000-0000-0000-000000000000",
        }[converter]

    return re.sub(r"<(?:(\w+):)?\w+>", replace, route)


def admin_paths(sample_id: int) -> list[str]:
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern.pattern, RegexPattern):
                regex = str(pattern.pattern)
                literal = regex.removeprefix("^").removesuffix("$")
                if not re.search(r"[()\\*+?\[\]|{}]", literal):
                    piece = literal
                else:
                    assert regex in REGEX_SAMPLES, f"add a sample for admin URL regex {regex!r}"
                    piece = REGEX_SAMPLES[regex].format(id=sample_id)
            else:
                assert isinstance(pattern.pattern, RoutePattern)
                piece = _sample_for_route(str(pattern.pattern), sample_id)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + piece)
            else:
                paths.append(prefix + piece)

    walk(wagtailadmin_urls.urlpatterns, "/admin/")
    assert set(paths) >= ACCOUNT_HANDOFFS
    return sorted(set(paths) - ACCOUNT_HANDOFFS)


@pytest.fixture
def home_page_id(clp_b, in_schema):
    with in_schema(clp_b):
        return Site.objects.get().root_page_id


@pytest.fixture
def paths(home_page_id):
    found = admin_paths(home_page_id)
    assert len(found) > 150  # the whole admin URLconf, not a sample
    return found


def _is_denied(response) -> bool:
    return response.status_code == 403 and DENIED_TEXT in response.content.decode()


def _is_sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_are_sent_to_login_from_every_admin_url(clp_b, paths):
    client = client_for(clp_b)
    not_redirected = [p for p in paths if not _is_sent_to_login(client.get(p))]
    assert not_redirected == []


def test_a_member_is_refused_every_admin_url(clp_b, member_user, paths):
    client = client_for(clp_b, member_user)
    allowed = [p for p in paths if not _is_denied(client.get(p))]
    assert allowed == []


def test_an_officer_of_another_constituency_is_refused_every_admin_url(clp_b, officer_a, paths):
    client = client_for(clp_b, officer_a)
    allowed = [p for p in paths if not _is_denied(client.get(p))]
    assert allowed == []


def test_an_officer_whose_appointment_has_ended_is_refused_every_admin_url(
    clp_a, expired_officer_a, in_schema
):
    with in_schema(clp_a):
        home_id = Site.objects.get().root_page_id
    client = client_for(clp_a, expired_officer_a)
    allowed = [p for p in admin_paths(home_id) if not _is_denied(client.get(p))]
    assert allowed == []


def _walk_as_admitted(client, paths):
    client.raise_request_exception = False
    blocked, errors = [], []
    for path in paths:
        response = client.get(path)
        if _is_denied(response) or _is_sent_to_login(response):
            blocked.append(path)
        elif response.status_code >= 500 and path != DELIBERATE_ERROR_PAGE:
            errors.append((path, response.status_code))
    return blocked, errors


def test_an_officer_is_admitted_to_every_admin_url_of_their_own_constituency(
    clp_b, officer_b, paths
):
    blocked, errors = _walk_as_admitted(client_for(clp_b, officer_b), paths)
    assert blocked == []
    assert errors == []


def test_central_staff_are_admitted_to_every_admin_url(clp_b, staff_user, paths):
    blocked, errors = _walk_as_admitted(client_for(clp_b, staff_user), paths)
    assert blocked == []
    assert errors == []


def test_every_admin_url_of_the_hub_answers_central_staff_without_an_error(hub, staff_user):
    """The hub's schema has no constituency tables: their admin areas say "not found"."""
    with schema_context("public"):
        root_id = Site.objects.get().root_page_id
    client = client_for("localhost", staff_user)
    blocked, errors = _walk_as_admitted(client, admin_paths(root_id))
    assert blocked == []
    assert errors == []
    assert client.get("/admin/signups/").status_code == 404


def test_the_hub_admin_opens_only_to_central_staff(hub, officer_a, member_user, staff_user):
    assert client_for("localhost", staff_user).get("/admin/").status_code == 200
    assert _is_denied(client_for("localhost", officer_a).get("/admin/"))
    assert _is_denied(client_for("localhost", member_user).get("/admin/"))
    assert _is_sent_to_login(client_for("localhost").get("/admin/"))


def test_wagtail_login_and_logout_are_replaced_by_the_account_pages(clp_a, officer_a):
    response = client_for(clp_a).get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    response = client_for(clp_a, officer_a).get("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/logout/"


def test_wagtail_login_for_private_pages_goes_through_the_account_login_too(clp_a):
    response = client_for(clp_a).get("/_util/login/?next=/members-only/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/members-only/"


def test_officers_change_their_email_and_password_only_on_the_account_pages(clp_a, officer_a):
    """Those pages verify a new address and re-check the second factor."""
    officer = client_for(clp_a, officer_a)
    account = officer.get("/admin/account/").content.decode()
    assert 'name="email-email"' not in account
    assert 'name="password-new_password1"' not in account
    officer.post("/admin/account/", {"email-email": "taken.over@example.org"})
    officer_a.refresh_from_db()
    assert officer_a.email != "taken.over@example.org"
    # Wagtail's own password reset is gone: the account pages' reset is the only one.
    assert officer.get("/admin/password_reset/").status_code == 404
    assert (
        client_for(clp_a).get("/admin/password_reset/")["Location"].startswith("/accounts/login/")
    )


def test_a_suspended_site_locks_its_admin_to_officers_but_not_to_staff(
    clp_a, officer_a, staff_user
):
    clp_a.suspend()
    assert _is_denied(client_for(clp_a, officer_a).get("/admin/"))
    assert client_for(clp_a, staff_user).get("/admin/").status_code == 200


# Membersnet and the governance records are curated on the hub, in the shared schema
# that every constituency's search path also reaches.
HUB_ONLY_APPS = {
    "members",
    "training",
    "rulebook",
    "knowledge",
    "governance",
    "campaigns",
    "privacy",
}
HUB_MARK = "Quokka"  # in every hub record below, and in no constituency's data
# Searched for in lower case and cut short, so a page that repeats the search shows no mark.
HUB_SEARCH = "quokk"
SENTINEL_ID = 987654321


def _model_of(path: str):
    """The model an admin URL works on, as Wagtail's generic views know it."""
    match = resolve(path.split("?")[0], "labourhub.urls_tenant")
    model = getattr(match.func, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(match.func, "view_class", None), "model", None)
    return model if isinstance(model, type) else None


@pytest.fixture
def hub_records(officer_b, clp_b):
    """One record of every hub-only model the admin has screens for, each carrying
    HUB_MARK where its listing shows it, among them a fact past its review date."""
    past_review = dt.date.today() - dt.timedelta(days=30)
    topic = Topic.objects.create(name=f"{HUB_MARK} topic")
    fact = Fact(
        title=f"{HUB_MARK} fact",
        figure="12",
        claim=f"{HUB_MARK}: twelve of something.",
        figure_date=dt.date(2025, 1, 1),
        review_by=past_review,
    )
    fact.topics = [topic]
    fact.sources = [
        Source(
            title="Report",
            publisher="Example Office (demo)",
            url="https://example.org/demo",
            accessed_on=dt.date(2025, 1, 2),
        )
    ]
    fact.save()
    course = Course.objects.create(title=f"{HUB_MARK} course", slug="quokka", summary="…")
    edition = Edition.objects.create(year=2031, title=f"{HUB_MARK} rulebook")
    chapter = Chapter.objects.create(edition=edition, number=1, title=f"{HUB_MARK} chapter")
    section = Section.objects.create(chapter=chapter, number=1, title=f"{HUB_MARK} section")
    standing_orders = StandingOrders(
        constituency=clp_b, title=f"{HUB_MARK} orders", adopted_on=dt.date(2025, 1, 1), text="…"
    )
    standing_orders.file.save("orders.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    standing_orders.save()
    notice = PrivacyNotice.objects.get(kind=NoticeKind.HUB)
    notice.title = f"{HUB_MARK} notice"
    notice.save()
    return {
        PrivacyNotice: notice,
        Fact: fact,
        Topic: topic,
        Course: course,
        Lesson: Lesson.objects.create(course=course, title=f"{HUB_MARK} lesson", text="…"),
        CourseCompletion: CourseCompletion.objects.create(
            user=officer_b, course=course, name_on_certificate=f"{HUB_MARK} graduate"
        ),
        Member: Member.objects.create(
            membership_number="L7654321",
            name=f"{HUB_MARK} member",
            email="quokka@example.org",
            constituency=clp_b,
        ),
        Edition: edition,
        Chapter: chapter,
        Section: section,
        Clause: Clause.objects.create(section=section, number=1, text=f"{HUB_MARK} clause"),
        Procedure: Procedure.objects.create(
            kind=Procedure.Kind.MODEL_PROCEDURE,
            title=f"{HUB_MARK} procedure",
            summary="…",
            body="…",
        ),
        StandingOrders: standing_orders,
        PartyUnit: PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name=f"{HUB_MARK} forum"),
        AuditEvent: AuditEvent.objects.create(action="test", summary=f"{HUB_MARK} event"),
        NationalCampaign: NationalCampaign.objects.create(
            title=f"{HUB_MARK} campaign",
            slug="quokka",
            summary="…",
            starts_on=dt.date(2031, 1, 1),
            ends_on=dt.date(2031, 2, 1),
            day_of_action_on=dt.date(2031, 1, 5),
            day_of_action_text="…",
        ),
    }


def hub_only_admin_paths(records) -> list[str]:
    """Every admin URL of every hub-only model, each about a real record of it, and
    the admin URLs that name a model in the address (bulk actions, tag lookups)."""
    paths = []
    for path in admin_paths(SENTINEL_ID):
        model = _model_of(path)
        if model is None or model._meta.app_label not in HUB_ONLY_APPS:
            continue
        assert model in records, f"add a sample {model.__name__} to hub_records"
        paths.append(path.replace(str(SENTINEL_ID), str(records[model].pk)))
    for model, record in records.items():
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        paths += [
            f"/admin/bulk/{label}/delete/?id={record.pk}",
            f"/admin/tag-autocomplete/{label}/?term={HUB_SEARCH}",
        ]
    return paths


def chooser_paths(records) -> list[str]:
    """Every chooser URL of the admin, asked about each hub record's id and searched
    for the hub's mark."""
    ids = {record.pk for record in records.values()}
    paths = []
    for record_id in sorted(ids):
        for path in admin_paths(record_id):
            if "choose" in path or "chooser" in path:
                paths += [path, f"{path}?q={HUB_SEARCH}", f"{path}?id={record_id}"]
    return sorted(set(paths))


def _hub_data_shown(client, paths, *, must_be_missing=False):
    client.raise_request_exception = False
    shown = []
    for path in paths:
        response = client.get(path)
        body = response.content.decode(errors="replace")
        if HUB_MARK in body or (must_be_missing and response.status_code != 404):
            shown.append((path, response.status_code))
    return shown


def test_every_admin_url_of_hub_only_models_is_missing_from_a_constituency_admin(
    clp_b, officer_b, hub_records
):
    paths = hub_only_admin_paths(hub_records)
    models = {_model_of(path) for path in paths} - {None}
    assert {Fact, Topic, Course, Member, Edition, PartyUnit, AuditEvent} <= models
    assert any("/snippets/choose/knowledge/fact/" in path for path in paths)
    assert _hub_data_shown(client_for(clp_b, officer_b), paths, must_be_missing=True) == []


def test_central_staff_do_not_reach_hub_only_models_from_a_constituency_admin_either(
    clp_b, staff_user, hub_records
):
    paths = hub_only_admin_paths(hub_records)
    assert _hub_data_shown(client_for(clp_b, staff_user), paths, must_be_missing=True) == []


def test_no_chooser_of_a_constituency_admin_lists_or_returns_hub_data(
    clp_b, officer_b, hub_records
):
    paths = chooser_paths(hub_records)
    assert len(paths) > 100
    assert _hub_data_shown(client_for(clp_b, officer_b), paths) == []


def test_central_staff_still_choose_facts_and_topics_in_the_hub_admin(hub, staff_user, hub_records):
    client = client_for("localhost", staff_user)
    fact = hub_records[Fact]
    for path in (
        "/admin/snippets/choose/knowledge/fact/",
        f"/admin/snippets/choose/knowledge/fact/results/?q={HUB_SEARCH}",
        f"/admin/snippets/choose/knowledge/fact/chosen/{fact.pk}/",
        "/admin/snippets/choose/knowledge/topic/",
        "/admin/snippets/knowledge/fact/",
        f"/admin/snippets/knowledge/fact/history/{fact.pk}/",
        "/admin/rulebook_editions/",
        "/admin/audit/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert HUB_MARK in response.content.decode(), path


def test_the_apps_declared_hub_only_are_membersnet_governance_campaigns_and_privacy():
    assert hub_only_app_labels() == HUB_ONLY_APPS
