"""The demo site in Wales in Welsh: Cardiff East's Welsh name, and Welsh versions of its
home page, two news stories and two events, translated through wagtail-localize as an
officer would, so the translation screen shows every segment. The other stories and
events stay in English only, for the parity check to find."""

from django.conf import settings
from django.db import transaction
from django_tenants.utils import schema_context
from wagtail.models import Page

from constituencies.languages.offering import starter_translations
from constituencies.languages.translating import locale_for, translate_page
from constituencies.website.models import EventPage, HomePage, NewsPage

WELSH_NAMES = {"W07000089": "Dwyrain Caerdydd"}

# Every segment of each demo page (title, summary, body...) the demo translates, in the
# Welsh an officer would write. Texts as constituencies.demo.content writes them.
HOME_WELSH = {
    "We are the Labour party in Cardiff East: local members campaigning for a fairer, "
    "greener and more hopeful future for our community.": (
        "Ni yw'r Blaid Lafur yn Nwyrain Caerdydd: aelodau lleol sy'n ymgyrchu dros ddyfodol "
        "tecach, gwyrddach a mwy gobeithiol i'n cymuned."
    ),
}

# The body every demo story shares (content._body) and the page it links to.
STORY_BODY_WELSH = {
    "What happens next": "Beth sy'n digwydd nesaf",
    "We will report back at the next all-members meeting and here on our website. If you "
    "would like to help, we would love to hear from you.": (
        "Byddwn yn adrodd yn ôl yn y cyfarfod nesaf i'r holl aelodau ac yma ar ein gwefan. "
        "Os hoffech chi helpu, byddem wrth ein bodd yn clywed gennych chi."
    ),
    "Change happens when neighbours organise together.": (
        "Daw newid pan fydd cymdogion yn trefnu gyda'i gilydd."
    ),
    "Local party chair": "Cadeirydd y blaid leol",
    "Get involved": "Cymryd rhan",
    "Every hour you give helps.": "Mae pob awr rydych chi'n ei rhoi yn helpu.",
    "See what's on": "Gweld beth sy'n digwydd",
}

NEWS_WELSH = {
    "Bus routes saved after residents' campaign": {
        "Bus routes saved after residents' campaign": (
            "Llwybrau bysiau wedi'u hachub ar ôl ymgyrch gan drigolion"
        ),
        "The number 42 will keep running after 1,800 people signed our petition.": (
            "Bydd y bws rhif 42 yn dal i redeg ar ôl i 1,800 o bobl lofnodi ein deiseb."
        ),
        "Thank you to everyone who signed, shared and came to the public meeting. Local "
        "buses are a lifeline for older residents and for anyone working shifts.": (
            "Diolch i bawb a lofnododd, a rannodd ac a ddaeth i'r cyfarfod cyhoeddus. Mae "
            "bysiau lleol yn achubiaeth i drigolion hŷn ac i unrhyw un sy'n gweithio shifftiau."
        ),
    },
    "New community surgery dates announced": {
        "New community surgery dates announced": (
            "Cyhoeddi dyddiadau newydd ar gyfer cymorthfeydd cymunedol"
        ),
        "Advice surgeries return to libraries and community centres across Cardiff East "
        "this winter.": (
            "Mae cymorthfeydd cyngor yn dychwelyd i lyfrgelloedd a chanolfannau cymunedol ar "
            "draws Dwyrain Caerdydd y gaeaf hwn."
        ),
        "Surgeries are open to everyone, whatever your politics. No appointment is needed: "
        "bring your question and we will help, or find someone who can.": (
            "Mae'r cymorthfeydd yn agored i bawb, beth bynnag yw eich gwleidyddiaeth. Does "
            "dim angen apwyntiad: dewch â'ch cwestiwn a byddwn ni'n helpu, neu'n dod o hyd i "
            "rywun a all helpu."
        ),
    },
}

EVENT_PLACE_WELSH = {
    "Adamsdown Community Centre": "Canolfan Gymunedol Adamsdown",
    # A text field's lines are one segment, joined by <br/>.
    "Clifton Street<br/>Cardiff East": "Stryd Clifton<br/>Dwyrain Caerdydd",
    "Step-free access, an accessible toilet and a hearing loop.": (
        "Mynediad heb risiau, toiled hygyrch a dolen sain."
    ),
}

EVENTS_WELSH = {
    "All-members meeting": {
        "All-members meeting": "Cyfarfod i'r holl aelodau",
        "Hear from Rhiannon Evans and vote on our campaign plan for the spring.": (
            "Dewch i glywed gan Rhiannon Evans a phleidleisio ar ein cynllun ymgyrchu ar gyfer "
            "y gwanwyn."
        ),
    },
    "Winter social": {
        "Winter social": "Noson gymdeithasol y gaeaf",
        "Food, music and friends old and new. Children welcome.": (
            "Bwyd, cerddoriaeth, hen ffrindiau a ffrindiau newydd. Croeso i blant."
        ),
    },
}


def _unchanged(*texts: str) -> dict[str, str]:
    """Texts that read the same in Welsh: names, postcodes, slugs."""
    return {text: text for text in texts if text}


def demo_translations(constituency, page: Page) -> dict[str, str] | None:
    """The Welsh of every segment of `page` (a specific page of the constituency's
    schema), or None for a page the demo leaves in English."""
    names = starter_translations(constituency)
    if isinstance(page, HomePage):
        return {**_unchanged(page.slug), **names, **HOME_WELSH}
    if isinstance(page, NewsPage) and page.title in NEWS_WELSH:
        return {
            **_unchanged(page.slug),
            **names,
            **STORY_BODY_WELSH,
            **NEWS_WELSH[page.title],
        }
    if isinstance(page, EventPage) and page.title in EVENTS_WELSH:
        return {
            **_unchanged(page.slug, page.postcode, page.venue),
            **EVENT_PLACE_WELSH,
            **EVENTS_WELSH[page.title],
        }
    return None


def demo_pages_in_welsh(constituency) -> list[Page]:
    """The English pages the demo gives Welsh versions, parents first."""
    english = {"locale__language_code": settings.LANGUAGE_CODE}
    return [
        HomePage.objects.get(**english, depth=2),
        *NewsPage.objects.filter(**english, title__in=NEWS_WELSH).order_by("path"),
        *EventPage.objects.filter(**english, title__in=EVENTS_WELSH).order_by("path"),
    ]


def _is_translated(english: Page, welsh: Page | None, translations: dict[str, str]) -> bool:
    return (
        welsh is not None
        and welsh.live
        and welsh.title == translations[english.title]
        and getattr(welsh, "intro", "") == translations.get(getattr(english, "intro", ""), "")
    )


def name_in_welsh(constituency) -> None:
    welsh_name = WELSH_NAMES.get(constituency.gss_code)
    if welsh_name and not constituency.welsh_name:
        with schema_context("public"):
            constituency.welsh_name = welsh_name
            constituency.save(update_fields=["welsh_name"])


@transaction.atomic
def fill_demo_welsh(constituency) -> int:
    """In the constituency's schema (a site that offers Welsh): give it its Welsh name and
    publish the demo's Welsh pages, once. Returns how many pages were translated."""
    if not constituency.offers_welsh:
        return 0
    name_in_welsh(constituency)
    welsh = locale_for(settings.WELSH)
    translated = 0
    for page in demo_pages_in_welsh(constituency):
        translations = demo_translations(constituency, page)
        if _is_translated(page, page.get_translation_or_none(welsh), translations):
            continue
        translate_page(page, translations)
        translated += 1
    return translated
