"""Backing up one constituency to a single archive file, and restoring it, into the same
database or another (a staging copy), under its own slug or a new one. See
docs/backup.md for what an archive holds and what it leaves out."""

from .archive import BackupError
from .export import ExportSummary, export_constituency
from .restore import ImportSummary, import_constituency

__all__ = [
    "BackupError",
    "ExportSummary",
    "ImportSummary",
    "export_constituency",
    "import_constituency",
]
