"""Group administrators' guidelines and course on Membersnet: the demo content the
register and its invitations link to, by the slugs the settings name."""

from django.conf import settings

from governance.register.holders import group_admin_course
from membersnet.rulebook.demo import fill_demo_rulebook
from membersnet.rulebook.models import Procedure
from membersnet.training.demo import fill_demo_group_admin_course
from tests.helpers import client_for, text_of


def test_members_read_the_guidelines_the_register_links_to(db, member_user):
    fill_demo_rulebook()
    guidelines = Procedure.objects.get(slug=settings.GROUP_ADMIN_GUIDELINES_SLUG)
    assert guidelines.kind == Procedure.Kind.GUIDANCE
    page = text_of(client_for("localhost", member_user).get(guidelines.get_absolute_url()))
    assert "owned and controlled by the officers" in page
    assert "matter of party discipline" in page
    assert "recovery email" in page
    assert "key event is well publicised" in page
    assert client_for("localhost").get(guidelines.get_absolute_url()).status_code == 302


def test_the_demo_course_is_the_one_group_administrators_are_invited_to(db, member_user):
    assert group_admin_course() is None
    assert fill_demo_group_admin_course()
    assert not fill_demo_group_admin_course()  # once
    course = group_admin_course()
    assert course.slug == settings.GROUP_ADMIN_COURSE_SLUG
    assert course.lessons.count() == 3
    page = text_of(client_for("localhost", member_user).get(course.get_absolute_url()))
    assert "Who owns the account" in page


def test_the_register_links_to_the_guidelines_and_course(clp_a, officer_a, entry_a):
    fill_demo_group_admin_course()
    page = client_for(clp_a, officer_a).get("/admin/online-presence/").content.decode()
    assert f"/membersnet/rulebook/procedures/{settings.GROUP_ADMIN_GUIDELINES_SLUG}/" in page
    assert f"/membersnet/training/{settings.GROUP_ADMIN_COURSE_SLUG}/" in page
