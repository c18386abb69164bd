"""Each constituency site's privacy notice, at /privacy/ on every site: the wording
central staff keep once on the hub (privacy.models.PrivacyNotice), with this site's name,
addresses and MP or candidate filled in as it is shown. Being a route rather than a page
in the site's tree, every site has it from the moment it is provisioned, and no officer
can unpublish it or change the party's wording."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django_tenants.utils import schema_context

from constituencies.languages.alternates import path_in
from constituencies.site_names import constituency_name, party_name
from privacy.models import NoticeKind
from privacy.notice_values import data_protection_email, email_link, web_link
from privacy.notices import notice_of

from .models import Representative, SiteSettings


def notice_values(constituency, request, language: str = settings.LANGUAGE_CODE) -> dict:
    """What the constituency notice's placeholders become on this constituency's site,
    for its notice in `language` (read in its schema, so that the hub's preview can ask
    too). In Welsh: the constituency's Welsh name where it has one."""
    with schema_context(constituency.schema_name):
        site_settings = SiteSettings.objects.only("contact_email").first()
        representative = Representative.current()
    contact = site_settings.contact_email if site_settings else ""
    with translation.override(language):
        name = constituency_name(constituency)
        party = party_name(constituency)
        if representative is None:
            named = gettext("our MP or candidate")
        else:
            named = f"{representative.name}, {representative.get_kind_display()}"
    return {
        "constituency": name,
        "party": party,
        "contact_email": email_link(contact) if contact else data_protection_email(),
        "representative": named,
        "website": web_link(constituency.url_for(request, path_in(language, "/"))),
        "data_protection_email": data_protection_email(),
    }


def site_notice(request):
    """The notice in the page's language: Welsh at /cy/privacy/ on a site offering it."""
    language = translation.get_language()
    notice = notice_of(NoticeKind.CONSTITUENCY)
    filled = notice.fill_in(notice_values(request.tenant, request, language), language)
    return render(
        request,
        "privacy/site_notice.html",
        {"notice": filled, "site_name": constituency_name(request.tenant)},
    )
