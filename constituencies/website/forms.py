from wagtail.images.forms import BaseImageForm


class ImageFormWithAltText(BaseImageForm):
    """Wagtail's image form, with the description (used as alt text) required."""

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
