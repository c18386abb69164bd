import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def _from_before_versions(apps, schema_editor):
    """Messages written before the form showed a consent wording: the version
    "before-2026-12", given when the message was written, and a text that says so."""
    model = apps.get_model("contact", "ContactMessage")
    model.objects.using(schema_editor.connection.alias).update(
        consent_version="before-2026-12", consented_at=F("created_at"), consent_text="(Written before the form showed a consent wording.)"
    )


class Migration(migrations.Migration):
    dependencies = [("contact", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="contactmessage",
            name="consent_text",
            field=models.TextField(default="", help_text="The wording the sender agreed to."),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="contactmessage",
            name="consent_version",
            field=models.CharField(
                default="", help_text="The version of the wording (privacy.consent).", max_length=40
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="contactmessage",
            name="consented_at",
            field=models.DateTimeField(help_text="When the sender agreed to it.", null=True),
        ),
        migrations.RunPython(_from_before_versions, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="contactmessage",
            name="consented_at",
            field=models.DateTimeField(default=django.utils.timezone.now, help_text="When the sender agreed to it."),
        ),
    ]
