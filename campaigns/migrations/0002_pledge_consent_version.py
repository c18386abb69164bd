import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def _from_before_versions(apps, schema_editor):
    """Records made before wordings had versions: the text they hold is what was shown,
    under the version "before-2026-12", given when the record was made."""
    model = apps.get_model("campaigns", "CampaignPledge")
    model.objects.using(schema_editor.connection.alias).update(
        consent_version="before-2026-12", consented_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="campaignpledge",
            name="consent_version",
            field=models.CharField(
                default="", help_text="The version of the wording (privacy.consent).", max_length=40
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="campaignpledge",
            name="consented_at",
            field=models.DateTimeField(help_text="When the person agreed to it.", null=True),
        ),
        migrations.RunPython(_from_before_versions, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="campaignpledge",
            name="consented_at",
            field=models.DateTimeField(default=django.utils.timezone.now, help_text="When the person agreed to it."),
        ),
    ]
