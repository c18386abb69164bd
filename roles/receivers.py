"""Signal receivers of the roles app, connected when RolesConfig.ready() imports them."""

from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

from accounts.allauth_internals import record_second_factor


@receiver(authenticator_added, dispatch_uid="mfa-setup-counts")
def count_authenticator_setup_as_second_factor(request, user, authenticator, **kwargs):
    """Setting up an authenticator proves the second factor (a code was entered), so the
    session that did it counts as signed in with two factors and may open the admin."""
    if request is not None:
        record_second_factor(request, user, authenticator)
