"""The size a page's Open Graph tags declare for its image is the size of the image
actually served: Wagtail never enlarges a picture, so a small one's rendition is small."""

import io
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from PIL import Image as PILImage

from tests.factories import add_news
from tests.helpers import client_for

from .shared import _get, _image, _meta


def _served_size(constituency, url):
    response = client_for(constituency).get(urlsplit(url).path)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    return PILImage.open(io.BytesIO(body)).size


@pytest.mark.parametrize(
    ("original", "served"),
    [((1600, 900), (1200, 630)), ((800, 400), (762, 400)), ((300, 300), (300, 158))],
    ids=["large", "smaller-than-the-card", "small-square"],
)
def test_og_image_width_and_height_are_those_of_the_image_served(
    clp_a, in_schema, original, served
):
    with in_schema(clp_a):
        page = add_news("Bus routes saved", lead_image=_image("Bus", size=original))
    _, html = _get(clp_a, page.url)
    declared = (int(_meta(html, "og:image:width")), int(_meta(html, "og:image:height")))
    assert declared == served
    assert _served_size(clp_a, _meta(html, "og:image")) == declared


def test_the_default_card_is_declared_at_its_own_size(clp_a, in_schema):
    with in_schema(clp_a):
        page = add_news("Plain story")
    _, html = _get(clp_a, page.url)
    assert urlsplit(_meta(html, "og:image")).path == "/static/img/share-default.png"
    declared = (int(_meta(html, "og:image:width")), int(_meta(html, "og:image:height")))
    with PILImage.open(finders.find("img/share-default.png")) as served:
        assert served.size == declared
