"""Whichever screen or command deletes a user (the hub's Users admin, the shell), what
the constituencies' schemas hold of theirs is cleared afterwards."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .deleted_accounts import record_deletion


@receiver(post_delete, sender=get_user_model(), dispatch_uid="record-deleted-account")
def record_a_deleted_account(instance, **kwargs):
    record_deletion(instance.pk)
