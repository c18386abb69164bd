"""Wagtail's first migrations give its global "Moderators" and "Editors" groups rights
on every page tree and attach a "Moderators approval" workflow to it. On a
constituency site, rights come only from that constituency's role groups, and officers
publish directly (training unlocks it), so both go."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]


def remove_default_rights(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission.objects.filter(group__name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    GroupCollectionPermission.objects.filter(group__name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    WorkflowPage.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_site_settings_representative_tags_and_signups"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(remove_default_rights, migrations.RunPython.noop)]
