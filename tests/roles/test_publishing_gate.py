"""Publishing unlocked by training: an officer or editor can draft at once, publish only
once they complete the required course, and loses it the moment their appointment ends."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from constituencies.website.models import NewsIndexPage, NewsPage
from membersnet.training.progress import complete_lesson
from roles.appointments import end_appointment
from roles.constituency_groups import ensure_publishing_groups
from roles.models import PUBLISHER, Appointment, ConstituencyGroup, Role
from tests.factories import make_officer
from tests.helpers import client_for


@pytest.fixture
def new_officer(clp_a, publishing_course):
    return make_officer(clp_a, Role.SOCIAL_MEDIA_OFFICER, email="new.smo@example.org")


def _home_permissions(user, clp, in_schema):
    # A fresh user object, as each request has: Wagtail caches page permissions on it.
    user = type(user).objects.get(pk=user.pk)
    with in_schema(clp):
        return Page.objects.get(depth=2, locale__language_code="en-gb").permissions_for_user(user)


def _news_form(title, publish):
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "date": timezone.localdate().isoformat(),
            "summary": "A summary.",
            "body": streamfield([]),
        }
    )
    data["action-publish" if publish else "action-draft"] = "1"
    return data


def _add_news(client, clp, in_schema, title, publish):
    with in_schema(clp):
        parent = NewsIndexPage.objects.get(locale__language_code="en-gb")
    return client.post(
        f"/admin/pages/add/website/newspage/{parent.pk}/", _news_form(title, publish)
    )


def test_an_untrained_officer_can_draft_but_not_publish(new_officer, clp_a, in_schema):
    permissions = _home_permissions(new_officer, clp_a, in_schema)
    assert permissions.can_edit()
    assert not permissions.can_publish()

    client = client_for(clp_a, new_officer)
    _add_news(client, clp_a, in_schema, "Draft story", publish=False)
    _add_news(client, clp_a, in_schema, "Sneaky story", publish=True)
    with in_schema(clp_a):
        assert NewsPage.objects.get(title="Draft story").live is False
        sneaky = NewsPage.objects.filter(title="Sneaky story").first()
        assert sneaky is None or not sneaky.live


def test_completing_the_course_unlocks_publishing_at_once(
    new_officer, clp_a, in_schema, publishing_course
):
    complete_lesson(new_officer, publishing_course.lessons.get())
    assert _home_permissions(new_officer, clp_a, in_schema).can_publish()
    response = _add_news(client_for(clp_a, new_officer), clp_a, in_schema, "Trained story", True)
    assert response.status_code == 302
    with in_schema(clp_a):
        assert NewsPage.objects.get(title="Trained story").live


def test_ending_the_appointment_takes_publishing_away_at_once(
    new_officer, clp_a, in_schema, publishing_course
):
    complete_lesson(new_officer, publishing_course.lessons.get())
    end_appointment(Appointment.objects.get(user=new_officer))
    assert not new_officer.groups.exists()
    assert not _home_permissions(new_officer, clp_a, in_schema).can_publish()
    assert client_for(clp_a, new_officer).get("/admin/").status_code == 403


def test_an_appointment_reaching_its_end_date_leaves_no_group_behind(
    new_officer, clp_a, in_schema, publishing_course
):
    complete_lesson(new_officer, publishing_course.lessons.get())
    # The term runs out by date: nobody calls end_appointment().
    Appointment.objects.filter(user=new_officer).update(ends_on=timezone.localdate())
    assert client_for(clp_a, new_officer).get("/admin/").status_code == 403
    assert not new_officer.groups.exists()
    assert not _home_permissions(new_officer, clp_a, in_schema).can_publish()


def test_the_day_before_an_appointment_ends_the_officer_can_still_publish(
    new_officer, clp_a, in_schema, publishing_course
):
    complete_lesson(new_officer, publishing_course.lessons.get())
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Appointment.objects.filter(user=new_officer).update(ends_on=tomorrow)
    assert client_for(clp_a, new_officer).get("/admin/").status_code == 200
    assert _home_permissions(new_officer, clp_a, in_schema).can_publish()


def test_training_unlocks_publishing_only_where_the_officer_holds_a_role(
    new_officer, clp_a, clp_b, in_schema, publishing_course
):
    complete_lesson(new_officer, publishing_course.lessons.get())
    assert _home_permissions(new_officer, clp_a, in_schema).can_publish()
    assert not _home_permissions(new_officer, clp_b, in_schema).can_publish()


def test_the_admin_tells_an_untrained_officer_which_course_to_finish(new_officer, clp_a, in_schema):
    client = client_for(clp_a, new_officer)
    dashboard = client.get("/admin/").content.decode()
    assert "You can't publish yet" in dashboard
    assert (
        'href="http://localhost/membersnet/training/publishing/">Publishing on your CLP site'
        in dashboard
    )
    with in_schema(clp_a):
        parent = NewsIndexPage.objects.get(locale__language_code="en-gb")
    editor = client.get(f"/admin/pages/add/website/newspage/{parent.pk}/").content.decode()
    assert (
        "you can&#x27;t publish until you complete" in editor
        or "you can't publish until you complete" in editor
    )


def test_a_trained_officer_is_not_nagged(new_officer, clp_a, publishing_course):
    complete_lesson(new_officer, publishing_course.lessons.get())
    assert (
        "You can't publish yet"
        not in client_for(clp_a, new_officer).get("/admin/").content.decode()
    )


def test_editors_are_held_to_the_same_course(clp_a, in_schema, publishing_course):
    editor = make_officer(clp_a, Role.EDITOR, email="new.editor@example.org")
    assert not _home_permissions(editor, clp_a, in_schema).can_publish()
    complete_lesson(editor, publishing_course.lessons.get())
    assert _home_permissions(editor, clp_a, in_schema).can_publish()


def test_older_constituencies_are_brought_in_line(clp_a, in_schema):
    """A constituency provisioned when role groups could publish, without a publisher group."""
    with in_schema(clp_a):
        publisher = ConstituencyGroup.objects.get(constituency=clp_a, role=PUBLISHER)
        home = Page.objects.get(depth=2, locale__language_code="en-gb")
        secretary = ConstituencyGroup.objects.get(constituency=clp_a, role=Role.SECRETARY).group
        publish = GroupPagePermission.objects.filter(group=publisher.group).get().permission
        GroupPagePermission.objects.filter(group=publisher.group).delete()
        group_id = publisher.group_id
        publisher.delete()
        Group.objects.filter(pk=group_id).delete()
        GroupPagePermission.objects.create(group=secretary, page=home, permission=publish)

    assert ensure_publishing_groups() == 1
    assert ensure_publishing_groups() == 0
    with in_schema(clp_a):
        publisher = ConstituencyGroup.objects.get(constituency=clp_a, role=PUBLISHER)
        assert GroupPagePermission.objects.filter(
            group=publisher.group, permission=publish
        ).exists()
        assert not GroupPagePermission.objects.filter(group=secretary, permission=publish).exists()
