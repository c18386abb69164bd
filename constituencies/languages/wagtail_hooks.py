from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail import hooks
from wagtail.admin.ui.components import Component

from constituencies.website.chrome import site_chrome
from labourhub.tenancy import current_tenant, on_hub

from .middleware import offers_welsh
from .parity import site_parity


@hooks.register("before_serve_page")
def serve_pages_in_their_own_language(page, request, serve_args, serve_kwargs):
    """Under /cy/, Wagtail falls back to the English page where there is no live Welsh
    one. Only the home page may (it says it is not yet translated); any other English
    page is not found under /cy/, so no English text is passed off as Welsh."""
    if on_hub() or translation.get_language() == settings.LANGUAGE_CODE:
        return
    home = site_chrome(request).language_home  # the live Welsh home, if any
    if home is not None and page.locale_id == home.locale_id:
        return
    if page.depth > 2:
        raise Http404


# The panel lists this many pages, and says how many more there are.
PANEL_LIMIT = 50


class WelshPagesPanel(Component):
    """The officers' own view of the parity check, computed on each visit to the
    dashboard (two queries): what lacks Welsh (or English), what is out of date, what
    the nightly check flagged, each with a link to its translation screen."""

    name = "welsh_pages"
    order = 60
    template_name = "languages/admin/welsh_pages_panel.html"

    def __init__(self, parity):
        self.parity = parity

    def get_context_data(self, parent_context):
        return {
            "parity": self.parity,
            "gaps": self.parity.gaps[:PANEL_LIMIT],
            "more": max(len(self.parity.gaps) - PANEL_LIMIT, 0),
        }


@hooks.register("construct_homepage_panels")
def show_welsh_pages_panel(request, panels):
    if on_hub() or not offers_welsh(current_tenant()):
        return
    panels.append(WelshPagesPanel(site_parity()))
