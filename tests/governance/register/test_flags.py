"""Flags: raised when a constituency has no designated administrator, or a register entry
is not controlled or not reviewed, and resolved when that is put right."""

import datetime as dt

import pytest

from governance.models import (
    Flag,
    PartyUnit,
)
from governance.register.flags import check_flags, review_cutoff
from roles.appointments import end_appointment
from roles.models import Role

from .flag_helpers import (
    DAY,
    NO_ADMINISTRATOR,
    NO_CURRENT_CONTROLLER,
    NOT_REVIEWED,
    ONE_DAY,
    entry,
    hold,
    open_flag,
    person,
)


def test_a_clp_without_a_designated_administrator_is_flagged(unit_a):
    result = check_flags(DAY)
    flag = open_flag(NO_ADMINISTRATOR, unit_a)
    assert flag is not None
    assert flag.raised_on == DAY
    assert result.raised[NO_ADMINISTRATOR] >= 1


def test_an_editor_alone_is_not_a_designated_administrator(clp_a, unit_a):
    hold(person("editor@example.org"), clp_a, Role.EDITOR, starts_on=DAY - 30 * ONE_DAY)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a)


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.SOCIAL_MEDIA_OFFICER])
def test_a_secretary_or_social_media_officer_is_a_designated_administrator(clp_a, unit_a, role):
    hold(person("officer@example.org"), clp_a, role, starts_on=DAY - 30 * ONE_DAY)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None


def test_an_administrator_counts_up_to_the_day_before_their_term_ends(clp_a, unit_a):
    hold(person("leaving@example.org"), clp_a, starts_on=DAY - 300 * ONE_DAY, ends_on=DAY)

    check_flags(DAY - ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None

    check_flags(DAY)  # the first day out of office
    assert open_flag(NO_ADMINISTRATOR, unit_a).raised_on == DAY

    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a).raised_on == DAY


def test_an_administrator_counts_from_their_first_day(clp_a, unit_a):
    hold(person("arriving@example.org"), clp_a, starts_on=DAY)

    check_flags(DAY - ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a).raised_on == DAY - ONE_DAY

    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None
    flag = Flag.objects.get(kind=NO_ADMINISTRATOR, unit=unit_a)
    assert flag.resolved_on == DAY


def test_a_suspended_or_archived_clp_is_not_checked(clp_a, unit_a):
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a)
    clp_a.suspend()
    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None
    assert Flag.objects.get(kind=NO_ADMINISTRATOR, unit=unit_a).resolved_on == DAY + ONE_DAY


def test_a_branch_is_flagged_when_its_clp_has_no_designated_administrator(clp_a, unit_a):
    branch = PartyUnit.objects.create(kind=PartyUnit.Kind.BRANCH, name="Ward", constituency=clp_a)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, branch)

    hold(person("secretary@example.org"), clp_a, starts_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, branch) is None
    assert open_flag(NO_ADMINISTRATOR, unit_a) is None


def test_a_forum_is_flagged_only_when_none_of_its_clps_has_a_designated_administrator(clp_a, clp_b):
    forum = PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    secretary_b = hold(person("secretary.b@example.org"), clp_b, starts_on=DAY - 30 * ONE_DAY)

    check_flags(DAY)
    assert open_flag(NO_ADMINISTRATOR, forum) is None

    end_appointment(secretary_b, ends_on=DAY + ONE_DAY)
    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_ADMINISTRATOR, forum).raised_on == DAY + ONE_DAY


def test_an_entry_controlled_only_by_former_officers_is_flagged(clp_a, unit_a):
    former = person("former@example.org")
    hold(former, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY)
    account = entry(unit_a, former, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account).raised_on == DAY


def test_an_entry_with_one_controller_in_office_is_not_flagged(clp_a, unit_a):
    former = person("former@example.org")
    editor = person("editor@example.org")
    hold(former, clp_a, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY - 30 * ONE_DAY)
    hold(editor, clp_a, Role.EDITOR, starts_on=DAY - 30 * ONE_DAY)
    account = entry(unit_a, former, editor, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account) is None


def test_an_entry_with_no_controllers_is_flagged(unit_a):
    account = entry(unit_a, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account)


def test_an_officer_of_another_clp_does_not_count_as_a_controller(clp_b, unit_a):
    other = person("secretary.b@example.org")
    hold(other, clp_b, starts_on=DAY - 30 * ONE_DAY)
    account = entry(unit_a, other, reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account)


def test_a_controller_counts_up_to_the_day_before_their_term_ends(clp_a, unit_a):
    controller = person("smo@example.org")
    hold(controller, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=DAY - 300 * ONE_DAY, ends_on=DAY)
    account = entry(unit_a, controller, reviewed_on=DAY)

    check_flags(DAY - ONE_DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account) is None

    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account).raised_on == DAY

    check_flags(DAY + ONE_DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account).raised_on == DAY


def test_a_forum_entry_is_controlled_by_an_officer_of_any_of_its_clps(clp_a, clp_b):
    forum = PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name="Testford LCF")
    forum.constituencies.set([clp_a, clp_b])
    officer_b = person("secretary.b@example.org")
    hold(officer_b, clp_b, starts_on=DAY - 30 * ONE_DAY)
    account = entry(forum, officer_b, handle="@TestfordLCF", reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, forum, account) is None


