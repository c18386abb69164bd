"""The site's look for its emails (settings.CONSTITUENCY_EMAIL_BRANDING names this)."""

from constituencies.constituency_email import EmailBranding

from .models import SiteSettings


def email_branding() -> EmailBranding:
    """The accent colour, public address and imprint of the site in the current schema,
    or the party's defaults when it has no settings yet. A constituency's schema holds
    one site."""
    site_settings = SiteSettings.objects.first()
    if site_settings is None:
        return EmailBranding()
    return EmailBranding(
        accent_colour=site_settings.accent_colour,
        contact_email=site_settings.contact_email,
        imprint=site_settings.imprint,
    )
