"""The share card of a key event: a 1200×630 PNG (the size Open Graph and X cards
expect) with the local party's name, the event's title, when it is and where, in the
site's accent colour. Drawn by Pillow with the DejaVu Sans the knowledge bank ships
(membersnet/knowledge/fonts), so no system font is needed on the server.

Drawing takes a tenth of a second or so, so a card is drawn once per version of what it
shows and kept in the cache (whose keys are per site); its fingerprint doubles as the
HTTP ETag."""

import hashlib
import io
import json
from functools import lru_cache

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

from membersnet.knowledge.share_card import FONTS

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BAND_HEIGHT = 176
# Change it when the drawing changes, so that every cached card is drawn again.
DESIGN = "1"
CACHE_SECONDS = 60 * 60 * 24 * 30

WHITE = "#ffffff"
YELLOW = "#ffd23f"
INK = "#1d1d1b"  # white text on it: 16.9:1
DEFAULT_ACCENT = "#c8102e"

TITLE_SIZES = (80, 72, 64, 56, 50, 44, 40)
# The day and time is never cut if it can be helped: an event over two days needs room.
WHEN_SIZES = (36, 32, 28, 26)


def card_content(event, *, party: str, accent: str = "") -> dict:
    """What the card of `event` (an EventPage) shows: everything its drawing depends on."""
    return {
        "party": party,
        "title": " ".join(event.title.split()),
        "when": event.when,
        "place": ", ".join(part for part in (event.venue.strip(), event.postcode) if part),
        "accent": accent or DEFAULT_ACCENT,
    }


def card_fingerprint(content: dict) -> str:
    encoded = json.dumps([DESIGN, content], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(encoded.encode()).hexdigest()


@lru_cache(maxsize=32)
def _font(size: int, bold: bool = False):
    path = FONTS / ("DejaVuSans-Bold-Latin.ttf" if bold else "DejaVuSans-Latin.ttf")
    try:
        return ImageFont.truetype(str(path), size=size)
    except OSError:
        return ImageFont.load_default(size=size)


def _line_height(font) -> int:
    ascent, descent = font.getmetrics()
    return int((ascent + descent) * 1.12)


def _fit_line(text: str, font, width: int) -> str:
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text.rstrip() + "…") > width:
        text = text[:-1]
    return text.rstrip(" ,;:.-") + "…"


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


def _title_lines(title: str, width: int, height: int):
    """The title in the largest size whose lines fit the space; at the smallest, the
    lines that fit, the last cut with an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(size, bold=True)
        lines = _wrap(title, font, width)
        if len(lines) * _line_height(font) <= height:
            return font, lines
    most = max(height // _line_height(font), 1)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = _fit_line(lines[-1].rstrip(" .,;:") + "…", font, width)
    return font, lines


def draw_card(*, party: str, title: str, when: str, place: str, accent: str) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), accent)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN

    eyebrow = _font(30, bold=True)
    y = 48
    draw.text((MARGIN, y), _fit_line(party.upper(), eyebrow, width), font=eyebrow, fill=WHITE)
    y += _line_height(eyebrow) + 6
    draw.rectangle((MARGIN, y, MARGIN + 120, y + 10), fill=YELLOW)
    y += 34

    band_top = HEIGHT - BAND_HEIGHT
    font, lines = _title_lines(title, width, band_top - 28 - y)
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=WHITE)
        y += _line_height(font)

    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=INK)
    draw.rectangle((0, band_top, WIDTH, band_top + 8), fill=YELLOW)
    when_font = next(
        (
            _font(size, bold=True)
            for size in WHEN_SIZES
            if _font(size, bold=True).getlength(when) <= width
        ),
        _font(WHEN_SIZES[-1], bold=True),
    )
    place_font = _font(32)
    y = band_top + 36
    draw.text((MARGIN, y), _fit_line(when, when_font, width), font=when_font, fill=WHITE)
    if place:
        y += _line_height(when_font) + 8
        draw.text((MARGIN, y), _fit_line(place, place_font, width), font=place_font, fill=WHITE)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def share_card_png(content: dict, fingerprint: str | None = None) -> bytes:
    """The card showing `content`, drawn only if this version was not drawn lately."""
    fingerprint = fingerprint or card_fingerprint(content)
    key = f"publicity-card:{fingerprint}"
    png = cache.get(key)
    if png is None:
        png = draw_card(**content)
        cache.set(key, png, CACHE_SECONDS)
    return png
