"""What the rulebook tests share: editions, chapters and sections built for them, and
clients on the hub."""

import datetime as dt
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from membersnet.rulebook.models import (
    Chapter,
    Clause,
    Edition,
    Procedure,
    Section,
    StandingOrders,
)
from tests.helpers import client_for

HUB = "localhost"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def add_clause(edition, ref, text, *, chapter_title=None, section_title=None):
    chapter_number, section_number, clause_number = (int(part) for part in ref.split("."))
    chapter, _ = Chapter.objects.get_or_create(
        edition=edition,
        number=chapter_number,
        defaults={"title": chapter_title or f"Chapter title {chapter_number}"},
    )
    section, _ = Section.objects.get_or_create(
        chapter=chapter,
        number=section_number,
        defaults={"title": section_title or f"Section title {chapter_number}.{section_number}"},
    )
    return Clause.objects.create(section=section, number=clause_number, text=text)


def make_edition(year, clauses, *, published=True):
    edition = Edition.objects.create(
        year=year,
        title=f"Rulebook {year}",
        published_on=dt.date(year, 1, 1) if published else None,
    )
    for ref, text in clauses.items():
        add_clause(edition, ref, text)
    return edition


def make_procedure(title="Model procedure for meetings", **fields):
    fields.setdefault("kind", Procedure.Kind.MODEL_PROCEDURE)
    fields.setdefault("summary", "How to run a meeting.")
    fields.setdefault("body", "The Chair opens the meeting.\n\nThe Secretary takes the minutes.")
    return Procedure.objects.create(title=title, **fields)


def pdf(name="standing-orders.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="standing-orders.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def add_standing_orders(constituency, title="Standing orders 2026", text="SO 1. Meetings."):
    return StandingOrders.objects.create(
        constituency=constituency,
        title=title,
        adopted_on=dt.date(2026, 3, 14),
        file=pdf(),
        text=text,
    )


def hub(user=None):
    return client_for(HUB, user)
