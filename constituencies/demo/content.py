"""Content for the demo constituency sites: a representative, news with pictures,
upcoming and past events, activities with sign-ups. Invented people and places; every
email address is at example.org."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Site

from constituencies.signups.models import EventShift, EventSignup
from constituencies.signups.places import confirm, consent_text, sign_up, sign_up_for_shifts
from constituencies.website.models import (
    AccentColour,
    ActivityType,
    EventIndexPage,
    EventPage,
    GetInvolvedPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    Representative,
    SiteSettings,
)

from .images import demo_image, demo_portrait


@dataclass(frozen=True)
class DemoSite:
    area: str
    colour: str
    representative: str
    kind: str
    high_street: str
    venue: str
    postcode: str


DEMO_SITES = {
    "E14001132": DemoSite(
        area="Easton, Lawrence Hill, St George and Stockwood",
        colour=AccentColour.LABOUR_RED,
        representative="Sam Okafor",
        kind=Representative.Kind.MP,
        high_street="Church Road",
        venue="St George Community Hall",
        postcode="BS5 7AA",
    ),
    "W07000089": DemoSite(
        area="Splott, Adamsdown, Rumney and Llanrumney",
        colour=AccentColour.DEEP_RED,
        representative="Rhiannon Evans",
        kind=Representative.Kind.MP,
        high_street="Clifton Street",
        venue="Adamsdown Community Centre",
        postcode="CF24 1AA",
    ),
    "S14000084": DemoSite(
        area="Shettleston, Baillieston and Easterhouse",
        colour=AccentColour.BURGUNDY,
        representative="Iain MacLeod",
        kind=Representative.Kind.CANDIDATE,
        high_street="Shettleston Road",
        venue="Easterhouse Community Hub",
        postcode="G34 9AA",
    ),
}

NEWS = [
    (
        "Hundreds join our summer action day",
        ["campaigning"],
        2,
        "Volunteers knocked on more than 2,000 doors across {name} in a single Saturday.",
        "We spoke to residents about the cost of living, local buses and the state of our high "
        "street, and forty new volunteers signed up to help.",
    ),
    (
        "Bus routes saved after residents' campaign",
        ["transport", "campaigning"],
        6,
        "The number 42 will keep running after 1,800 people signed our petition.",
        "Thank you to everyone who signed, shared and came to the public meeting. Local buses "
        "are a lifeline for older residents and for anyone working shifts.",
    ),
    (
        "New community surgery dates announced",
        ["surgeries"],
        11,
        "Advice surgeries return to libraries and community centres across {name} this winter.",
        "Surgeries are open to everyone, whatever your politics. No appointment is needed: "
        "bring your question and we will help, or find someone who can.",
    ),
    (
        "Our plan for the high street",
        ["local economy"],
        17,
        "Empty shops, short-term lets and business rates: what we are asking the council to do.",
        "Our plan was drawn up with traders and residents over three public meetings. It asks "
        "for a rates holiday for new independent shops and a market on Saturdays.",
    ),
    (
        "Meet our new officers",
        ["party news"],
        24,
        "The annual general meeting elected a new executive committee for {name} Labour.",
        "Our new officers will lead campaigning, fundraising and our work with trade unions "
        "and community groups over the coming year.",
    ),
    (
        "Young Labour relaunches with a quiz night",
        ["young labour", "socials"],
        33,
        "Thirty young members came together to plan a year of campaigning.",
        "Young Labour meets on the first Thursday of the month. New members are always welcome, "
        "whether you have campaigned for years or never knocked on a door.",
    ),
]


def _body(text: str, get_involved) -> list:
    return [
        ("paragraph", f"<p>{text}</p>"),
        ("heading", "What happens next"),
        (
            "paragraph",
            "<p>We will report back at the next all-members meeting and here on "
            "our website. If you would like to help, we would love to hear from you.</p>",
        ),
        (
            "quote",
            {
                "quote": "Change happens when neighbours organise together.",
                "attribution": "Local party chair",
            },
        ),
        (
            "call_to_action",
            {
                "heading": "Get involved",
                "text": "Every hour you give helps.",
                "link_text": "See what's on",
                "page": get_involved,
                "url": "",
            },
        ),
    ]


@transaction.atomic
def fill_demo_site(constituency) -> bool:
    """Fill the active schema's starter site with demo content, once. Returns whether
    anything was added."""
    if NewsPage.objects.exists():
        return False
    spec = DEMO_SITES[constituency.gss_code]
    name = constituency.name
    seed = constituency.slug
    site = Site.objects.get(is_default_site=True)

    banner = demo_image(
        f"{name} street scene",
        f"Illustration of terraced streets in {name} under a low sun",
        seed=f"{seed}-banner",
        size=(1600, 600),
    )
    settings = SiteSettings.for_site(site)
    settings.area = spec.area
    settings.accent_colour = spec.colour
    settings.banner_image = banner
    settings.contact_email = f"secretary.{seed}@example.org"
    settings.imprint = (
        f"Promoted by J. Agent on behalf of {name} Labour Party, both at "
        f"1 {spec.high_street}, {spec.postcode}."
    )
    settings.save()

    initials = "".join(part[0] for part in spec.representative.split())
    Representative.objects.create(
        name=spec.representative,
        kind=spec.kind,
        photo=demo_portrait(
            spec.representative,
            f"Illustrated portrait of {spec.representative}",
            initials,
            f"{seed}-rep",
        ),
        biography=(
            f"{spec.representative} grew up in {name} and worked as a nurse and a trade union "
            "rep before entering politics. Priorities: affordable homes, reliable buses and "
            "a thriving high street."
        ),
        email=f"{slugify(spec.representative)}@example.org",
    )

    home = HomePage.objects.get(locale__language_code="en-gb")
    home.intro = (
        f"We are the Labour party in {name}: local members campaigning for a fairer, greener "
        "and more hopeful future for our community."
    )
    home.save_revision().publish()

    get_involved = GetInvolvedPage.objects.get(locale__language_code="en-gb")
    news_index = NewsIndexPage.objects.get(locale__language_code="en-gb")
    today = timezone.localdate()
    for number, (title, tags, days_ago, summary, text) in enumerate(NEWS):
        image = demo_image(
            title, f"Illustration for the story “{title}”", seed=f"{seed}-news-{number}"
        )
        page = NewsPage(
            title=title,
            summary=summary.format(name=name),
            date=today - dt.timedelta(days=days_ago),
            author=f"{name} Labour",
            lead_image=image,
            body=_body(text, get_involved),
        )
        news_index.add_child(instance=page)
        page.tags.add(*tags)
        page.save_revision().publish()
        # Live since its date, as if written then: a story left in one language for more
        # than 48 hours is what the Welsh parity check flags.
        published = timezone.make_aware(dt.datetime.combine(page.date, dt.time(10)))
        NewsPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )

    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)

    def event(
        parent,
        title,
        summary,
        days,
        hour,
        hours,
        *,
        capacity=None,
        key=False,
        venue=None,
        activity=ActivityType.MEETING,
        going=False,
        shifts=(),
    ):
        starts = (now + dt.timedelta(days=days)).replace(hour=hour)
        page = EventPage(
            title=title,
            summary=summary,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            venue=venue or spec.venue,
            address=f"{spec.high_street}\n{name}",
            postcode=spec.postcode,
            capacity=capacity,
            is_key_event=key,
            activity_type=activity,
            show_going_count=going,
            accessibility_notes="Step-free access, an accessible toilet and a hearing loop.",
        )
        # Shifts: (hours after the start, how long, places).
        page.shifts = [
            EventShift(
                sort_order=number,
                starts_at=starts + dt.timedelta(hours=offset),
                ends_at=starts + dt.timedelta(hours=offset + length),
                capacity=places,
            )
            for number, (offset, length, places) in enumerate(shifts)
        ]
        parent.add_child(instance=page)
        page.save_revision().publish()  # as an officer would: key events reach the hub
        return page

    events = EventIndexPage.objects.get(locale__language_code="en-gb")
    event(
        events,
        "All-members meeting",
        f"Hear from {spec.representative} and vote on our campaign plan for the spring.",
        12,
        19,
        2,
        capacity=80,
        key=True,
    )
    event(
        events,
        "Winter social",
        "Food, music and friends old and new. Children welcome.",
        20,
        18,
        3,
        venue="The Red Lion",
        activity=ActivityType.SOCIAL,
    )
    event(
        events,
        "Public meeting: the future of our high street",
        "Traders, residents and councillors discuss our plan.",
        27,
        19,
        2,
        capacity=120,
    )
    event(
        events,
        "Summer social",
        "Food, music and friends old and new.",
        -60,
        18,
        3,
        venue="The Red Lion",
        activity=ActivityType.SOCIAL,
    )
    event(events, "Annual general meeting", "Electing our officers for the year.", -24, 19, 2)

    canvass = event(
        get_involved,
        "Saturday canvassing session",
        "New to canvassing? You'll be paired with someone experienced.",
        3,
        11,
        2,
        capacity=12,
        venue="Meet at the station forecourt",
        activity=ActivityType.CANVASSING,
        going=True,
    )
    phone_bank = event(
        get_involved,
        "Phone bank",
        "Call members about the spring campaign, from home or with us. Pick an hour or more.",
        6,
        18,
        3,
        activity=ActivityType.PHONE_BANK,
        shifts=[(0, 1, 6), (1, 1, 6), (2, 1, 2)],
    )
    stall = event(
        get_involved,
        "Street stall",
        "Hand out leaflets and talk to shoppers.",
        9,
        10,
        3,
        capacity=2,
        venue=f"Outside the library, {spec.high_street}",
        activity=ActivityType.STALL,
    )
    _demo_signups(canvass, 3, seed)
    _demo_signups(stall, 3, seed)  # one more than the places: someone is waiting
    _demo_shift_signups(phone_bank, seed)
    return True


def _demo_shift_signups(event, seed):
    """Invented sign-ups to shifts: the last shift is full, with someone waiting."""
    first, second, last = event.shifts.order_by("sort_order")
    picks = {
        "Amira Khan": [first, last],
        "Ben Lewis": [first, second, last],
        "Chloe Davies": [second, last],
    }
    for person, shifts in picks.items():
        for signup in sign_up_for_shifts(
            event,
            shifts,
            name=person,
            email=f"{slugify(person)}.{seed}@example.org",
            consent=consent_text(event.get_site().site_name),
        ):
            confirm(signup)


def _demo_signups(event, count, seed):
    """Invented sign-ups so officers see the list and the waiting list in the admin."""
    people = ["Amira Khan", "Ben Lewis", "Chloe Davies", "Dev Patel"]
    for number in range(count):
        person = people[number]
        confirm(
            sign_up(
                event,
                name=person,
                email=f"{slugify(person)}.{seed}@example.org",
                consent=consent_text(event.get_site().site_name),
            )
        )
    return EventSignup.objects.filter(event=event)
