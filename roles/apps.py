from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Roles and appointments"

    def ready(self):
        from allauth.account.internal.flows.login import record_authentication
        from allauth.mfa.signals import authenticator_added

        # Setting up an authenticator proves the second factor (a code was entered), so
        # the session that did it counts as signed in with two factors.
        def count_as_second_factor(request, user, authenticator, **kwargs):
            if request is not None:
                record_authentication(request, user, "mfa", type=authenticator.type)

        authenticator_added.connect(count_as_second_factor, dispatch_uid="mfa-setup-counts")
