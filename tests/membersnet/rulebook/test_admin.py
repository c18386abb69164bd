"""Central staff edit the rulebook, procedures and standing orders in the hub's admin."""

from django.core.files.uploadedfile import SimpleUploadedFile

from membersnet.rulebook.models import (
    Chapter,
    Clause,
    Edition,
    Procedure,
    Section,
)
from membersnet.rulebook.wagtail_hooks import CentralStaffOnHubPolicy, register_rulebook_viewsets
from roles.admin_areas import CONSTITUENCIES, hidden_menu_items
from tests.helpers import client_for

from .shared import PDF, add_standing_orders, make_procedure, pdf


def test_staff_create_and_edit_an_edition_in_the_admin(staff):
    response = staff.post(
        "/admin/rulebook_editions/new/",
        {"year": "2030", "title": "Rulebook 2030", "note": "", "published_on": "2030-01-01"},
    )
    assert response.status_code == 302
    edition = Edition.objects.get(year=2030)
    response = staff.post(
        f"/admin/rulebook_editions/edit/{edition.pk}/",
        {"year": "2030", "title": "Rulebook 2030, revised", "note": "", "published_on": ""},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.title == "Rulebook 2030, revised"
    assert edition.published_on is None


def test_staff_create_a_chapter_section_and_clause_in_the_admin(staff, db):
    edition = Edition.objects.create(year=2030, title="Rulebook 2030")
    staff.post(
        "/admin/rulebook_chapters/new/",
        {"edition": edition.pk, "number": "2", "title": "Membership", "intro": ""},
    )
    chapter = Chapter.objects.get(edition=edition, number=2)
    staff.post(
        "/admin/rulebook_sections/new/",
        {"chapter": chapter.pk, "number": "1", "title": "Joining"},
    )
    section = Section.objects.get(chapter=chapter, number=1)
    response = staff.post(
        "/admin/rulebook_clauses/new/",
        {"section": section.pk, "number": "3", "text": "Anyone may join."},
    )
    assert response.status_code == 302
    clause = Clause.objects.get()
    assert clause.ref == "2.1.3"
    response = staff.post(
        f"/admin/rulebook_clauses/edit/{clause.pk}/",
        {"section": section.pk, "number": "3", "text": "Anyone aged 14 may join."},
    )
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.text == "Anyone aged 14 may join."
    assert "14" in clause.search_vector or "age" in clause.search_vector


def test_the_admin_refuses_a_duplicate_clause_number(staff, editions):
    _, new = editions
    section = Clause.objects.by_ref(new, "3.2.1").section
    response = staff.post(
        "/admin/rulebook_clauses/new/",
        {"section": section.pk, "number": "1", "text": "A second 3.2.1."},
    )
    assert response.status_code == 200
    assert Clause.objects.in_edition(new).filter(section=section).count() == 2


def test_staff_create_and_edit_a_procedure_with_a_file_in_the_admin(staff, db):
    response = staff.post(
        "/admin/rulebook_procedures/new/",
        {
            "kind": Procedure.Kind.GUIDANCE,
            "title": "Running hybrid meetings",
            "slug": "",
            "summary": "Advice.",
            "body": "Test the microphone.",
            "file": pdf("hybrid.pdf"),
        },
    )
    assert response.status_code == 302
    procedure = Procedure.objects.get()
    assert procedure.slug == "running-hybrid-meetings"
    assert procedure.file.read() == PDF
    response = staff.post(
        f"/admin/rulebook_procedures/edit/{procedure.pk}/",
        {
            "kind": Procedure.Kind.GUIDANCE,
            "title": "Running hybrid meetings",
            "slug": procedure.slug,
            "summary": "Better advice.",
            "body": "Test the microphone first.",
        },
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.summary == "Better advice."


def test_the_admin_refuses_a_procedure_file_that_is_not_a_document(staff, db):
    response = staff.post(
        "/admin/rulebook_procedures/new/",
        {
            "kind": Procedure.Kind.GUIDANCE,
            "title": "Bad",
            "summary": "Bad.",
            "body": "Bad.",
            "file": SimpleUploadedFile("bad.html", b"<html></html>"),
        },
    )
    assert response.status_code == 200
    assert not Procedure.objects.exists()


def test_admin_listings_open_for_staff(staff, editions, clp_a):
    make_procedure()
    add_standing_orders(clp_a)
    for name in (
        "rulebook_editions",
        "rulebook_chapters",
        "rulebook_sections",
        "rulebook_clauses",
        "rulebook_procedures",
        "rulebook_standing_orders",
    ):
        assert staff.get(f"/admin/{name}/").status_code == 200, name


def test_rulebook_admin_is_one_menu_named_rulebook_hidden_on_constituency_sites(
    rf, staff_user, member_user
):

    item = register_rulebook_viewsets().get_menu_item()
    assert item.name == "rulebook"
    assert "rulebook" in hidden_menu_items(CONSTITUENCIES)
    request = rf.get("/admin/")
    request.user = member_user
    assert item.menu.menu_items_for_request(request) == []
    request.user = staff_user
    assert [sub.url for sub in item.menu.menu_items_for_request(request)] == [
        "/admin/rulebook_editions/",
        "/admin/rulebook_chapters/",
        "/admin/rulebook_sections/",
        "/admin/rulebook_clauses/",
        "/admin/rulebook_procedures/",
        "/admin/rulebook_standing_orders/",
    ]


def test_only_central_staff_in_the_hubs_admin_may_edit_the_rulebook(
    staff_user, officer_a, clp_a, in_schema
):

    policy = CentralStaffOnHubPolicy(Clause)
    assert policy.user_has_permission(staff_user, "change")
    assert not policy.user_has_permission(officer_a, "change")
    with in_schema(clp_a):
        assert not policy.user_has_permission(staff_user, "change")


def test_officers_cannot_open_the_rulebook_admin_on_their_constituency_site(
    editions, officer_a, clp_a
):
    response = client_for(clp_a, officer_a).get("/admin/rulebook_editions/")
    assert response.status_code == 404
    assert "Rulebook 2026" not in response.content.decode()
