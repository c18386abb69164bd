"""Illustrations for the demo sites, drawn with Pillow so no image files are shipped.
They are plainly illustrations (flat colours, simple shapes), never photos of people."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image

PALETTES = [
    ("#c8102e", "#fbe3e7", "#1d1d1b"),
    ("#8f0b21", "#ffd23f", "#ffffff"),
    ("#1e6b3a", "#e6f2ea", "#1d1d1b"),
    ("#2e2e2c", "#f6f4f1", "#c8102e"),
    ("#6d0e2b", "#fde7ef", "#ffffff"),
]


def _scene(width: int, height: int, seed: str, label: str | None) -> bytes:
    rng = random.Random(seed)
    dark, light, accent = rng.choice(PALETTES)
    image = PILImage.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    draw.rectangle((0, horizon, width, height), fill=dark)
    sun = int(height * 0.18)
    cx, cy = int(width * rng.uniform(0.6, 0.85)), int(height * 0.3)
    draw.ellipse((cx - sun, cy - sun, cx + sun, cy + sun), fill=accent)
    x = 0
    while x < width:
        w = rng.randint(width // 14, width // 8)
        h = rng.randint(height // 6, height // 3)
        draw.rectangle((x, horizon - h, x + w, horizon), fill=dark)
        draw.polygon(
            [(x, horizon - h), (x + w // 2, horizon - h - w // 3), (x + w, horizon - h)], fill=dark
        )
        for wx in range(x + w // 6, x + w - w // 6, max(w // 3, 1)):
            draw.rectangle(
                (wx, horizon - h + h // 4, wx + w // 8, horizon - h + h // 4 + h // 6), fill=light
            )
        x += w + rng.randint(4, width // 30)
    if label:
        font = ImageFont.load_default(size=max(height // 12, 14))
        draw.rectangle(
            (0, height - height // 6, width, height), fill=accent if accent != light else dark
        )
        draw.text(
            (width // 30, height - height // 7),
            label,
            font=font,
            fill="#ffffff" if accent != "#ffffff" else dark,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _portrait(size: int, initials: str, seed: str) -> bytes:
    rng = random.Random(seed)
    dark, light, _ = rng.choice(PALETTES)
    image = PILImage.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(image)
    draw.ellipse((size * 0.3, size * 0.15, size * 0.7, size * 0.55), fill=dark)
    draw.pieslice((size * 0.12, size * 0.55, size * 0.88, size * 1.35), 180, 360, fill=dark)
    font = ImageFont.load_default(size=size // 8)
    draw.text((size * 0.06, size * 0.04), initials, font=font, fill=dark)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_image(
    title: str, alt_text: str, *, seed: str, label: str | None = None, size=(1600, 900)
) -> Image:
    """A Wagtail image in the current schema: an illustrated street scene."""
    data = _scene(*size, seed=seed, label=label)
    return Image.objects.create(
        title=title,
        description=alt_text,
        file=ImageFile(io.BytesIO(data), name=f"{seed}.png"),
    )


def demo_portrait(title: str, alt_text: str, initials: str, seed: str) -> Image:
    data = _portrait(640, initials, seed)
    return Image.objects.create(
        title=title, description=alt_text, file=ImageFile(io.BytesIO(data), name=f"{seed}.png")
    )
