from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .image_verification import verify_image


class VerifiedImageField(WagtailImageField):
    """Wagtail's image field, with the upload checked by Pillow before Wagtail reads it:
    Wagtail's own checks open the image and fail with a server error on a
    decompression bomb or a damaged file."""

    def to_python(self, data):
        if data is not None and hasattr(data, "name") and hasattr(data, "read"):
            verify_image(data)
        return super().to_python(data)


class ImageFormWithAltText(BaseImageForm):
    """Wagtail's image form, with the description (used as alt text) required and the
    file verified (see VerifiedImageField). The single and the multiple upload views
    both build their forms on this one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = "Alt text"
            field.help_text = (
                "Describe the image for people who cannot see it, e.g. “Volunteers with "
                "leaflets outside Easton library”."
            )
        if isinstance(self.fields.get("file"), WagtailImageField):
            generated = self.fields["file"]
            self.fields["file"] = VerifiedImageField(
                label=generated.label, required=generated.required, widget=generated.widget
            )
