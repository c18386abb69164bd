from django.db import connection
from django_tenants.utils import get_public_schema_name
from wagtail import hooks

# Admin areas whose tables exist only in constituency schemas: hidden on the hub.
CONSTITUENCY_ONLY_MENU_ITEMS = {"signups", "snippets"}
CONSTITUENCY_ONLY_SETTINGS = {"site-settings"}


def _on_hub() -> bool:
    return connection.schema_name == get_public_schema_name()


@hooks.register("construct_main_menu")
def hide_constituency_areas_on_the_hub(request, menu_items):
    if _on_hub():
        menu_items[:] = [
            item for item in menu_items if item.name not in CONSTITUENCY_ONLY_MENU_ITEMS
        ]


@hooks.register("construct_settings_menu")
def hide_constituency_settings_on_the_hub(request, menu_items):
    if _on_hub():
        menu_items[:] = [item for item in menu_items if item.name not in CONSTITUENCY_ONLY_SETTINGS]
