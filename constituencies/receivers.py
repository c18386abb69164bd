"""Retire cached pages when a constituency's row or domains change.

Constituency rows change through provisioning, suspending, archiving and reactivating,
the staff admin and commands such as `set_regions`; a receiver catches every one of
them. Each receiver only asks for a purge; `constituencies.page_cache` does it once the
change commits.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tenants.migration_executors.base import run_migrations
from django_tenants.signals import schema_migrated

from labourhub import http_cache
from roles.signals import appointment_ended, appointment_started

from .models import Constituency, Domain
from .page_cache import purge_directory, purge_paths, purge_site
from .shared_foreign_keys import drop_shared_foreign_keys
from .tenant_lookup import forget_hosts


@receiver(post_save, sender=Constituency, dispatch_uid="purge-on-constituency-change")
def purge_when_a_constituency_changes(instance, **kwargs):
    # A suspended or archived site must stop showing its pages at once, everywhere;
    # the hub's directory lists active sites by name.
    forget_hosts(Domain.objects.filter(tenant=instance).values_list("domain", flat=True))
    if instance.is_site:
        purge_site(instance)
        purge_directory()


@receiver(post_save, sender=Domain, dispatch_uid="purge-on-domain-change")
@receiver(post_delete, sender=Domain, dispatch_uid="purge-on-domain-gone")
def purge_when_a_domain_changes(instance, **kwargs):
    # Canonical and share links on every page name the primary domain; a domain taken
    # away (or its constituency deleted) must stop answering with cached pages.
    siblings = Domain.objects.filter(tenant_id=instance.tenant_id)
    forget_hosts([instance.domain, *siblings.values_list("domain", flat=True)])
    tenant = Constituency.objects.filter(pk=instance.tenant_id).first()
    if tenant is None:
        domain = instance.domain
        transaction.on_commit(lambda: http_cache.ban([domain]))
    elif tenant.is_site:
        purge_site(tenant, extra_hosts=[instance.domain])
        purge_directory()


@receiver(appointment_started, dispatch_uid="purge-home-on-appointment")
@receiver(appointment_ended, dispatch_uid="purge-home-on-appointment-end")
def purge_home_page_when_officers_change(appointment, **kwargs):
    """A site without an elected representative names its officers on its home page."""
    if appointment.constituency.is_site:
        purge_paths(["/"], appointment.constituency)


@receiver(schema_migrated, dispatch_uid="drop-shared-foreign-keys")
def drop_shared_foreign_keys_after_migrating(sender, schema_name, **kwargs):
    # Migrations add foreign keys into shared tables that a constituency's schema does
    # not keep (constituencies.shared_foreign_keys). Only a schema that ran migrations
    # can have gained one: django-tenants sends this from run_migrations then, and the
    # smart executor sends it with no sender for a schema it skipped, where looking
    # through the catalogue would cost a release more time the more schemas there are.
    if sender is run_migrations:
        drop_shared_foreign_keys(schema_name)
