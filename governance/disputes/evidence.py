"""Screenshots the disputes team adds to a case: read with Pillow before anything is
stored, so that only a real image of a known format and size reaches private storage."""

import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from governance import audit
from governance.disputes.casework import require_team
from governance.models import CaseEvent, CaseEvidence, DisputeCase

MAX_BYTES = 10 * 1024 * 1024
# A screenshot of a long page is tall, but no honest one has more pixels than this:
# beyond it the file is more likely a decompression bomb.
MAX_PIXELS = 40_000_000
FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "GIF": ".gif"}
DESCRIPTION_MAX_LENGTH = CaseEvidence._meta.get_field("description").max_length


def read_image(upload) -> tuple[bytes, str, int, int]:
    """The upload's bytes, its extension and its size in pixels. Raises
    ValidationError for anything but a whole PNG, JPEG, WebP or GIF within the
    limits."""
    if upload is None:
        raise ValidationError({"image": "Choose a screenshot to upload."})
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {"image": f"That file is over {MAX_BYTES // (1024 * 1024)} MB: crop or compress it."}
        )
    data = upload.read()
    bad = ValidationError(
        {"image": "That isn't an image we can read: upload a PNG, JPEG, WebP or GIF screenshot."}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(ContentFile(data)) as image:
                kind, (width, height) = image.format, image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError({"image": "That image is too large in pixels."})
                image.verify()
            with Image.open(ContentFile(data)) as image:
                image.load()  # verify() skips the pixel data; a truncated file fails here
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        raise bad from None
    if kind not in FORMATS:
        raise bad
    return data, FORMATS[kind], width, height


@transaction.atomic
def add_screenshot(case: DisputeCase, upload, *, actor, description: str) -> CaseEvidence:
    """Store a screenshot as evidence on the case, in its history and the audit log.
    Raises PermissionDenied outside the disputes team, ValidationError (storing
    nothing) for a closed case, a missing description or a file that isn't a
    screenshot we accept."""
    require_team(actor)
    case = (
        DisputeCase.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)
    )
    if not case.is_open:
        raise ValidationError("A closed case takes no more evidence.")
    description = (description or "").strip()
    if not description:
        raise ValidationError(
            {"description": "Say what the screenshot shows, and when it was taken."}
        )
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError({"description": f"Keep it to {DESCRIPTION_MAX_LENGTH} characters."})
    data, extension, width, height = read_image(upload)
    original_name = (getattr(upload, "name", "") or "screenshot")[-255:]
    evidence = CaseEvidence(
        case=case,
        original_name=original_name,
        description=description,
        width=width,
        height=height,
        size=len(data),
    )
    evidence.image.save(f"screenshot{extension}", ContentFile(data), save=False)
    # The file is stored before its row: should the row fail, the file goes too.
    try:
        evidence.save()
        CaseEvent.objects.create(
            case=case, kind=CaseEvent.Kind.EVIDENCE, actor=actor, note=description
        )
        audit.record(
            "dispute.evidence_added",
            f"Case #{case.pk} about {case.account}: screenshot added",
            actor=actor,
            constituency=case.unit.constituency if case.unit else None,
            unit=case.unit,
            case=case.pk,
            evidence=evidence.pk,
            bytes=len(data),
        )
    except Exception:
        evidence.image.delete(save=False)
        raise
    return evidence
