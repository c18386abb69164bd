"""Drop the foreign keys a constituency's schema no longer keeps into the shared tables
(constituencies.shared_foreign_keys): once in every schema made before the rule."""

from django.db import migrations

from constituencies.shared_foreign_keys import drop_shared_foreign_keys


def drop_in_this_schema(apps, schema_editor):
    drop_shared_foreign_keys(schema_editor.connection.schema_name)


class Migration(migrations.Migration):
    dependencies = [("website", "0003_remove_wagtail_default_groups_and_moderation")]

    operations = [migrations.RunPython(drop_in_this_schema, migrations.RunPython.noop)]
