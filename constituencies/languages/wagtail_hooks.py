from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail import hooks

from labourhub.tenancy import on_hub


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """Under /cy/, Wagtail falls back to the English page where there is no live Welsh
    one. Only the home page may (it says it is not yet translated); any other English
    page is not found under /cy/, so no English text is passed off as Welsh."""
    if on_hub():
        return
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE or page.locale.language_code == language:
        return
    if page.depth > 2:
        raise Http404
