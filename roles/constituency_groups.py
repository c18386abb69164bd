"""The groups that carry each role's rights on one constituency's site."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site

from .models import ConstituencyGroup, Role

_OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
PAGE_PERMISSIONS = {
    Role.SECRETARY: _OFFICER_PAGE_PERMISSIONS,
    Role.SOCIAL_MEDIA_OFFICER: _OFFICER_PAGE_PERMISSIONS,
    Role.EDITOR: ["add_page", "change_page", "publish_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MODEL_PERMISSIONS = [("wagtailadmin", "access_admin")]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_constituency_groups(constituency) -> list[ConstituencyGroup]:
    """Create one group per role for `constituency` and grant its rights.

    Must run with the constituency's schema active: page and collection permissions
    are rows in that schema, pointing at the site's home page and root collection.
    Model permissions (admin access) are global rows, which the role backend only
    honours on the group's own constituency.
    """
    if connection.schema_name != constituency.schema_name:
        raise RuntimeError("create_constituency_groups() must run in the constituency's schema.")
    home = Site.objects.get(is_default_site=True).root_page
    root_collection = Collection.get_first_root_node()
    access = [_permission(app, codename) for app, codename in MODEL_PERMISSIONS]
    collection_permissions = [
        _permission(app, codename) for app, codename in COLLECTION_PERMISSIONS
    ]

    created = []
    for role in Role:
        group = Group.objects.create(
            name=f"{constituency.name} ({constituency.gss_code}): {role.label}"
        )
        group.permissions.set(access)
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(
                group=group, page=home, permission=_permission("wagtailcore", codename)
            )
            for codename in PAGE_PERMISSIONS[role]
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(
                group=group, collection=root_collection, permission=permission
            )
            for permission in collection_permissions
        )
        created.append(
            ConstituencyGroup.objects.create(group=group, constituency=constituency, role=role)
        )
    return created
