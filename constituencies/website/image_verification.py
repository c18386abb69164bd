"""Checking an uploaded image with Pillow before Wagtail reads it: a file must really be
the kind of image its name says, small enough in pixels to process, and nothing a
browser could take for a web page."""

import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

# The formats allowed by WAGTAILIMAGES_EXTENSIONS, as Pillow names them.
FORMAT_OF_EXTENSION = {
    "gif": "GIF",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
}
# Markup that makes a file run as a page if a browser ever sniffs it as one: an image
# has no reason to carry it, even in a comment or metadata.
_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta)[\s/>]", re.IGNORECASE
)

NOT_AN_IMAGE = "This file is not an image we can use. Upload a JPEG, PNG, GIF or WebP file."


def verify_image(upload) -> None:
    """Raise ValidationError, with a message for the person uploading, unless `upload`
    (an uploaded file) is a whole image of the format its name claims, of at most
    WAGTAILIMAGES_MAX_IMAGE_PIXELS pixels, with no web page inside. Leaves the file
    at its start."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    claimed = FORMAT_OF_EXTENSION.get(extension)
    if claimed is None:
        return  # Wagtail explains which endings it accepts
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or _MARKUP.search(content):
        raise ValidationError(
            "This file contains a web page, not just an image, so it can't be uploaded.",
            code="markup_in_image",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                found = image.format
                pixels = image.width * image.height * getattr(image, "n_frames", 1)
                if pixels <= settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                    image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS + 1
        found = claimed
    # Pillow raises many kinds of error on a damaged or hostile file; each means the
    # same to the person uploading it.
    except Exception:  # noqa: BLE001
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from None
    finally:
        upload.seek(0)
    if pixels > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        raise ValidationError(
            "This image has too many pixels to process: make it at most "
            f"{settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 1_000_000} million pixels "
            "(for example 8000 × 6000) and upload it again.",
            code="too_many_pixels",
        )
    if found != claimed:
        raise ValidationError(
            f"This file is a {found} image, but its name ends in .{extension}. "
            "Save it with the right ending and upload it again.",
            code="format_does_not_match_name",
        )
