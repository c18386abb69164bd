"""Where each app's admin areas belong, as each app declares on its AppConfig:

- `admin_belongs_on = "hub"`: curated on the hub only (Membersnet, governance). Its menu
  items (`admin_menu_items`) are hidden in constituencies' admins, and its models' admin
  URLs answer "not found" there (roles.hub_only_admin), since the shared tables they
  show are reachable through every constituency's search path.
- `admin_belongs_on = "constituencies"`: its tables exist only in constituency schemas
  (the website, sign-ups, publicity), or its screens make sense only there (translating
  pages into Welsh). Its menu items, settings items (`admin_settings_items`) and reports
  (`admin_reports_items`) are hidden on the hub, and its URLs (`admin_paths`, prefixes,
  and `admin_exact_paths`) answer "not found" there rather than fail on a missing table.

roles reads the declarations; it never names another app.
"""

import functools

from django.apps import apps

from labourhub.tenancy import on_hub

HUB = "hub"
CONSTITUENCIES = "constituencies"


def _declared(where: str, attribute: str) -> frozenset:
    return frozenset(
        value
        for config in apps.get_app_configs()
        if getattr(config, "admin_belongs_on", None) == where
        for value in getattr(config, attribute, ())
    )


@functools.cache
def hub_only_app_labels() -> frozenset:
    return frozenset(
        config.label
        for config in apps.get_app_configs()
        if getattr(config, "admin_belongs_on", None) == HUB
    )


@functools.cache
def hidden_menu_items(where_we_are: str) -> frozenset:
    """The main-menu items that belong elsewhere than `where_we_are`."""
    elsewhere = CONSTITUENCIES if where_we_are == HUB else HUB
    return _declared(elsewhere, "admin_menu_items")


@functools.cache
def hidden_reports_items(where_we_are: str) -> frozenset:
    """The items of the Reports menu that belong elsewhere than `where_we_are`."""
    elsewhere = CONSTITUENCIES if where_we_are == HUB else HUB
    return _declared(elsewhere, "admin_reports_items")


@functools.cache
def constituency_only_settings_items() -> frozenset:
    return _declared(CONSTITUENCIES, "admin_settings_items")


@functools.cache
def _constituency_only_paths() -> tuple[tuple[str, ...], frozenset]:
    return (
        tuple(sorted(_declared(CONSTITUENCIES, "admin_paths"))),
        _declared(CONSTITUENCIES, "admin_exact_paths"),
    )


def is_constituency_only_admin_path(path: str) -> bool:
    """On the hub, is `path` an admin area that exists only on constituency sites?"""
    if not on_hub():
        return False
    prefixes, exact = _constituency_only_paths()
    return path in exact or path.startswith(prefixes)