def test_a_branch_entry_is_controlled_by_its_clps_officers(clp_a, clp_b):
    branch = PartyUnit.objects.create(kind=PartyUnit.Kind.BRANCH, name="Ward", constituency=clp_a)
    officer_a, officer_b = person("a@example.org"), person("b@example.org")
    hold(officer_a, clp_a, Role.EDITOR, starts_on=DAY - 30 * ONE_DAY)
    hold(officer_b, clp_b, starts_on=DAY - 30 * ONE_DAY)
    ours = entry(branch, officer_a, handle="@WardLabour", reviewed_on=DAY)
    theirs = entry(branch, officer_b, handle="@WardLabourToo", reviewed_on=DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, branch, ours) is None
    assert open_flag(NO_CURRENT_CONTROLLER, branch, theirs)


@pytest.mark.parametrize(
    ("on", "reviewed_on", "flagged"),
    [
        # 365 days: within 12 months. 366 days: more than 12 months.
        (dt.date(2026, 3, 11), dt.date(2025, 3, 11), False),
        (dt.date(2026, 3, 11), dt.date(2025, 3, 10), True),
        # Across a 29 February the year is 366 days long.
        (dt.date(2028, 3, 1), dt.date(2027, 3, 1), False),
        (dt.date(2028, 3, 1), dt.date(2027, 2, 28), True),
        # Reviewed on 29 February: good until 28 February the next year.
        (dt.date(2025, 2, 28), dt.date(2024, 2, 29), False),
        (dt.date(2025, 3, 1), dt.date(2024, 2, 29), True),
    ],
)
def test_an_entry_is_flagged_when_last_reviewed_more_than_12_months_ago(
    clp_a, unit_a, on, reviewed_on, flagged
):
    smo = person("smo@example.org")
    hold(smo, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=dt.date(2020, 1, 1))
    account = entry(unit_a, smo, reviewed_on=reviewed_on)
    check_flags(on)
    assert (open_flag(NOT_REVIEWED, unit_a, account) is not None) is flagged
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account) is None


def test_the_review_cutoff_is_the_same_date_a_year_before():
    assert review_cutoff(dt.date(2026, 3, 11)) == dt.date(2025, 3, 11)
    assert review_cutoff(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_a_flag_is_resolved_on_the_day_the_problem_is_fixed(clp_a, unit_a):
    former = person("former@example.org")
    hold(former, clp_a, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY - 10 * ONE_DAY)
    account = entry(unit_a, former, reviewed_on=DAY - 400 * ONE_DAY)
    check_flags(DAY)
    assert open_flag(NO_CURRENT_CONTROLLER, unit_a, account)
    assert open_flag(NOT_REVIEWED, unit_a, account)

    newcomer = person("newcomer@example.org")
    hold(newcomer, clp_a, Role.SOCIAL_MEDIA_OFFICER, starts_on=DAY)
    account.controllers.add(newcomer)
    account.last_reviewed_on = DAY + ONE_DAY
    account.save()
    result = check_flags(DAY + ONE_DAY)

    assert result.resolved[NO_CURRENT_CONTROLLER] == 1
    assert result.resolved[NOT_REVIEWED] == 1
    assert result.resolved[NO_ADMINISTRATOR] == 1
    flags = Flag.objects.filter(unit=unit_a)
    assert {(f.kind, f.raised_on, f.resolved_on) for f in flags} == {
        (NO_ADMINISTRATOR, DAY, DAY + ONE_DAY),
        (NO_CURRENT_CONTROLLER, DAY, DAY + ONE_DAY),
        (NOT_REVIEWED, DAY, DAY + ONE_DAY),
    }


def test_a_problem_that_comes_back_opens_a_new_flag_and_keeps_the_old_one(clp_a, unit_a):
    secretary = hold(person("s@example.org"), clp_a, starts_on=DAY, ends_on=DAY + 10 * ONE_DAY)
    check_flags(DAY - ONE_DAY)
    check_flags(DAY)
    check_flags(DAY + 10 * ONE_DAY)
    flags = Flag.objects.filter(kind=NO_ADMINISTRATOR, unit=unit_a).order_by("raised_on")
    assert [(f.raised_on, f.resolved_on) for f in flags] == [
        (DAY - ONE_DAY, DAY),
        (DAY + 10 * ONE_DAY, None),
    ]
    assert secretary.ends_on == DAY + 10 * ONE_DAY


def test_running_the_check_twice_changes_nothing_the_second_time(clp_a, unit_a):
    former = person("former@example.org")
    hold(former, clp_a, starts_on=DAY - 400 * ONE_DAY, ends_on=DAY - 10 * ONE_DAY)
    entry(unit_a, former, reviewed_on=DAY - 400 * ONE_DAY)
    first = check_flags(DAY)
    before = list(Flag.objects.values_list("pk", "kind", "raised_on", "resolved_on"))

    second = check_flags(DAY)

    assert sum(first.raised.values()) >= 3
    assert sum(second.raised.values()) == 0
    assert sum(second.resolved.values()) == 0
    assert second.open == first.open
    assert list(Flag.objects.values_list("pk", "kind", "raised_on", "resolved_on")) == before


def test_a_deleted_entry_takes_its_flags_with_it(unit_a):
    account = entry(unit_a, reviewed_on=DAY)
    check_flags(DAY)
    account.delete()
    check_flags(DAY + ONE_DAY)
    assert not Flag.objects.filter(entry__isnull=False, unit=unit_a).exists()


def test_the_check_takes_the_same_number_of_queries_however_many_entries(
    clp_a, unit_a, django_assert_max_num_queries
):
    entry(unit_a, reviewed_on=DAY)
    with django_assert_max_num_queries(15) as few:
        check_flags(DAY)
    for number in range(30):
        entry(unit_a, handle=f"@Account{number}", reviewed_on=DAY - 400 * ONE_DAY)
    with django_assert_max_num_queries(15) as many:
        check_flags(DAY + ONE_DAY)
    assert len(many) == len(few)
