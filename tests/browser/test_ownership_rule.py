"""The "Is this account official?" answer quotes the party's rule on who owns online
presence, readable on a 360 px phone, and a member follows its link to the clause."""

import datetime as dt
import uuid

import pytest
from playwright.sync_api import expect

from constituencies.models import Constituency
from membersnet.rulebook.models import Chapter, Clause, Edition, Section
from tests.factories import make_member

from .conftest import sign_in

PASSWORD = "correct horse battery staple"  # the factories' password
RULE_TEXT = "Any social media account claiming to represent the party is owned by its officers."


@pytest.fixture
def narrow(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.fixture
def rule(committed):
    year = 2600 + int(uuid.uuid4().hex[:2], 16)  # far from any real or demo edition
    with committed():
        edition = committed.cleanup(
            Edition.objects.create(
                year=year, title=f"Browser test rulebook {year}", published_on=dt.date(2026, 1, 1)
            )
        )
        chapter = Chapter.objects.create(edition=edition, number=3, title="CLPs")
        section = Section.objects.create(chapter=chapter, number=4, title="Online presence")
        return Clause.objects.create(
            section=section, number=1, text=RULE_TEXT, key=Clause.Key.ONLINE_PRESENCE
        )


@pytest.fixture
def member(committed):
    with committed():
        clp = Constituency.objects.get(gss_code="E14999901")
        user = make_member(clp, email=f"rule-reader-{uuid.uuid4().hex[:6]}@example.org")
        committed.cleanup(user.member)
        return committed.cleanup(user)


def test_the_answer_quotes_the_rule_and_a_member_follows_it(
    narrow, site, rule, member, screenshots
):
    page = narrow
    page.goto(site.url("/official/?account=%40NotARealCLP"))
    expect(page.get_by_role("heading", name="What the party's rules say")).to_be_visible()
    expect(page.get_by_text(RULE_TEXT)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    screenshots(page, "official-answer-360")

    sign_in(page, site, "localhost", member.email, PASSWORD, next_path="/official/")
    page.goto(site.url("/official/?account=%40NotARealCLP"))
    page.get_by_role("link", name="Members can read it in the rulebook").click()
    expect(page).to_have_url(
        site.url(
            f"/membersnet/rulebook/{rule.section.chapter.edition.year}/chapter-3/#clause-3-4-1"
        )
    )
    expect(page.locator("#clause-3-4-1")).to_contain_text(RULE_TEXT)
    screenshots(page, "rule-in-the-rulebook")
