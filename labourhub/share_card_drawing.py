"""Drawing share cards: 1200×630 PNGs (the size Open Graph and X cards expect) of text
set in DejaVu Sans, shipped in labourhub/fonts (Pillow's built-in font has no "£"), so
no system font is needed on the server. The kit every card is drawn with (a fact's, a
key event's): fonts, lines cut to a width, text wrapped in the largest size that fits.
"""

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
WHITE = "#ffffff"
YELLOW = "#ffd23f"
FONTS = Path(__file__).resolve().parent / "fonts"


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False):
    path = FONTS / ("DejaVuSans-Bold-Latin.ttf" if bold else "DejaVuSans-Latin.ttf")
    try:
        return ImageFont.truetype(str(path), size=size)
    except OSError:
        return ImageFont.load_default(size=size)


def line_height(font, spacing: float = 1.12) -> int:
    ascent, descent = font.getmetrics()
    return int((ascent + descent) * spacing)


def fit_line(text: str, font, width: int) -> str:
    """`text`, or as much of it as fits `width` followed by an ellipsis."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text.rstrip() + "…") > width:
        text = text[:-1]
    return text.rstrip(" ,;:.-") + "…"


def wrap(text: str, font, width: int) -> list[str]:
    """`text` in lines no wider than `width`, broken between words (a word too wide on
    its own is cut)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word if font.getlength(word) <= width else fit_line(word, font, width)
    if line:
        lines.append(line)
    return lines


def wrapped_in_largest_size(
    text: str, sizes, *, width: int, height: int, bold: bool = False, spacing: float = 1.12
):
    """(font, lines): `text` wrapped in the largest of `sizes` whose lines fit the space;
    at the smallest, the lines that fit, the last cut with an ellipsis."""
    for size in sizes:
        chosen = font(size, bold)
        lines = wrap(text, chosen, width)
        if len(lines) * line_height(chosen, spacing) <= height:
            return chosen, lines
    most = max(height // line_height(chosen, spacing), 1)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = fit_line(lines[-1].rstrip(" .,;:") + "…", chosen, width)
    return chosen, lines


def largest_size_on_one_line(text: str, sizes, *, width: int, bold: bool = False):
    """The font in the largest of `sizes` in which `text` fits `width` on one line (else
    the smallest)."""
    return next(
        (font(size, bold) for size in sizes if font(size, bold).getlength(text) <= width),
        font(sizes[-1], bold),
    )


def png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def fingerprint(design: str, content: dict) -> str:
    """A card's version: it changes when what the card shows, or its `design`, does."""
    encoded = json.dumps([design, content], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(encoded.encode()).hexdigest()
