from wagtail import hooks

from labourhub.tenancy import on_hub

from .chrome import site_chrome

# Admin areas whose tables exist only in constituency schemas: hidden on the hub.
CONSTITUENCY_ONLY_MENU_ITEMS = {"signups", "snippets"}
CONSTITUENCY_ONLY_SETTINGS = {"site-settings"}
# ...and their URLs, which answer "not found" on the hub rather than fail on a missing table.
CONSTITUENCY_ONLY_ADMIN_PATHS = (
    "/admin/signups/",
    "/admin/publicity/",
    "/admin/snippets/website/",
    "/admin/snippets/choose/website/",
    "/admin/settings/website/",
)
# Membersnet is curated on the hub: its admin areas are hidden on constituency sites.
HUB_ONLY_MENU_ITEMS = {
    "members",
    "training",
    "rulebook",
    "knowledge-bank",
    "governance-register",
    "governance-compliance",
    "governance-audit",
}


def is_constituency_only_admin_path(path: str) -> bool:
    # The snippets index lists the representative too; the hub's own snippets (the
    # knowledge bank) have their own menu.
    return on_hub() and (
        path == "/admin/snippets/" or path.startswith(CONSTITUENCY_ONLY_ADMIN_PATHS)
    )


@hooks.register("construct_main_menu")
def show_each_admin_area_where_it_belongs(request, menu_items):
    hidden = CONSTITUENCY_ONLY_MENU_ITEMS if on_hub() else HUB_ONLY_MENU_ITEMS
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("construct_settings_menu")
def hide_constituency_settings_on_the_hub(request, menu_items):
    if on_hub():
        menu_items[:] = [item for item in menu_items if item.name not in CONSTITUENCY_ONLY_SETTINGS]


@hooks.register("before_serve_page")
def serve_with_the_site_chrome(page, request, serve_args, serve_kwargs):
    """Hand the page its site's chrome before Wagtail checks its view restrictions
    (ConstituencyPage.get_view_restrictions)."""
    if not on_hub():
        page.served_chrome = site_chrome(request)
