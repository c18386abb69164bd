"""Procedures: the how-to pages beside the rulebook."""

from membersnet.rulebook.models import (
    Procedure,
)

from .shared import PDF, hub, make_procedure, pdf


def test_procedures_are_grouped_by_kind(db, member_user):
    make_procedure("AGM procedure")
    make_procedure("Model CLP standing orders", kind=Procedure.Kind.MODEL_STANDING_ORDERS)
    make_procedure("Hybrid meetings", kind=Procedure.Kind.GUIDANCE)
    page = hub(member_user).get("/membersnet/rulebook/procedures/").content.decode()
    procedures = page.index("<h2>Model procedures</h2>")
    orders = page.index("<h2>Model standing orders for CLPs</h2>")
    guidance = page.index("<h2>Guidance</h2>")
    assert procedures < page.index("AGM procedure") < orders
    assert orders < page.index("Model CLP standing orders") < guidance
    assert guidance < page.index("Hybrid meetings")


def test_procedure_page_shows_the_full_text_escaped(db, member_user):
    procedure = make_procedure(body="First paragraph.\n\n<script>alert(1)</script>")
    page = hub(member_user).get(procedure.get_absolute_url()).content.decode()
    assert "<p>First paragraph.</p>" in page
    assert "&lt;script&gt;" in page


def test_procedure_files_are_private_and_served_only_to_members(db, member_user, settings):
    procedure = make_procedure(file=pdf("agm.pdf"))
    assert not procedure.file.url.startswith(settings.MEDIA_URL)
    assert not str(procedure.file.path).startswith(str(settings.MEDIA_ROOT))
    response = hub(member_user).get(procedure.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert (
        'attachment; filename="model-procedure-for-meetings.pdf"' in response["Content-Disposition"]
    )
    assert hub().get(procedure.file.url).status_code == 302
