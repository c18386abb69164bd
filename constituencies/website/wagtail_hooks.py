from wagtail import hooks

from labourhub.tenancy import on_hub

from .chrome import site_chrome


@hooks.register("before_serve_page")
def serve_with_the_site_chrome(page, request, serve_args, serve_kwargs):
    """Hand the page its site's chrome before Wagtail checks its view restrictions
    (ConstituencyPage.get_view_restrictions)."""
    if not on_hub():
        page.served_chrome = site_chrome(request)
