"""The rulebook's files: which documents it accepts, and where they are kept (the
"private" storage, never under MEDIA_URL; members-only views stream them)."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.deconstruct import deconstructible

from membersnet.private_files import PrivateStorage as BasePrivateStorage

DOCUMENT_TYPES = ("pdf", "odt", "docx")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def validate_document(file) -> None:
    """A PDF, ODT or DOCX of at most 10 MB, whose content is what its name says: a
    renamed executable or web page is refused, not just a wrong extension."""
    if getattr(file, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    suffix = PurePath(file.name or "").suffix.lower().lstrip(".")
    if suffix not in DOCUMENT_TYPES:
        raise ValidationError(
            "Upload a PDF, ODT or DOCX file (this one is %(kind)s).",
            code="file_type",
            params={"kind": f".{suffix}" if suffix else "without an extension"},
        )
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            "The file is %(size).1f MB: the limit is 10 MB.",
            code="file_size",
            params={"size": file.size / (1024 * 1024)},
        )
    if not _content_matches(file, suffix):
        raise ValidationError(
            "This file is not a real .%(suffix)s document. Save it again as PDF, ODT or DOCX.",
            code="file_content",
            params={"suffix": suffix},
        )


def _content_matches(file, suffix: str) -> bool:
    file.seek(0)
    try:
        if suffix == "pdf":
            return file.read(5) == b"%PDF-"
        if not zipfile.is_zipfile(file):
            return False
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if suffix == "docx":
                return "word/document.xml" in names
            return "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    finally:
        file.seek(0)


@deconstructible(path="membersnet.rulebook.files.PrivateStorage")
class PrivateStorage(BasePrivateStorage):
    """The private storage, with URLs pointing at the rulebook's members-only view."""

    def url(self, name):
        return reverse(
            "rulebook:file", kwargs={"name": name}, urlconf=settings.PUBLIC_SCHEMA_URLCONF
        )


_private_storage = PrivateStorage()


def private_storage():
    return _private_storage
