"""The share card of a key event: a 1200×630 PNG (the size Open Graph and X cards
expect) with the local party's name, the event's title, when it is and where, in the
site's accent colour. Drawn with the platform's card kit (labourhub.share_card_drawing).

Drawing takes a tenth of a second or so, so a card is drawn once per version of what it
shows and kept in the cache (whose keys are per site); its fingerprint doubles as the
HTTP ETag."""

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from PIL import Image, ImageDraw

from labourhub import share_card_drawing as kit
from labourhub.share_card_drawing import HEIGHT, MARGIN, WHITE, WIDTH, YELLOW

BAND_HEIGHT = 176
# Change it when the drawing changes, so that every cached card is drawn again.
DESIGN = "1"
CACHE_SECONDS = 60 * 60 * 24 * 30

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
    return kit.fingerprint(DESIGN, content)


def draw_card(*, party: str, title: str, when: str, place: str, accent: str) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), accent)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN

    eyebrow = kit.font(30, bold=True)
    y = 48
    draw.text((MARGIN, y), kit.fit_line(party.upper(), eyebrow, width), font=eyebrow, fill=WHITE)
    y += kit.line_height(eyebrow) + 6
    draw.rectangle((MARGIN, y, MARGIN + 120, y + 10), fill=YELLOW)
    y += 34

    band_top = HEIGHT - BAND_HEIGHT
    font, lines = kit.wrapped_in_largest_size(
        title, TITLE_SIZES, width=width, height=band_top - 28 - y, bold=True
    )
    for line in lines:
        draw.text((MARGIN, y), line, font=font, fill=WHITE)
        y += kit.line_height(font)

    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=INK)
    draw.rectangle((0, band_top, WIDTH, band_top + 8), fill=YELLOW)
    when_font = kit.largest_size_on_one_line(when, WHEN_SIZES, width=width, bold=True)
    place_font = kit.font(32)
    y = band_top + 36
    draw.text((MARGIN, y), kit.fit_line(when, when_font, width), font=when_font, fill=WHITE)
    if place:
        y += kit.line_height(when_font) + 8
        draw.text((MARGIN, y), kit.fit_line(place, place_font, width), font=place_font, fill=WHITE)
    return kit.png(image)


def share_card_png(content: dict, fingerprint: str | None = None) -> bytes:
    """The card showing `content`, drawn only if this version was not drawn lately."""
    fingerprint = fingerprint or card_fingerprint(content)
    key = f"publicity-card:{fingerprint}"
    png = cache.get(key)
    if png is None:
        png = draw_card(**content)
        cache.set(key, png, CACHE_SECONDS)
    return png


def card_response(request, content: dict, filename: str) -> tuple[HttpResponse, str]:
    """The card showing `content` as a PNG response (304 to a browser that holds this
    version; `?download` serves it as `filename` to save), and its fingerprint."""
    fingerprint = card_fingerprint(content)
    etag = f'"{fingerprint}"'
    if "download" not in request.GET and request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(share_card_png(content, fingerprint), content_type="image/png")
    response["ETag"] = etag
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, fingerprint
