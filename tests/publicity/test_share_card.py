"""A key event's share card."""

import io

from PIL import Image

from constituencies.website.models import EventPage
from publicity import share_card
from tests.helpers import client_for

from .shared import WHEN, _words, kit_url


def test_the_share_card_is_a_1200_by_630_png(clp_a, key_event, officer_a):
    response = client_for(clp_a, officer_a).get(kit_url(key_event) + "card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)

    download = client_for(clp_a, officer_a).get(kit_url(key_event) + "card.png?download")
    assert download["Content-Disposition"] == 'attachment; filename="meet-your-candidate-card.png"'


def test_the_card_is_drawn_once_per_version_of_what_it_shows(
    clp_a, in_schema, key_event, officer_a, monkeypatch
):
    drawn = []
    draw = share_card.draw_card

    def counting_draw(**content):
        drawn.append(content["title"])
        return draw(**content)

    monkeypatch.setattr(share_card, "draw_card", counting_draw)
    client = client_for(clp_a, officer_a)
    first = client.get(kit_url(key_event) + "card.png")
    again = client.get(kit_url(key_event) + "card.png")
    assert first.content == again.content
    assert drawn == ["Meet your candidate"]

    not_modified = client.get(kit_url(key_event) + "card.png", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304

    with in_schema(clp_a):
        EventPage.objects.filter(pk=key_event.pk).update(title="Meet your new candidate")
    changed = client.get(kit_url(key_event) + "card.png")
    assert changed["ETag"] != first["ETag"]
    assert drawn == ["Meet your candidate", "Meet your new candidate"]


def test_a_card_with_a_very_long_title_and_venue_is_still_1200_by_630():
    png = share_card.draw_card(
        party="Testford North Labour",
        title=_words(255),
        when=WHEN,
        place=_words(120) + ", TF1 1AA",
        accent="#2e2e2c",
    )
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
