"""Drop the foreign keys from a constituency's schema to the shared user table
(constituencies.shared_foreign_keys; accounts.deleted_accounts clears a deleted user's
id instead): once in every schema made before the rule."""

from django.db import migrations

from constituencies.shared_foreign_keys import drop_shared_foreign_keys


def drop_in_this_schema(apps, schema_editor):
    drop_shared_foreign_keys(schema_editor.connection.schema_name)


class Migration(migrations.Migration):
    dependencies = [("website", "0004_drop_shared_foreign_keys")]

    operations = [migrations.RunPython(drop_in_this_schema, migrations.RunPython.noop)]
