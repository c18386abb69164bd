"""Central staff see compliance across every CLP on one page of the hub's admin: CLPs
without a designated administrator, untrained officers, flagged register entries, open
reports and key events at risk, filtered by nation and region, with a chart of coverage
over time. Nobody else reaches it, and it does not exist on constituency sites."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import timezone

from constituencies.models import Constituency, Domain
from governance.models import (
    AccountReport,
    ComplianceSnapshot,
    KeyEventRecord,
    PartyUnit,
    PresenceEntry,
    SignInHolder,
)
from governance.register.flags import check_flags
from governance.register.units import ensure_clp_unit
from membersnet.training.models import Course, CourseCompletion
from roles.models import Role
from tests.factories import MemberFactory, make_officer
from tests.helpers import client_for, page_of

DASHBOARD = "/admin/compliance/"


def section(text: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}".*?</section>', text, re.DOTALL)
    assert match, f"no section {section_id}"
    return match.group(0)


def entry(unit, *controllers, handle, reviewed_days_ago=0):
    made = PresenceEntry.objects.create(
        unit=unit,
        platform=PresenceEntry.Platform.X,
        handle=handle,
        url=f"https://x.com/{handle.lstrip('@')}",
        purpose="Campaign updates.",
        credentials_note="In the CLP's password manager.",
        last_reviewed_on=timezone.localdate() - dt.timedelta(days=reviewed_days_ago),
    )
    made.controllers.set(controllers)
    return made


def key_event(constituency, title, *, in_days, total=3, done=1, event_id=None):
    return KeyEventRecord.objects.create(
        constituency=constituency,
        event_id=event_id or abs(hash(title)) % 100000,
        title=title,
        starts_at=timezone.now() + dt.timedelta(days=in_days),
        path=f"/events/{title.lower().replace(' ', '-')}/",
        items_total=total,
        items_done=done,
    )


def report(unit, account, status=AccountReport.Status.NEW):
    return AccountReport.objects.create(
        unit=unit,
        account=account,
        reason=AccountReport.Reason.NOT_ON_REGISTER,
        details="It claims to be us.",
        status=status,
    )


@pytest.fixture
def scene(clp_a, clp_b):
    """A (England, South West) has a Secretary, an untrained editor, an account only a
    former officer controls and one not reviewed for 14 months; B (Wales) has no
    designated administrator."""
    Constituency.objects.filter(pk=clp_a.pk).update(region="South West")
    Constituency.objects.filter(pk=clp_b.pk).update(region="Wales")
    unit_a, unit_b = ensure_clp_unit(clp_a), ensure_clp_unit(clp_b)
    secretary = make_officer(clp_a, Role.SECRETARY, email="secretary.a@example.org")
    editor = make_officer(clp_a, Role.EDITOR, email="editor.a@example.org")
    former = make_officer(
        clp_a, Role.SOCIAL_MEDIA_OFFICER, email="former.a@example.org", ends_in_days=-3
    )
    # Officers are members (make_officer gives them a record): no entry here is flagged
    # for a holder without one.
    entry(unit_a, former, handle="@TestfordNorthLabour")
    entry(unit_a, secretary, handle="@TestfordNorthOld", reviewed_days_ago=430)
    check_flags()
    return {
        "unit_a": unit_a,
        "unit_b": unit_b,
        "secretary": secretary,
        "editor": editor,
        "former": former,
    }


# --- What it shows ---------------------------------------------------------------------------


def test_staff_see_clps_without_a_designated_administrator(staff, scene, clp_a, clp_b):
    listed = section(page_of(staff.get(DASHBOARD)), "no-administrator")
    assert "CLPs with no designated administrator (1)" in listed
    assert f'href="/admin/constituencies/{clp_b.pk}/"' in listed
    assert "Testford South" in listed
    assert 'href="http://testford-south.localhost/"' in listed
    assert "Testford North" not in listed


def test_the_summary_counts_each_list(staff, scene):
    text = page_of(staff.get(DASHBOARD))
    assert "2 active CLPs" in text
    assert "1 with a designated administrator" in text
    assert "1 CLP with no designated administrator" in text
    assert "1 register entry with no current controller" in text
    assert "1 register entry whose control no officer confirmed in 12 months" in text
    assert "0 open reports" in text
    assert "0 key events at risk" in text


def test_officers_who_have_not_completed_the_publishing_course_are_listed(staff, scene, clp_a):
    course = Course.objects.create(
        title="Publishing on your CLP site",
        slug="publishing",
        summary="How to publish.",
        is_published=True,
        required_for_publishing=True,
    )
    CourseCompletion.objects.create(
        user=scene["secretary"], course=course, name_on_certificate="A Secretary"
    )
    listed = section(page_of(staff.get(DASHBOARD)), "untrained")
    assert "Officers not trained to publish (1)" in listed
    assert "“Publishing on your CLP site”" in listed
    assert "editor.a@example.org" in listed
    assert "Editor" in listed
    assert f'href="/admin/constituencies/{clp_a.pk}/"' in listed
    assert "secretary.a@example.org" not in listed
    assert "former.a@example.org" not in listed


def test_without_a_publishing_course_nobody_is_listed_as_untrained(staff, scene):
    listed = section(page_of(staff.get(DASHBOARD)), "untrained")
    assert "Officers not trained to publish (0)" in listed
    assert "No published course is marked as required to publish" in listed


def test_unowned_and_unreviewed_entries_are_listed_from_their_open_flags(staff, scene, clp_a):
    listed = section(page_of(staff.get(DASHBOARD)), "entries")
    assert "Register entries with open flags (2)" in listed
    assert "X (Twitter): @TestfordNorthLabour" in listed
    assert "No current officer controls it" in listed
    assert "X (Twitter): @TestfordNorthOld" in listed
    assert "Control not confirmed within the review period" in listed
    assert f'href="/admin/constituencies/{clp_a.pk}/"' in listed


def test_an_entry_put_right_leaves_the_list_after_the_next_check(staff, scene):
    account = PresenceEntry.objects.get(handle="@TestfordNorthLabour")
    account.controllers.add(scene["secretary"])
    check_flags()
    listed = section(page_of(staff.get(DASHBOARD)), "entries")
    assert "@TestfordNorthLabour" not in listed


def test_a_forums_entries_link_to_each_of_its_clps(staff, scene, clp_a, clp_b):
    forum = PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    entry(forum, handle="@TestfordLCF")
    check_flags()
    listed = section(page_of(staff.get(DASHBOARD)), "entries")
    row = re.search(r"<tr>(?:(?!</tr>).)*@TestfordLCF.*?</tr>", listed, re.DOTALL).group(0)
    assert f'href="/admin/constituencies/{clp_a.pk}/"' in row
    assert f'href="/admin/constituencies/{clp_b.pk}/"' in row


def test_group_administrators_without_the_course_or_a_member_record_are_listed(
    staff, scene, clp_a, clp_b
):
    course = Course.objects.create(
        title="Looking after the party's accounts",
        slug=settings.GROUP_ADMIN_COURSE_SLUG,
        summary="s",
        is_published=True,
    )
    CourseCompletion.objects.create(
        user=scene["secretary"], course=course, name_on_certificate="A Secretary"
    )
    account = PresenceEntry.objects.get(handle="@TestfordNorthOld")
    SignInHolder.objects.create(entry=account, name="Jo Ahmed", email="jo.ahmed@example.org")
    SignInHolder.objects.create(entry=account, name="Morgan", email="member@example.org")
    MemberFactory(email="member@example.org", constituency=clp_a)
    b_entry = entry(ensure_clp_unit(clp_b), handle="@TestfordSouthOnly")
    SignInHolder.objects.create(entry=b_entry, name="Wyn Jones", email="wyn@example.org")

    listed = section(page_of(staff.get(DASHBOARD)), "group-admins")
    assert "“Looking after the party's accounts”" in listed
    assert "Not done the course yet (2)" in listed  # the former SMO and Morgan
    assert "former.a@example.org" in listed
    assert "member@example.org" in listed
    assert "secretary.a@example.org" not in listed  # done it
    assert "No member record (2)" in listed
    assert "jo.ahmed@example.org" in listed
    assert "wyn@example.org" in listed

    wales = section(page_of(staff.get(DASHBOARD, {"nation": "W"})), "group-admins")
    assert "wyn@example.org" in wales
    assert "jo.ahmed@example.org" not in wales


def test_open_reports_are_listed_and_resolved_ones_are_not(staff, scene, clp_b):
    report(scene["unit_b"], "@FakeTestfordSouth")
    report(scene["unit_b"], "@InvestigatedOne", AccountReport.Status.INVESTIGATING)
    report(scene["unit_b"], "@SortedOut", AccountReport.Status.RESOLVED_REMOVED)
    listed = section(page_of(staff.get(DASHBOARD)), "reports")
    assert "Open reports (2)" in listed
    assert "@FakeTestfordSouth" in listed
    assert "@InvestigatedOne" in listed
    assert "@SortedOut" not in listed
    assert f'href="/admin/constituencies/{clp_b.pk}/"' in listed


def test_key_events_at_risk_are_soon_not_past_and_not_fully_publicised(staff, scene, clp_a):
    key_event(clp_a, "Manifesto launch", in_days=3, total=3, done=1)
    key_event(clp_a, "Never planned", in_days=10, total=0, done=0)
    key_event(clp_a, "All done", in_days=2, total=2, done=2)
    key_event(clp_a, "Far off", in_days=20)
    key_event(clp_a, "Already happened", in_days=-1)
    listed = section(page_of(staff.get(DASHBOARD)), "events")
    assert "Key events at risk (2)" in listed
    assert 'href="http://testford-north.localhost/events/manifesto-launch/"' in listed
    assert "1 of 3" in listed
    assert "Never planned" in listed
    for title in ("All done", "Far off", "Already happened"):
        assert title not in listed


def test_an_event_is_at_risk_on_the_days_its_officers_are_reminded(staff, scene, clp_a):
    """Reminders go for events up to the end of the 14th day ahead: the same here."""
    end_of_day_14 = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=15), dt.time())
    )
    record = key_event(clp_a, "Fortnight away", in_days=0)
    KeyEventRecord.objects.filter(pk=record.pk).update(
        starts_at=end_of_day_14 - dt.timedelta(minutes=1)
    )
    key_event(clp_a, "Day fifteen", in_days=0)
    KeyEventRecord.objects.filter(title="Day fifteen").update(starts_at=end_of_day_14)
    listed = section(page_of(staff.get(DASHBOARD)), "events")
    assert "Fortnight away" in listed
    assert "Day fifteen" not in listed


def test_open_flags_are_counted_by_kind_and_nation(staff, scene):
    counts = section(page_of(staff.get(DASHBOARD)), "flags")
    assert re.search(r"No designated administrator</th><td>0</td><td>1</td><td>1</td>", counts)
    assert re.search(r"No current officer controls it</th><td>1</td><td>0</td><td>1</td>", counts)


# --- Filters ---------------------------------------------------------------------------------


def test_staff_filter_by_nation(staff, scene):
    text = page_of(staff.get(DASHBOARD, {"nation": "E"}))
    assert "1 active CLP in England" in text
    assert "Testford South" not in section(text, "no-administrator")
    assert "@TestfordNorthLabour" in section(text, "entries")
    wales = page_of(staff.get(DASHBOARD, {"nation": "W"}))
    assert "Testford South" in section(wales, "no-administrator")
    assert "@TestfordNorthLabour" not in section(wales, "entries")


def test_staff_filter_by_the_partys_regions(staff, scene):
    text = page_of(staff.get(DASHBOARD))
    assert '<option value="South West">South West</option>' in text
    assert '<option value="Wales">Wales</option>' in text
    # The fixed list, not only the regions some site is in.
    assert '<option value="Yorkshire and the Humber">Yorkshire and the Humber</option>' in text
    south_west = page_of(staff.get(DASHBOARD, {"region": "South West"}))
    assert "1 active CLP in the South West region" in south_west
    assert "Testford South" not in section(south_west, "no-administrator")
    assert "@TestfordNorthLabour" in section(south_west, "entries")
    empty = page_of(staff.get(DASHBOARD, {"region": "London"}))
    assert "0 active CLPs in the London region" in empty


def test_a_nation_that_is_one_region_is_named_once(staff, scene):
    both = page_of(staff.get(DASHBOARD, {"nation": "W", "region": "Wales"}))
    assert "1 active CLP in Wales;" in both
    assert "Wales region" not in both
    alone = page_of(staff.get(DASHBOARD, {"region": "Wales"}))
    assert "1 active CLP in Wales;" in alone


def test_a_nation_or_region_not_offered_is_ignored(staff, scene):
    text = page_of(staff.get(DASHBOARD, {"nation": "X", "region": "Atlantis"}))
    assert "2 active CLPs;" in text


def test_reports_about_no_known_unit_show_only_unfiltered(staff, scene):
    report(None, "@SomeoneSomewhere")
    assert "@SomeoneSomewhere" in section(page_of(staff.get(DASHBOARD)), "reports")
    filtered = page_of(staff.get(DASHBOARD, {"nation": "E"}))
    assert "@SomeoneSomewhere" not in section(filtered, "reports")


# --- The chart -------------------------------------------------------------------------------


def snapshot(day, nation, clps, covered):
    return ComplianceSnapshot.objects.create(
        taken_on=day,
        nation=nation,
        clps=clps,
        clps_with_administrator=covered,
        officers=0,
        trained_officers=0,
        entries=0,
        flagged_entries=0,
        open_reports=0,
    )


def test_without_snapshots_the_chart_says_so(staff, scene):
    chart = section(page_of(staff.get(DASHBOARD)), "coverage")
    assert "No snapshots yet" in chart
    assert "<svg" not in chart


def test_the_chart_is_an_accessible_svg_with_a_table_of_its_figures(staff, scene):
    today = timezone.localdate()
    for days_ago, covered in ((2, 1), (1, 2), (0, 3)):
        snapshot(today - dt.timedelta(days=days_ago), "E", 4, covered)
        snapshot(today - dt.timedelta(days=days_ago), "W", 2, 2)
    text = page_of(staff.get(DASHBOARD))
    chart = section(text, "coverage")
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="coverage-title coverage-desc"', chart)
    assert '<title id="coverage-title">Coverage by nation over time</title>' in chart
    assert "Latest: England 75%" in chart
    assert "Wales 100%" in chart
    assert chart.count("<polyline") == 2
    assert "<script" not in chart
    assert '<th scope="col">England</th><th scope="col">Wales</th>' in chart
    assert "75% (3 of 4)" in chart
    assert "25% (1 of 4)" in chart
    assert "100% (2 of 2)" in chart


def test_the_chart_shows_only_the_chosen_nation(staff, scene):
    today = timezone.localdate()
    snapshot(today, "E", 4, 3)
    snapshot(today, "W", 2, 2)
    text = page_of(staff.get(DASHBOARD, {"nation": "W"}))
    assert "Latest: Wales 100%" in text
    assert "England 75%" not in text


# --- Who may see it --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "where", "expected"),
    [
        ("anonymous", "hub", "login"),
        ("member", "hub", 403),
        ("officer", "hub", 403),
        ("staff", "hub", 200),
        ("anonymous", "site", "login"),
        ("member", "site", 403),
        ("officer", "site", 404),
        ("staff", "site", 404),
    ],
)
def test_only_central_staff_on_the_hub_reach_the_dashboard(people, clp_a, who, where, expected):
    host = "localhost" if where == "hub" else clp_a
    response = client_for(host, people[who]).get(DASHBOARD)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected
    if expected != 200:
        assert b"Coverage over time" not in response.content


def test_the_menu_shows_the_dashboard_to_staff_on_the_hub_only(staff_user, clp_a):
    hub_admin = client_for("localhost", staff_user).get("/admin/").content.decode()
    assert 'data-name="governance-compliance"' in hub_admin or DASHBOARD in hub_admin
    site_admin = client_for(clp_a, staff_user).get("/admin/").content.decode()
    assert DASHBOARD not in site_admin


# --- Query budget ----------------------------------------------------------------------------


def add_clps(number, start):
    """Constituency rows with a domain, a unit, officers, flagged entries, a report and a
    key event each (no schema: the dashboard reads the shared tables only)."""
    for index in range(start, start + number):
        code = f"E14888{index:03d}"
        constituency = Constituency.objects.create(
            name=f"Extra {index}", slug=f"extra-{index}", gss_code=code, schema_name=f"clp_{code}"
        )
        Domain.objects.create(domain=f"extra-{index}.localhost", tenant=constituency)
        unit = ensure_clp_unit(constituency)
        former = make_officer(
            constituency,
            Role.SOCIAL_MEDIA_OFFICER,
            email=f"former{index}@example.org",
            ends_in_days=-1,
        )
        make_officer(constituency, Role.EDITOR, email=f"editor{index}@example.org")
        entry(unit, former, handle=f"@Extra{index}", reviewed_days_ago=400)
        report(unit, f"@FakeExtra{index}")
        key_event(constituency, f"Rally {index}", in_days=2, event_id=index)
        snapshot(timezone.localdate() - dt.timedelta(days=index), "E", 10, index % 10)


def test_the_dashboard_takes_the_same_queries_however_many_clps(
    staff, scene, django_assert_max_num_queries
):
    Course.objects.create(
        title="Publishing",
        slug="publishing",
        summary="s",
        is_published=True,
        required_for_publishing=True,
    )
    add_clps(2, start=1)
    check_flags()
    staff.get(DASHBOARD)  # warm the per-process caches (content types, site roots)
    with django_assert_max_num_queries(40) as few:
        page_of(staff.get(DASHBOARD))
    add_clps(12, start=3)
    check_flags()
    with django_assert_max_num_queries(40) as many:
        text = page_of(staff.get(DASHBOARD))
    assert "Extra 14" in section(text, "no-administrator")
    assert "@Extra14" in section(text, "entries")
    assert len(many) == len(few)
