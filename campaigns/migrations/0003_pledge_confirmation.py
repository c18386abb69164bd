import secrets

from django.db import migrations, models

import campaigns.models


def _confirmed_before(apps, schema_editor):
    """Pledges made before confirmation by email counted at once: they stay confirmed,
    each with a link of its own."""
    pledge = apps.get_model("campaigns", "CampaignPledge")
    pledges = pledge.objects.using(schema_editor.connection.alias)
    for row in pledges.filter(token__isnull=True).only("pk", "created_at"):
        pledges.filter(pk=row.pk).update(
            token=secrets.token_urlsafe(24), confirmed_at=row.created_at
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_pledge_consent_version")]

    operations = [
        migrations.AddField(
            model_name="campaignpledge",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="campaignpledge",
            name="token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(_confirmed_before, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="campaignpledge",
            name="token",
            field=models.CharField(
                default=campaigns.models._new_token, editable=False, max_length=64, unique=True
            ),
        ),
    ]
