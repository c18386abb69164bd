"""The share card of a fact: a 1200×630 PNG, the size Open Graph and X cards expect,
with the figure large, the claim and the source, in the party palette. Drawn with the
platform's card kit (labourhub.share_card_drawing).

Drawing takes a tenth of a second or so, so a card is drawn once per version of what
it shows and stored; its fingerprint doubles as the HTTP ETag."""

from urllib.parse import urlsplit

from PIL import Image, ImageDraw

from labourhub import share_card_drawing as kit
from labourhub.share_card_drawing import HEIGHT, MARGIN, WHITE, WIDTH, YELLOW

from .models import Fact, ShareCard

BAND_HEIGHT = 104
# Change it when the drawing changes, so that every stored card is drawn again.
DESIGN = "3"

RED = "#c8102e"  # white text on it: 5.9:1
RED_DARK = "#8f0b21"

FIGURE_SIZES = (180, 160, 140, 120, 100, 84, 72, 60)
CLAIM_SIZES = (44, 40, 36, 32, 28)
SOURCE_SIZES = (26, 23, 20)
LINE_SPACING = 1.15


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
    return kit.fingerprint(DESIGN, card_content(fact))


def draw_card(*, figure: str, claim: str, source: str, as_of: str) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), RED)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN

    eyebrow = kit.font(24, bold=True)
    y = 52
    draw.text((MARGIN, y), f"FIGURE AS OF {as_of.upper()}", font=eyebrow, fill=WHITE)
    y += kit.line_height(eyebrow, LINE_SPACING) + 8

    figure_font = kit.largest_size_on_one_line(figure, FIGURE_SIZES, width=width, bold=True)
    draw.text((MARGIN, y), kit.fit_line(figure, figure_font, width), font=figure_font, fill=WHITE)
    ascent, descent = figure_font.getmetrics()
    y += ascent + descent + 6
    draw.rectangle((MARGIN, y, MARGIN + 120, y + 10), fill=YELLOW)
    y += 34

    band_top = HEIGHT - BAND_HEIGHT
    font, lines = kit.wrapped_in_largest_size(
        claim, CLAIM_SIZES, width=width, height=band_top - 24 - y, spacing=LINE_SPACING
    )
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=WHITE)
        y += kit.line_height(font, LINE_SPACING)

    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=RED_DARK)
    draw.rectangle((0, band_top, WIDTH, band_top + 6), fill=YELLOW)
    source_font = kit.largest_size_on_one_line(source, SOURCE_SIZES, width=width)
    draw.text(
        (MARGIN, band_top + 6 + (BAND_HEIGHT - 6) // 2),
        kit.fit_line(source, source_font, width),
        font=source_font,
        fill=WHITE,
        anchor="lm",
    )
    return kit.png(image)


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
