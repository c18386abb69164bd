"""Membersnet is for members: who may reach it, and the dashboard they see there."""

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from membersnet.members.models import Member
from membersnet.training.models import Course, Lesson
from membersnet.training.progress import complete_lesson
from tests.factories import (
    make_member,
)

from .shared import hub


def test_anonymous_visitors_are_asked_to_sign_in(db):
    response = hub().get("/membersnet/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/membersnet/"


@pytest.mark.parametrize("fixture", ["non_member_user", "lapsed_member"])
def test_people_who_are_not_current_members_are_refused(request, fixture):
    user = request.getfixturevalue(fixture)
    response = hub(user).get("/membersnet/")
    assert response.status_code == 403
    assert "Membersnet is for party members" in response.content.decode()


def test_a_member_whose_membership_lapses_loses_membersnet_at_once(member_user):
    assert hub(member_user).get("/membersnet/").status_code == 200
    Member.objects.filter(user=member_user).update(status=Member.Status.LAPSED)
    assert hub(member_user).get("/membersnet/").status_code == 403


def test_central_staff_may_look_around(staff_user):
    response = hub(staff_user).get("/membersnet/")
    assert response.status_code == 200
    assert "signed in as central staff" in response.content.decode()


def test_the_dashboard_shows_the_members_party_and_its_site(member_user):
    page = hub(member_user).get("/membersnet/").content.decode()
    assert "Welcome, " in page
    assert 'href="http://testford-north.localhost/">Testford North Labour</a>' in page


def test_the_dashboard_shows_what_is_new_since_the_last_visit(member_user):
    old = Course.objects.create(title="Old course", slug="old", summary="Old.", is_published=True)
    Course.objects.filter(pk=old.pk).update(published_at=timezone.now() - dt.timedelta(days=3))
    Member.objects.filter(user=member_user).update(
        last_seen_at=timezone.now() - dt.timedelta(days=1)
    )
    Course.objects.create(title="Brand new course", slug="new", summary="New.", is_published=True)
    page = hub(member_user).get("/membersnet/").content.decode()
    assert "New since your last visit" in page
    assert "Brand new course" in page.split("Your training")[0]
    assert "Old course" not in page.split("Your training")[0]
    second_visit = hub(member_user).get("/membersnet/").content.decode()
    assert "Brand new course" not in second_visit.split("Your training")[0]


def test_the_dashboard_shows_courses_in_progress_and_completed(member_user):

    started = Course.objects.create(title="Half done", slug="half", summary="…", is_published=True)
    first = Lesson.objects.create(course=started, position=1, title="One", text="<p>1</p>")
    Lesson.objects.create(course=started, position=2, title="Two", text="<p>2</p>")
    finished = Course.objects.create(title="All done", slug="done", summary="…", is_published=True)
    only = Lesson.objects.create(course=finished, position=1, title="Only", text="<p>x</p>")
    complete_lesson(member_user, first)
    complete_lesson(member_user, only)
    page = hub(member_user).get("/membersnet/").content.decode()
    in_progress = page.split("In progress")[1].split("Completed")[0]
    assert "Half done" in in_progress
    assert "1 of 2 lessons done" in in_progress
    assert "All done" in page.split("Completed")[1]


def test_members_factory_makes_an_active_member(clp_a):
    user = make_member(clp_a, email="fresh@example.org")
    assert user.member.is_active
    assert user.member.constituency == clp_a


def _links(page: str) -> set[str]:
    return set(re.findall(r'<a [^>]*href="([^"]+)"', page))


def test_a_lapsed_member_is_offered_the_renewal_link_and_nothing_they_cannot_open(
    lapsed_member, settings
):
    settings.MEMBERSHIP_RENEWAL_URL = "https://join.example.org/renew"
    client = hub(lapsed_member)
    response = client.get("/membersnet/facts/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "your party membership has lapsed" in page
    assert '<a class="button" href="https://join.example.org/renew">Renew your membership</a>' in (
        page
    )
    assert 'role="search"' not in page
    for link in _links(page):
        if link.startswith("https://join.example.org"):
            continue
        assert client.get(link).status_code in (200, 302), link
        assert not link.startswith("/membersnet"), link


def test_someone_with_no_membership_is_offered_to_join(non_member_user, settings):
    settings.MEMBERSHIP_RENEWAL_URL = "https://join.example.org/"
    page = hub(non_member_user).get("/membersnet/").content.decode()
    assert "we can't find a current membership for that account" in page
    assert '<a href="https://join.example.org/">join the Labour Party</a>' in page
    assert "lapsed" not in page
    assert not any(link.startswith("/membersnet") for link in _links(page))


def test_the_renewal_link_has_a_default():
    assert django_settings.MEMBERSHIP_RENEWAL_URL == "https://join.labour.org.uk/"


@pytest.mark.parametrize("who", [None, "member_user", "non_member_user", "staff_user"])
def test_the_hubs_header_links_to_membersnet_for_everyone(request, who, db):
    user = request.getfixturevalue(who) if who else None
    page = hub(user).get("/").content.decode()
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    assert '<a href="http://localhost/membersnet/">Membersnet</a>' in header
