"""Property-based tests (Hypothesis) of every public form and query parameter: whatever
a visitor sends (any text, any length, any Unicode, control characters including NUL,
fields left out), the answer is never a server error, and a form either stores nothing
or one complete row.

Each example runs in its own savepoint, with the rate limits' counters cleared, so one
example's refusal or error cannot spill into the next."""

import string
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.db import transaction
from hypothesis import example, given
from hypothesis import strategies as st

from constituencies.contact.models import ContactMessage
from constituencies.signups.models import EventSignup
from constituencies.website.models import Representative
from governance.models import AccountReport, AuditEvent, ReportEvent
from tests.factories import add_event
from tests.helpers import client_for, email_of_length

# The page cache's keys hold the path as sent; Redis takes any key, only memcached (which
# the platform does not use) would not.
pytestmark = pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")

# Anything a visitor might type or paste: short and long, any Unicode but surrogates
# (which no UTF-8 form can carry), with NUL and the other control characters, and the
# characters that change length when lower-cased.
TRICKY = st.sampled_from(
    ["", " ", "\x00", "a\x00b", "\r\n", "İ" * 301, "ß" * 200, "\u202e", "%00", "../", "<"]
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40),
    TRICKY,
)


def near(limit: int):
    """Text up to and just beyond a field's limit, as well as any other text."""
    return st.one_of(
        TEXT,
        st.text(alphabet=string.ascii_letters + "İ\x00 ", min_size=limit - 2, max_size=limit + 2),
    )


EMAIL = st.one_of(
    st.emails(),
    st.integers(min_value=250, max_value=320).map(email_of_length),
    TEXT,
)
TOKEN = st.one_of(TEXT, st.text(alphabet=string.ascii_letters + "-_\x00", max_size=64))
PAGE = st.one_of(TEXT, st.integers(min_value=-5, max_value=10**30).map(str))


# A whole, valid submission of each form, for the explicit examples.
CONTACT = {
    "name": "Sam Sender",
    "email": "sam@example.org",
    "postcode": "BS5 6AB",
    "subject": "Buses",
    "message": "Save the 48.",
}
SIGN_UP = {"name": "Ann Example", "email": "ann@example.org", "consent": "on"}
REPORT = {"account": "@FakeTestford", "reason": "other", "details": "It posts in our name."}


def form(**fields):
    """A form as a visitor might send it: each field present or left out."""
    return st.fixed_dictionaries({}, optional=fields)


@contextmanager
def one_example():
    """Rate limits start afresh, and nothing an example stores outlives it."""
    for cache in caches.all():
        cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def handled(response):
    assert response.status_code < 500, response.status_code
    return response


def path_part(text: str) -> str:
    return quote(text, safe="") or "-"


@pytest.fixture
def site_a(clp_a):
    return client_for(clp_a)


@pytest.fixture
def hub_visitor(hub):
    return client_for("localhost")


@pytest.fixture
def mp_a(clp_a, in_schema):
    with in_schema(clp_a):
        return Representative.objects.create(name="Ada Lovelace", kind="mp", email="mp@example.org")


@pytest.fixture
def event_a(clp_a, in_schema):
    with in_schema(clp_a):
        return add_event("Street stall", capacity=3)


# The contact form, and its confirmation link


@given(
    data=form(
        name=near(120),
        email=EMAIL,
        postcode=st.one_of(near(10), st.sampled_from(["BS5 6AB", "bs56ab", "GIR 0AA"])),
        subject=near(150),
        message=st.one_of(TEXT, near(5000)),
        website=st.one_of(st.just(""), TEXT),
    )
)
@example(data={**CONTACT, "email": email_of_length(300)})
@example(data={**CONTACT, "name": "Sam\x00"})
def test_the_contact_form_answers_anything_and_stores_one_whole_message_or_none(
    site_a, clp_a, mp_a, in_schema, data
):
    with one_example():
        with in_schema(clp_a):
            before = set(ContactMessage.objects.values_list("pk", flat=True))
        response = handled(site_a.post("/contact/", data))
        with in_schema(clp_a):
            new = list(ContactMessage.objects.exclude(pk__in=before))
        if response.status_code != 200 or data.get("website"):
            assert new == []
        assert len(new) <= 1
        for message in new:
            assert all((message.name, message.email, message.postcode, message.subject))
            assert message.message
            assert message.recipient_email == "mp@example.org"
            assert message.email == data["email"].strip()


@given(token=TOKEN, press=st.booleans())
@example(token="\x00", press=False)
@example(token="ab\x00", press=True)
def test_a_contact_confirmation_link_answers_anything(site_a, clp_a, mp_a, in_schema, token, press):
    with one_example():
        path = f"/contact/confirm/{path_part(token)}/"
        handled(site_a.post(path) if press else site_a.get(path))
        with in_schema(clp_a):
            assert not ContactMessage.objects.exclude(
                status=ContactMessage.Status.AWAITING_CONFIRMATION
            ).exists()


# Signing up to an event, and the cancel link


