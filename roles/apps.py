from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Roles and appointments"

    def ready(self):
        from allauth.mfa.signals import authenticator_added  # app registry must be ready

        from . import receivers  # imports models, so only once the registry is ready

        authenticator_added.connect(
            receivers.count_authenticator_setup_as_second_factor,
            dispatch_uid="mfa-setup-counts",
        )
