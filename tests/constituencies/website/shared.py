"""What the site page tests share: getting a page as a visitor."""

import io
import re

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from tests.helpers import client_for


def _image(title="Picture", alt="Volunteers outside the library", size=(1600, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#c8102e").save(buffer, format="PNG")
    return Image.objects.create(
        title=title, description=alt, file=ImageFile(buffer, name=f"{title}.png")
    )


def _get(constituency, path, **kwargs):
    response = client_for(constituency).get(path, **kwargs)
    return response, response.content.decode()


def _meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None