@given(
    data=form(
        name=near(120),
        email=EMAIL,
        phone=st.one_of(near(30), st.just("+44 117 496 0000")),
        consent=st.one_of(st.just("on"), TEXT),
        website=st.one_of(st.just(""), TEXT),
    )
)
@example(data={**SIGN_UP, "email": email_of_length(300)})
@example(data={**SIGN_UP, "phone": "\x00"})
def test_the_sign_up_form_answers_anything_and_stores_one_whole_sign_up_or_none(
    site_a, clp_a, event_a, in_schema, data
):
    with one_example():
        with in_schema(clp_a):
            before = set(EventSignup.objects.values_list("pk", flat=True))
        response = handled(site_a.post(f"{event_a.url}sign-up/", data))
        with in_schema(clp_a):
            new = list(EventSignup.objects.exclude(pk__in=before))
        if response.status_code != 302 or data.get("website"):
            assert new == []
        assert len(new) <= 1
        for signup in new:
            assert all((signup.name, signup.email, signup.consent_text, signup.retain_until))
            assert signup.event_id == event_a.pk


@given(token=TOKEN, press=st.booleans())
@example(token="\x00", press=False)
@example(token="ab\x00", press=True)
def test_a_cancel_link_answers_anything(site_a, clp_a, in_schema, token, press):
    with one_example():
        path = f"/sign-ups/{path_part(token)}/cancel/"
        handled(site_a.post(path) if press else site_a.get(path))


# The hub: the directory, "is this account official?" and the report form


@given(q=TEXT)
def test_the_directory_search_answers_anything(hub_visitor, q):
    with one_example():
        assert handled(hub_visitor.get("/", {"q": q})).status_code == 200


@given(account=st.one_of(near(300), TEXT), extra=form(unit=TEXT, reason=TEXT))
def test_the_official_lookup_answers_anything(hub_visitor, account, extra):
    with one_example():
        handled(hub_visitor.get("/official/", {"account": account}))
        handled(hub_visitor.get("/official/report/", {"account": account, **extra}))


@given(
    data=form(
        unit=st.one_of(TEXT, st.integers().map(str)),
        account=near(300),
        reason=st.one_of(st.sampled_from(AccountReport.Reason.values), TEXT),
        details=st.one_of(TEXT, near(3000)),
        reporter_name=near(120),
        reporter_email=EMAIL,
        website=st.one_of(st.just(""), TEXT),
    )
)
@example(data={**REPORT, "reporter_email": email_of_length(300)})
@example(data={**REPORT, "account": "İ" * 300})
def test_the_report_form_answers_anything_and_stores_one_whole_report_or_none(
    hub_visitor, staff_user, data
):
    with one_example():
        before = set(AccountReport.objects.values_list("pk", flat=True))
        response = handled(hub_visitor.post("/official/report/", data))
        new = list(AccountReport.objects.exclude(pk__in=before))
        if response.status_code != 302 or data.get("website"):
            assert new == []
        assert len(new) <= 1
        for report in new:
            assert all((report.account, report.account_key, report.details))
            assert ReportEvent.objects.filter(report=report).count() == 1
            assert AuditEvent.objects.filter(action="report.created").exists()


@given(code=TOKEN)
def test_checking_a_certificate_answers_anything(hub_visitor, code):
    with one_example():
        handled(hub_visitor.get("/membersnet/certificates/", {"code": code}))
        handled(hub_visitor.get(f"/membersnet/certificates/{path_part(code)}/"))


# A site's listings, feeds and sharing


@given(tag=TEXT, page=PAGE)
def test_the_news_listings_and_feeds_answer_anything(site_a, clp_a, tag, page):
    with one_example():
        handled(site_a.get("/news/", {"tag": tag, "page": page}))
        handled(site_a.get("/news/", {"page": page}))
        handled(site_a.get("/news/feed/rss/", {"tag": tag, "page": page}))
        handled(site_a.get("/news/feed/atom/", {"page": page}))


@given(page=PAGE, other=TEXT)
def test_the_event_listings_calendar_and_sitemap_answer_anything(site_a, clp_a, page, other):
    with one_example():
        handled(site_a.get("/events/", {"page": page}))
        handled(site_a.get("/events/past/", {"page": page}))
        handled(site_a.get("/calendar.ics", {"page": page, "q": other}))
        handled(site_a.get("/sitemap.xml", {"p": page}))
        handled(site_a.get(f"/e/{path_part(other)}/"))


@given(page=PAGE, instance=st.one_of(near(300), TEXT))
def test_sharing_on_mastodon_answers_anything(site_a, clp_a, page, instance):
    with one_example():
        handled(site_a.get("/share/mastodon/", {"page": page}))
        handled(site_a.post("/share/mastodon/", {"page": page, "instance": instance}))


# Membersnet's searches (members only)


@given(q=st.one_of(TEXT, near(200)), page=PAGE)
def test_the_knowledge_bank_search_answers_anything(member_user, q, page):
    member = client_for("localhost", member_user)
    with one_example():
        handled(member.get("/membersnet/facts/", {"q": q, "page": page}))
        handled(member.get("/membersnet/facts/search/", {"q": q, "page": page}))


@given(q=st.one_of(TEXT, near(200)), old=TEXT, new=TEXT)
def test_the_rulebook_search_and_comparison_answer_anything(member_user, q, old, new):
    member = client_for("localhost", member_user)
    with one_example():
        handled(member.get("/membersnet/rulebook/search/", {"q": q}))
        handled(member.get("/membersnet/rulebook/compare/", {"old": old, "new": new}))
