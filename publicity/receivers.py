"""Signal receivers of the publicity app: the hub's record of each key event
(publicity.key_event_record) follows the event through its life."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from constituencies.website.models import EventPage

from . import key_event_record
from .checklist import sync_checklist


@receiver(page_published, sender=EventPage, dispatch_uid="publicity-published")
def follow_a_published_event(instance, **kwargs):
    """A key event gets its checklist from the register, and its record with it; an
    event that is no longer key loses its record."""
    if instance.is_key_event:
        sync_checklist(instance)  # keeps the record in step itself
    else:
        key_event_record.keep_in_step(instance)
    key_event_record.keep_translations_in_step(instance)


@receiver(page_unpublished, sender=EventPage, dispatch_uid="publicity-unpublished")
@receiver(post_page_move, sender=EventPage, dispatch_uid="publicity-moved")
def follow_an_unpublished_or_moved_event(instance, **kwargs):
    """Unpublished, the event stops counting (and a translation may count instead);
    moved, its address changes."""
    key_event_record.keep_in_step(instance.specific)
    key_event_record.keep_translations_in_step(instance)


@receiver(post_delete, sender=EventPage, dispatch_uid="publicity-deleted")
def forget_a_deleted_event(instance, **kwargs):
    """A deleted event leaves no record behind on the hub; a translation of it counts
    in its place."""
    key_event_record.forget(instance.pk)
    key_event_record.keep_translations_in_step(instance)
