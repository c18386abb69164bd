"""Each constituency site's privacy notice, at /privacy/ on every site: the wording
central staff keep once on the hub (privacy.models.PrivacyNotice), with this site's name,
addresses and MP or candidate filled in as it is shown. Being a route rather than a page
in the site's tree, every site has it from the moment it is provisioned, and no officer
can unpublish it or change the party's wording."""

from django.shortcuts import render
from django_tenants.utils import schema_context

from privacy.models import NoticeKind
from privacy.notice_values import data_protection_email, email_link, web_link
from privacy.notices import notice_of

from .models import Representative, SiteSettings


def notice_values(constituency, request) -> dict:
    """What the constituency notice's placeholders become on this constituency's site
    (read in its schema, so that the hub's preview can ask too)."""
    with schema_context(constituency.schema_name):
        site_settings = SiteSettings.objects.only("contact_email").first()
        representative = Representative.current()
    contact = site_settings.contact_email if site_settings else ""
    return {
        "constituency": constituency.name,
        "party": f"{constituency.name} Constituency Labour Party",
        "contact_email": email_link(contact) if contact else data_protection_email(),
        "representative": (
            f"{representative.name}, {representative.get_kind_display()}"
            if representative
            else "our MP or candidate"
        ),
        "website": web_link(constituency.url_for(request)),
        "data_protection_email": data_protection_email(),
    }


def site_notice(request):
    notice = notice_of(NoticeKind.CONSTITUENCY)
    filled = notice.fill_in(notice_values(request.tenant, request))
    return render(request, "privacy/site_notice.html", {"notice": filled})
