from django.apps import AppConfig


class PersonalDataConfig(AppConfig):
    """A person's data across the hub and every constituency: finding it, exporting it
    (subject access), erasing it, and purging what is past its retention period."""

    name = "personal_data"
    verbose_name = "Personal data"
    default_auto_field = "django.db.models.BigAutoField"
