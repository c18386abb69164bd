from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(required=False, max_length=280)
    link_text = blocks.CharBlock(max_length=40)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "pick"
        template = "website/blocks/call_to_action.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "website/blocks/quote.html"


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video, shown as a link: no third-party player or script is embedded."""

    title = blocks.CharBlock(max_length=120)
    url = blocks.URLBlock()

    class Meta:
        icon = "media"
        template = "website/blocks/video_link.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "website/blocks/captioned_image.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    heading = blocks.CharBlock(
        max_length=120, form_classname="title", template="website/blocks/heading.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video_link = VideoLinkBlock()
    call_to_action = CallToActionBlock()
