"""Whichever screen or command deletes a user (the hub's Users admin, the shell), what
the constituencies' schemas hold of theirs is cleared afterwards; and a sign-in counts
as a recent authentication (allauth's own hook for a completed sign-in)."""

from allauth.account.signals import user_logged_in
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .allauth_internals import count_sign_in_as_reauthentication
from .deleted_accounts import record_deletion


@receiver(post_delete, sender=get_user_model(), dispatch_uid="record-deleted-account")
def record_a_deleted_account(instance, **kwargs):
    record_deletion(instance.pk)


@receiver(user_logged_in, dispatch_uid="sign-in-counts-as-reauthentication")
def count_a_sign_in_as_recent_authentication(request, user, **kwargs):
    count_sign_in_as_reauthentication(request)
