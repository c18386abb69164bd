from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """What personal data the platform holds and why: each app's declarations
    (privacy.registry), the privacy notices and the consent wordings people agree to."""

    name = "privacy"
    default_auto_field = "django.db.models.BigAutoField"
    admin_belongs_on = "hub"  # the notices are central staff's; hidden in sites' admins
    admin_menu_items = ("privacy-notices",)
