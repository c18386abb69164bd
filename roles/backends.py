from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.models import Permission

from labourhub.tenancy import current_tenant

from .access import current_roles
from .constituency_groups import TRANSLATING


class ConstituencyRoleBackend(AuthenticationBackend):
    """Logs people in by email (allauth) and answers permission checks per site.

    Django groups and their model permissions are global, but a role is held for
    one constituency. So a group's model permissions count only on its own
    constituency's site, and only while the user's appointment to that role is
    current: an editor of one CLP gains nothing on another, and an appointment
    that has ended grants nothing even before its group membership is tidied away.
    Central staff are superusers, whom Django answers before asking any backend.
    """

    def _get_group_permissions(self, user_obj):
        tenant = current_tenant()
        if not getattr(tenant, "is_site", False):
            return Permission.objects.none()
        roles = current_roles(user_obj, tenant)
        if not roles:
            return Permission.objects.none()
        permissions = Permission.objects.filter(
            group__user=user_obj,
            group__constituency_role__constituency=tenant,
            group__constituency_role__role__in=roles,
        )
        if not tenant.offers_welsh:
            # A site that stopped offering Welsh keeps its Welsh locale (and pages, for
            # switching it on again): nothing new is translated meanwhile.
            permissions = permissions.exclude(
                content_type__app_label=TRANSLATING[0], codename=TRANSLATING[1]
            )
        return permissions

    def _get_permissions(self, user_obj, obj, from_name):
        # ModelBackend caches the answer on the user object; here the answer depends
        # on the site being served, so the cache is kept per schema.
        schema = getattr(current_tenant(), "schema_name", "")
        cache_name = f"_{from_name}_perm_cache_{schema}"
        if not hasattr(user_obj, cache_name):
            setattr(user_obj, cache_name, super()._get_permissions(user_obj, obj, from_name))
            user_obj.__dict__.pop(f"_{from_name}_perm_cache", None)
        return getattr(user_obj, cache_name)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return {*self.get_user_permissions(user_obj), *self.get_group_permissions(user_obj)}
