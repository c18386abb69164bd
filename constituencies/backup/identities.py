"""Shared rows named by what they are rather than by id, so that a constituency's
references to them can be found again in another database: users by email address,
content types and permissions by app, model and codename, groups by the role they
carry on the constituency (or, for any other group, by name), national campaigns by slug
(an event linked to a campaign the other database lacks loses the link).

A user the target database does not have is created there inactive, with an unusable
password and no email address confirmed: the pages, revisions and appointments that
name them keep their author, and nobody can sign in as them until they reset the
password through their own inbox. Passwords and second factors never leave the
database they belong to.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from roles.models import ConstituencyGroup

# Shared rows known by a unique slug, by kind. Named, not imported: campaigns sit above
# the constituencies whose backups refer to them.
SLUG_KINDS = {"campaign": "campaigns.NationalCampaign"}


def describe(kind_ids: dict[str, set[int]], constituency) -> dict[str, dict[str, object]]:
    """{kind: {id: identity}} for the shared rows with these ids, as the archive keeps them."""
    users = get_user_model().objects.filter(pk__in=kind_ids.get("user", ()))
    content_types = ContentType.objects.filter(pk__in=kind_ids.get("content_type", ()))
    roles = dict(
        ConstituencyGroup.objects.filter(constituency=constituency).values_list("group_id", "role")
    )
    groups = Group.objects.filter(pk__in=kind_ids.get("group", ()))
    permissions = Permission.objects.filter(pk__in=kind_ids.get("permission", ())).select_related(
        "content_type"
    )
    return {
        "user": {
            str(user.pk): {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
            }
            for user in users
        },
        "content_type": {str(ct.pk): [ct.app_label, ct.model] for ct in content_types},
        "group": {
            str(group.pk): {"role": roles[group.pk]} if group.pk in roles else {"name": group.name}
            for group in groups
        },
        "permission": {
            str(p.pk): [p.content_type.app_label, p.content_type.model, p.codename]
            for p in permissions
        },
        **{
            kind: {
                str(pk): slug
                for pk, slug in apps.get_model(label)
                .objects.filter(pk__in=kind_ids.get(kind, ()))
                .values_list("pk", "slug")
            }
            for kind, label in SLUG_KINDS.items()
        },
    }


def id_map(identities: dict[str, dict[str, object]], constituency) -> tuple[dict, list[str]]:
    """({kind: {archive id: id here}}, emails of the users created). Identities with no
    match here are left out of the map, except users, who are created."""
    users, created = _users(identities.get("user", {}))
    return (
        {
            "user": users,
            "content_type": _content_types(identities.get("content_type", {})),
            "group": _groups(identities.get("group", {}), constituency),
            "permission": _permissions(identities.get("permission", {})),
            **{
                kind: _by_slug(label, identities.get(kind, {}))
                for kind, label in SLUG_KINDS.items()
            },
        },
        created,
    )


def _users(identities) -> tuple[dict[int, int], list[str]]:
    User = get_user_model()
    emails = {str(identity["email"]).strip().lower() for identity in identities.values()}
    existing = {
        email.lower(): pk
        for pk, email in User.objects.filter(email__in=emails).values_list("pk", "email")
    }
    mapping, created = {}, []
    for old, identity in identities.items():
        email = str(identity["email"]).strip().lower()
        if email not in existing:
            user = User(
                email=email,
                first_name=identity.get("first_name", ""),
                last_name=identity.get("last_name", ""),
                is_active=False,
            )
            user.set_unusable_password()
            user.save()
            existing[email] = user.pk
            created.append(email)
        mapping[int(old)] = existing[email]
    return mapping, sorted(created)


def _content_types(identities) -> dict[int, int]:
    here = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()}
    return {
        int(old): here[tuple(natural)]
        for old, natural in identities.items()
        if tuple(natural) in here
    }


def _groups(identities, constituency) -> dict[int, int]:
    roles = dict(
        ConstituencyGroup.objects.filter(constituency=constituency).values_list("role", "group_id")
    )
    names = dict(
        Group.objects.filter(
            name__in=[i["name"] for i in identities.values() if "name" in i]
        ).values_list("name", "pk")
    )
    mapping = {}
    for old, identity in identities.items():
        new = roles.get(identity["role"]) if "role" in identity else names.get(identity["name"])
        if new is not None:
            mapping[int(old)] = new
    return mapping


def _permissions(identities) -> dict[int, int]:
    here = {
        (p.content_type.app_label, p.content_type.model, p.codename): p.pk
        for p in Permission.objects.select_related("content_type")
    }
    return {
        int(old): here[tuple(natural)]
        for old, natural in identities.items()
        if tuple(natural) in here
    }


def _by_slug(label, identities) -> dict[int, int]:
    here = dict(
        apps.get_model(label).objects.filter(slug__in=identities.values()).values_list("slug", "pk")
    )
    return {int(old): here[slug] for old, slug in identities.items() if slug in here}
