"""The groups that carry each role's rights on one constituency's site."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django_tenants.utils import get_tenant_model, schema_context
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site

from .models import PUBLISHER, ConstituencyGroup, Role

# Every role can write and save drafts; publishing comes only with the publisher group,
# which officers and editors join once trained (roles.appointments.sync_role_groups).
_OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
PAGE_PERMISSIONS = {
    Role.SECRETARY: _OFFICER_PAGE_PERMISSIONS,
    Role.SOCIAL_MEDIA_OFFICER: _OFFICER_PAGE_PERMISSIONS,
    Role.EDITOR: ["add_page", "change_page"],
    PUBLISHER: ["publish_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
# "Translate this page" (wagtail-localize), on a site that offers Welsh: elsewhere the
# site has no other locale, or the role backend withholds it.
TRANSLATING = ("wagtail_localize", "submit_translation")
_EVERY_ROLE = [("wagtailadmin", "access_admin"), ("signups", "view_eventsignup"), TRANSLATING]
_DESIGNATED_ADMINISTRATOR = [
    *_EVERY_ROLE,
    ("signups", "change_eventsignup"),
    ("website", "change_sitesettings"),
    ("website", "add_representative"),
    ("website", "change_representative"),
    ("website", "delete_representative"),
]
# Model permissions are global rows; the role backend honours them only on the
# group's own constituency, while the appointment is current.
MODEL_PERMISSIONS = {
    Role.SECRETARY: _DESIGNATED_ADMINISTRATOR,
    Role.SOCIAL_MEDIA_OFFICER: _DESIGNATED_ADMINISTRATOR,
    Role.EDITOR: _EVERY_ROLE,
    PUBLISHER: [],
}
GROUP_LABELS = {**{role.value: role.label for role in Role}, PUBLISHER: "Publishers (trained)"}


def _permissions(pairs) -> list[Permission]:
    wanted = set(pairs)
    found = [
        permission
        for permission in Permission.objects.filter(
            codename__in={codename for _, codename in wanted}
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    if len(found) != len(wanted):
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        raise LookupError(f"Unknown permissions: {sorted(missing)}")
    return found


def create_constituency_groups(constituency) -> list[ConstituencyGroup]:
    """Create one group per role for `constituency` and grant its rights.

    Must run with the constituency's schema active: page and collection permissions
    are rows in that schema, pointing at the site's home page and root collection.
    """
    if connection.schema_name != constituency.schema_name:
        raise RuntimeError("create_constituency_groups() must run in the constituency's schema.")
    home = Site.objects.get(is_default_site=True).root_page
    root_collection = Collection.get_first_root_node()
    # Every permission the groups get, in one query (provisioning makes 632 at a time).
    permissions = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in _permissions(
            [
                *COLLECTION_PERMISSIONS,
                *(("wagtailcore", name) for names in PAGE_PERMISSIONS.values() for name in names),
                *(pair for pairs in MODEL_PERMISSIONS.values() for pair in pairs),
            ]
        )
    }
    collection_permissions = [permissions[pair] for pair in COLLECTION_PERMISSIONS]

    created = []
    for kind, label in GROUP_LABELS.items():
        group = Group.objects.create(name=f"{constituency.name} ({constituency.gss_code}): {label}")
        group.permissions.add(*(permissions[pair] for pair in MODEL_PERMISSIONS[kind]))
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(
                group=group, page=home, permission=permissions[("wagtailcore", codename)]
            )
            for codename in PAGE_PERMISSIONS[kind]
        )
        if kind != PUBLISHER:
            GroupCollectionPermission.objects.bulk_create(
                GroupCollectionPermission(
                    group=group, collection=root_collection, permission=permission
                )
                for permission in collection_permissions
            )
        created.append(
            ConstituencyGroup.objects.create(group=group, constituency=constituency, role=kind)
        )
    return created


def extend_page_rights_to_translations() -> int:
    """In the active constituency schema: give each role group the page rights on every
    translation of the site's home page (the Welsh home, a sibling of the English one,
    not below it) that it holds on the home page, so officers edit and publish the Welsh
    pages as they do the English. Idempotent; returns how many rights were added."""
    home = Site.objects.get(is_default_site=True).root_page
    rights = list(
        GroupPagePermission.objects.filter(page=home, group__constituency_role__isnull=False)
    )
    added = 0
    for translation in home.get_translations():
        for right in rights:
            _, created = GroupPagePermission.objects.get_or_create(
                group_id=right.group_id, page=translation, permission_id=right.permission_id
            )
            added += created
    return added


def ensure_publishing_groups() -> int:
    """Bring constituencies provisioned before publishing was tied to training up to
    date: give each a publisher group, and take publishing away from its role groups.
    Idempotent; returns the number of constituencies changed."""
    changed = 0
    for constituency in (
        get_tenant_model()
        .objects.sites()
        .filter(role_groups__isnull=False)
        .exclude(role_groups__role=PUBLISHER)
        .distinct()
    ):
        with schema_context(constituency.schema_name):
            home = Site.objects.get(is_default_site=True).root_page
            (publish,) = _permissions([("wagtailcore", "publish_page")])
            GroupPagePermission.objects.filter(
                group__constituency_role__constituency=constituency, permission=publish
            ).delete()
            group = Group.objects.create(
                name=f"{constituency.name} ({constituency.gss_code}): {GROUP_LABELS[PUBLISHER]}"
            )
            GroupPagePermission.objects.create(group=group, page=home, permission=publish)
            ConstituencyGroup.objects.create(group=group, constituency=constituency, role=PUBLISHER)
            extend_page_rights_to_translations()
        changed += 1
    return changed


def grant_role_model_permissions() -> int:
    """Bring every constituency's role groups up to date with MODEL_PERMISSIONS (after
    a release adds a permission). Idempotent; returns the number of groups updated."""
    by_kind = {kind: _permissions(pairs) for kind, pairs in MODEL_PERMISSIONS.items()}
    groups = ConstituencyGroup.objects.select_related("group")
    for role_group in groups:
        role_group.group.permissions.set(by_kind[role_group.role])
    return groups.count()
