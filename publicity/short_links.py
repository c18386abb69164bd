"""Each event's short link, `/e/<page id>/` on its site's own domain (it fits a post, a
leaflet and a QR code, and keeps working when the event page is renamed or moved), and
the QR code that encodes it."""

import qrcode
import qrcode.image.svg
from django.urls import reverse


def short_path(event_id: int) -> str:
    return reverse("event_short_link", args=[event_id])


def short_url(event, request) -> str:
    """The event's short link on its site's primary domain, keeping the request's scheme
    and port."""
    return request.tenant.url_for(request, short_path(event.pk))


def qr_code_svg(url: str) -> str:
    """An SVG QR code of `url`, dark on a white ground (a scanner needs the contrast even
    when the page around it is dark), with the quiet zone scanners expect."""
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
    )
    return image.to_string(encoding="unicode")
