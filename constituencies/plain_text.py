"""One-line text typed into public forms or query strings, made safe to put in an
email header or a database query (PostgreSQL refuses NUL). Spreadsheet cells are made
safe where every export is written, labourhub.safe_spreadsheet_export."""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def single_line(text: str) -> str:
    """`text` with line breaks and other control characters turned into single spaces."""
    return " ".join(_CONTROL.sub(" ", text or "").split())
