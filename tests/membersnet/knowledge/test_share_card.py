"""A fact's share card: drawn once per version, served with its fingerprint as ETag."""

import io
import re

from PIL import Image

from membersnet.knowledge import share_card

from .shared import hub


def test_the_card_is_a_1200_by_630_png(member_user, fact):
    response = hub(member_user).get(f"{fact.get_absolute_url()}card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert image.getpixel((5, 5)) == (0xC8, 0x10, 0x2E)  # Labour red


def test_the_card_is_drawn_once_per_version_and_revalidated_cheaply(member_user, fact, monkeypatch):
    drawn = []
    real_draw = share_card.draw_card
    monkeypatch.setattr(share_card, "draw_card", lambda **kw: drawn.append(1) or real_draw(**kw))
    client = hub(member_user)
    url = f"{fact.get_absolute_url()}card.png"
    first = client.get(url)
    assert client.get(url).content == first.content
    assert len(drawn) == 1
    assert first["Cache-Control"] == "private, no-cache"
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304
    page = client.get(fact.get_absolute_url()).content.decode()
    versioned = re.search(r'src="(/membersnet/facts/[^"]+card\.png\?v=\w+)"', page).group(1)
    assert "immutable" in client.get(versioned)["Cache-Control"]
    assert len(drawn) == 1

    fact.claim = "Demo: 8 million treatments are waiting to start."
    fact.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert len(drawn) == 2


def test_long_and_non_ascii_text_still_makes_a_card():
    png = share_card.draw_card(
        figure="£1,234,567,890,123 and more",
        claim="Demo: Ysgolion ŵ ŷ " + "a very long claim " * 60,
        source="Source: " + "A Publisher With A Very Long Name " * 5,
        as_of="30 September 2025",
    )
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
