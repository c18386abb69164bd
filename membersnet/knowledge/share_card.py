"""The share card of a fact: a 1200×630 PNG, the size Open Graph and X cards expect,
with the figure large, the claim and the source, in the party palette. Drawn by Pillow
with the DejaVu Sans shipped beside this module (Pillow's built-in font has no "£"),
so no system font is needed on the server.

Drawing takes a tenth of a second or so, so a card is drawn once per version of what
it shows and stored; its fingerprint doubles as the HTTP ETag."""

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

from .models import Fact, ShareCard

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BAND_HEIGHT = 104
# Change it when the drawing changes, so that every stored card is drawn again.
DESIGN = "2"

RED = "#c8102e"  # white text on it: 5.9:1
RED_DARK = "#8f0b21"
YELLOW = "#ffd23f"
WHITE = "#ffffff"

FIGURE_SIZES = (180, 160, 140, 120, 100, 84, 72, 60)
CLAIM_SIZES = (44, 40, 36, 32, 28)
SOURCE_SIZES = (26, 23, 20)


def _source_text(publisher: str, url: str) -> str:
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return f"Source: {publisher}" + (f" · {host}" if host else "")


def card_content(fact: Fact) -> dict:
    source = fact.lead_source
    return {
        "figure": fact.figure,
        "claim": fact.claim,
        "source": _source_text(source.publisher, source.url) if source else "",
        "as_of": fact.as_of,
    }


def card_fingerprint(fact: Fact) -> str:
    content = json.dumps([DESIGN, card_content(fact)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()


FONTS = Path(__file__).resolve().parent / "fonts"


@lru_cache(maxsize=32)
def _font(size: int, bold: bool = False):
    path = FONTS / ("DejaVuSans-Bold-Latin.ttf" if bold else "DejaVuSans-Latin.ttf")
    try:
        return ImageFont.truetype(str(path), size=size)
    except OSError:
        return ImageFont.load_default(size=size)


def _fit_line(text: str, font, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text.rstrip() + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word if font.getlength(word) <= width else _fit_line(word, font, width)
    if line:
        lines.append(line)
    return lines


def _line_height(font) -> int:
    ascent, descent = font.getmetrics()
    return int((ascent + descent) * 1.15)


def _claim_lines(claim: str, width: int, height: int):
    """The claim wrapped in the largest size that fits; at the smallest, cut with an
    ellipsis."""
    for size in CLAIM_SIZES:
        font = _font(size)
        lines = _wrap(claim, font, width)
        if len(lines) * _line_height(font) <= height:
            return font, lines
    most = max(height // _line_height(font), 1)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = _fit_line(lines[-1].rstrip(" .,;:") + "…", font, width)
    return font, lines


def draw_card(*, figure: str, claim: str, source: str, as_of: str) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), RED)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN

    eyebrow = _font(24, bold=True)
    y = 52
    draw.text((MARGIN, y), f"FIGURE AS OF {as_of.upper()}", font=eyebrow, fill=WHITE)
    y += _line_height(eyebrow) + 8

    figure_font = next(
        (
            _font(size, bold=True)
            for size in FIGURE_SIZES
            if _font(size, bold=True).getlength(figure) <= width
        ),
        _font(FIGURE_SIZES[-1], bold=True),
    )
    draw.text((MARGIN, y), _fit_line(figure, figure_font, width), font=figure_font, fill=WHITE)
    ascent, descent = figure_font.getmetrics()
    y += ascent + descent + 6
    draw.rectangle((MARGIN, y, MARGIN + 120, y + 10), fill=YELLOW)
    y += 34

    band_top = HEIGHT - BAND_HEIGHT
    font, lines = _claim_lines(claim, width, band_top - 24 - y)
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=WHITE)
        y += _line_height(font)

    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=RED_DARK)
    draw.rectangle((0, band_top, WIDTH, band_top + 6), fill=YELLOW)
    source_font = next(
        (_font(size) for size in SOURCE_SIZES if _font(size).getlength(source) <= width),
        _font(SOURCE_SIZES[-1]),
    )
    draw.text(
        (MARGIN, band_top + 6 + (BAND_HEIGHT - 6) // 2),
        _fit_line(source, source_font, width),
        font=source_font,
        fill=WHITE,
        anchor="lm",
    )

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def share_card_png(fact: Fact, fingerprint: str | None = None) -> bytes:
    """The fact's card, drawn only if what it shows changed since it was last drawn."""
    fingerprint = fingerprint or card_fingerprint(fact)
    stored = (
        ShareCard.objects.filter(fact=fact, fingerprint=fingerprint)
        .values_list("png", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored)
    png = draw_card(**card_content(fact))
    ShareCard.objects.update_or_create(fact=fact, defaults={"fingerprint": fingerprint, "png": png})
    return png
