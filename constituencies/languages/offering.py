"""Switching Welsh on or off for a constituency's site.

A site offers Welsh from the start in Wales (provisioning, by its W GSS code), and when
central staff switch it on for any other. Switching on gives the site's schema the Welsh
locale and translates the home page and its sections where their text is still the
starter text; a page an officer has written is left for them to translate, as a draft,
so no English ever goes live under /cy/. Switching off keeps the Welsh pages (switching
on again brings them back) and the site answers /cy/ with "not found" from then on.
"""

from django.conf import settings
from django.db import transaction
from django_tenants.utils import schema_context

from constituencies.models import Constituency, Nation
from constituencies.moderation.workflow import attach_moderation_workflow
from constituencies.signals import constituency_welsh_changed
from constituencies.website.models import HomePage
from roles.constituency_groups import extend_page_rights_to_translations

from .translating import locale_for, source_segments, translate_page

# The starter pages' text (constituencies.website.starter_site) in Welsh.
STARTER_WELSH = {
    "News": "Newyddion",
    "The latest from your local Labour party.": "Y diweddaraf gan eich plaid Lafur leol.",
    "Events": "Digwyddiadau",
    "Meetings, campaign days and socials near you.": (
        "Cyfarfodydd, diwrnodau ymgyrchu a digwyddiadau cymdeithasol yn agos atoch chi."
    ),
    "Get involved": "Cymryd rhan",
    "Knock on doors, make calls, run a street stall: every hour helps.": (
        "Curo ar ddrysau, ffonio pobl, rhedeg stondin stryd: mae pob awr yn helpu."
    ),
    "Knock on doors, staff a street stall or make calls: every hour helps win a fairer deal "
    "for our community.": (
        "Curwch ar ddrysau, helpwch ar stondin stryd neu ffoniwch bobl: mae pob awr yn helpu i "
        "ennill bargen decach i'n cymuned."
    ),
    "Contact": "Cysylltu",
    "Write to your MP or candidate, or to the local party.": (
        "Ysgrifennwch at eich AS neu'ch ymgeisydd, neu at y blaid leol."
    ),
}


def welsh_by_default(constituency: Constituency) -> bool:
    return constituency.nation == Nation.WALES


def starter_translations(constituency: Constituency) -> dict[str, str]:
    name = constituency.welsh_name or constituency.name
    return {**STARTER_WELSH, f"{constituency.name} Labour": f"Llafur {name}"}


def translate_starter_pages(constituency: Constituency, user=None) -> None:
    """In the constituency's schema: give the home page and its sections Welsh
    translations, published where every segment is starter text, else left as drafts."""
    known = starter_translations(constituency)
    locale = locale_for(settings.WELSH)
    for home in HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth=2):
        for page in [home, *home.get_children().specific()]:
            if page.get_translation_or_none(locale) is not None:
                continue
            # Slugs stay as they are: /cy/news/ beside /news/.
            translations = {**known, page.slug: page.slug}
            complete = set(source_segments(page)) <= set(translations)
            translate_page(page, translations, publish=complete and page.live, user=user)


def offer_welsh(constituency: Constituency, *, by=None) -> None:
    """The site offers Welsh, its starter pages translated; its officers have the same
    rights over the Welsh pages as over the English, under the same approval workflow."""
    with transaction.atomic(), schema_context(constituency.schema_name):
        translate_starter_pages(constituency, user=by)
        extend_page_rights_to_translations()
        attach_moderation_workflow()
        _set(constituency, True, by)


def stop_offering_welsh(constituency: Constituency, *, by=None) -> None:
    with transaction.atomic():
        _set(constituency, False, by)


def set_site_languages(
    constituency: Constituency, *, offers_welsh: bool, welsh_name: str, by=None
) -> None:
    """Central staff's switch: the Welsh name, then Welsh on or off, in one transaction,
    so a failure part way leaves the constituency as it was. Raises ValidationError for
    a Welsh name the constituency cannot keep."""
    with transaction.atomic():
        if constituency.welsh_name != welsh_name:
            constituency.welsh_name = welsh_name
            constituency.full_clean(validate_unique=False, validate_constraints=False)
            with schema_context("public"):
                constituency.save(update_fields=["welsh_name"])
        if offers_welsh:
            offer_welsh(constituency, by=by)
        else:
            stop_offering_welsh(constituency, by=by)


def _set(constituency: Constituency, offers: bool, by) -> None:
    if constituency.offers_welsh == offers:
        return
    with schema_context("public"):
        constituency.offers_welsh = offers
        constituency.save(update_fields=["offers_welsh"])
        constituency_welsh_changed.send(Constituency, constituency=constituency, by=by)
