from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Roles and appointments"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
