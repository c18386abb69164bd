"""Both privacy notices start with the default wording, so no notice is ever empty."""

from django.db import migrations

# A database made later starts from the wording of its day; existing notices are staff's.
from privacy.default_notices import DEFAULTS


def load_default_notices(apps, schema_editor):
    PrivacyNotice = apps.get_model("privacy", "PrivacyNotice")
    for kind, (title, body) in DEFAULTS.items():
        PrivacyNotice.objects.get_or_create(kind=kind, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(load_default_notices, migrations.RunPython.noop)]
