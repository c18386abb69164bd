"""One-line text typed into public forms or query strings, made safe to put in an
email header, a spreadsheet cell or a database query (PostgreSQL refuses NUL)."""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def single_line(text: str) -> str:
    """`text` with line breaks and other control characters turned into single spaces."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def spreadsheet_safe(value) -> str:
    """A cell value a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text
