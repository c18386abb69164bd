from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # the module also holds the Users admin's config
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's Users admin, with its "Administrator" box as the central-staff role
    (accounts.users_admin)."""

    default = False
    user_viewset = "accounts.users_admin.AccountViewSet"
