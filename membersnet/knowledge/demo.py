"""Demo facts for development, and many facts at once for benchmarks.

Every demo figure is invented. Each claim starts "Demo:", each publisher is made up and
says "(demo)", and each source is on example.org, so nothing here can pass for a real
statistic from a real body if it is ever shared."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import Fact, Source, Topic

DEMO_TOPICS = [
    ("nhs", "NHS", "Waiting lists, staff and the health service."),
    ("housing", "Housing", "Homes, rents and homelessness."),
    ("cost-of-living", "Cost of living", "Prices, wages, bills and food."),
    ("climate", "Climate", "Energy, emissions and nature."),
    ("education", "Education", "Schools, colleges and childcare."),
    ("transport", "Transport", "Buses, trains and roads."),
]

PUBLISHERS = {
    "nhs": "Example Health Statistics Office (demo)",
    "housing": "Example Housing Observatory (demo)",
    "cost-of-living": "Example Prices Institute (demo)",
    "climate": "Example Climate Unit (demo)",
    "education": "Example Schools Survey (demo)",
    "transport": "Example Transport Watch (demo)",
}

# (slug, title, figure, claim, topics). Invented numbers: see the module's docstring.
DEMO_FACTS = [
    (
        "demo-waiting-list",
        "Hospital waiting list",
        "7.5 million",
        "Demo: 7.5 million treatments were waiting to start in Exampleshire's hospitals.",
        ["nhs"],
    ),
    (
        "demo-ae-waits",
        "Long waits in A&E",
        "1 in 10",
        "Demo: 1 in 10 patients waited more than 12 hours in A&E last winter.",
        ["nhs"],
    ),
    (
        "demo-gp-appointments",
        "GP appointments",
        "2 weeks",
        "Demo: the typical wait for a routine GP appointment has reached 2 weeks.",
        ["nhs"],
    ),
    (
        "demo-nurse-vacancies",
        "Nursing vacancies",
        "40,000",
        "Demo: 40,000 nursing posts stood empty across the health service.",
        ["nhs"],
    ),
    (
        "demo-dentists",
        "NHS dentists",
        "6 in 10",
        "Demo: 6 in 10 dental practices are not taking new NHS adult patients.",
        ["nhs"],
    ),
    (
        "demo-mental-health-waits",
        "Mental health waits",
        "18 weeks",
        "Demo: young people wait 18 weeks on average for mental health support.",
        ["nhs", "education"],
    ),
    (
        "demo-renters-income",
        "Rent and income",
        "1 in 4",
        "Demo: 1 in 4 private renters spend more than a third of their income on rent.",
        ["housing", "cost-of-living"],
    ),
    (
        "demo-temporary-accommodation",
        "Children in temporary homes",
        "145,000",
        "Demo: 145,000 children are growing up in temporary accommodation.",
        ["housing"],
    ),
    (
        "demo-first-home-age",
        "Age of first-time buyers",
        "34",
        "Demo: the average first-time buyer is now 34 years old.",
        ["housing"],
    ),
    (
        "demo-social-homes",
        "New social homes",
        "7,500",
        "Demo: only 7,500 new social rent homes were built last year.",
        ["housing"],
    ),
    (
        "demo-no-fault-evictions",
        "No-fault evictions",
        "26,000",
        "Demo: 26,000 households faced a no-fault eviction notice in a year.",
        ["housing"],
    ),
    (
        "demo-food-prices",
        "Food prices",
        "25%",
        "Demo: food prices rose 25% in two years.",
        ["cost-of-living"],
    ),
    (
        "demo-energy-bills",
        "Energy bills",
        "£1,700",
        "Demo: the typical household energy bill is £1,700 a year.",
        ["cost-of-living", "climate"],
    ),
    (
        "demo-food-banks",
        "Food bank parcels",
        "3 million",
        "Demo: food banks handed out 3 million emergency parcels.",
        ["cost-of-living"],
    ),
    (
        "demo-real-wages",
        "Real wages",
        "15 years",
        "Demo: real wages took 15 years to get back to where they were.",
        ["cost-of-living"],
    ),
    (
        "demo-child-poverty",
        "Child poverty",
        "4.3 million",
        "Demo: 4.3 million children live in poverty.",
        ["cost-of-living", "education"],
    ),
    (
        "demo-mortgage-rises",
        "Mortgage payments",
        "£240",
        "Demo: households remortgaging pay £240 a month more.",
        ["cost-of-living", "housing"],
    ),
    (
        "demo-renewables-share",
        "Renewable electricity",
        "47%",
        "Demo: 47% of electricity came from renewable sources last year.",
        ["climate"],
    ),
    (
        "demo-insulation",
        "Homes needing insulation",
        "12 million",
        "Demo: 12 million homes need better insulation to cut bills and emissions.",
        ["climate", "housing"],
    ),
    (
        "demo-onshore-wind",
        "Onshore wind support",
        "8 in 10",
        "Demo: 8 in 10 people support onshore wind farms.",
        ["climate"],
    ),
    (
        "demo-green-jobs",
        "Green jobs",
        "640,000",
        "Demo: 640,000 people work in low-carbon industries.",
        ["climate"],
    ),
    (
        "demo-river-sewage",
        "Sewage in rivers",
        "3.6 million hours",
        "Demo: sewage flowed into rivers and seas for 3.6 million hours in a year.",
        ["climate"],
    ),
    (
        "demo-class-sizes",
        "Class sizes",
        "1 million",
        "Demo: 1 million pupils are taught in classes of more than 30.",
        ["education"],
    ),
    (
        "demo-teacher-leavers",
        "Teachers leaving",
        "40,000",
        "Demo: 40,000 teachers left the profession in a year.",
        ["education"],
    ),
    (
        "demo-school-buildings",
        "School buildings",
        "700",
        "Demo: 700 school buildings need urgent repairs.",
        ["education"],
    ),
    (
        "demo-childcare-costs",
        "Childcare costs",
        "£14,000",
        "Demo: a full-time nursery place for a toddler costs £14,000 a year.",
        ["education", "cost-of-living"],
    ),
    (
        "demo-free-school-meals",
        "Free school meals",
        "900,000",
        "Demo: 900,000 children in poverty miss out on free school meals.",
        ["education", "cost-of-living"],
    ),
    (
        "demo-bus-routes",
        "Lost bus routes",
        "1 in 4",
        "Demo: 1 in 4 bus routes has been cut in a decade.",
        ["transport"],
    ),
    (
        "demo-rail-cancellations",
        "Cancelled trains",
        "1 in 25",
        "Demo: 1 in 25 trains was cancelled last year.",
        ["transport"],
    ),
    (
        "demo-potholes",
        "Pothole backlog",
        "£16bn",
        "Demo: fixing every road with potholes would cost £16bn.",
        ["transport"],
    ),
    (
        "demo-rail-fares",
        "Rail fares",
        "£5,000",
        "Demo: some commuters pay more than £5,000 a year for a season ticket.",
        ["transport", "cost-of-living"],
    ),
    (
        "demo-cycle-lanes",
        "Safe cycle routes",
        "3%",
        "Demo: only 3% of roads have a protected cycle lane.",
        ["transport", "climate"],
    ),
]
# Demo facts past their review-by date, so staff see the re-check list.
OVERDUE = {"demo-dentists", "demo-potholes"}
# And one due soon.
DUE_SOON = {"demo-food-prices"}


def _review_by(slug: str, today: dt.date) -> dt.date:
    if slug in OVERDUE:
        return today - dt.timedelta(days=14)
    if slug in DUE_SOON:
        return today + dt.timedelta(days=10)
    return today + dt.timedelta(days=180)


@transaction.atomic
def fill_demo_facts() -> int:
    """The demo topics and facts, each with a source (a second for some). Running it
    again adds only what is missing. Returns how many facts it made."""
    topics = {}
    for slug, name, description in DEMO_TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    existing = set(Fact.objects.filter(slug__startswith="demo-").values_list("slug", flat=True))
    today = timezone.localdate()
    made = 0
    for number, (slug, title, figure, claim, topic_slugs) in enumerate(DEMO_FACTS):
        if slug in existing:
            continue
        publisher = PUBLISHERS[topic_slugs[0]]
        figure_date = dt.date(2025, 1 + number % 12, 1) - dt.timedelta(days=1)
        # Statistics come out some weeks after the period they cover.
        published_on = min(figure_date + dt.timedelta(days=42), today)
        fact = Fact(
            slug=slug,
            title=title,
            figure=figure,
            claim=claim,
            figure_date=figure_date,
            notes="Demo fact: the figure is invented, to show how the knowledge bank works. "
            "Do not share it.",
            review_by=_review_by(slug, today),
        )
        fact.topics = [topics[topic_slug] for topic_slug in topic_slugs]
        sources = [
            Source(
                title=f"{title}: demo dataset",
                publisher=publisher,
                url=f"https://example.org/demo/{slug}",
                published_on=published_on,
                accessed_on=today - dt.timedelta(days=30),
            )
        ]
        if number % 4 == 0:
            sources.append(
                Source(
                    title=f"{title}: demo briefing",
                    publisher="Example Research Library (demo)",
                    url=f"https://example.org/demo/briefings/{slug}",
                    published_on=min(published_on + dt.timedelta(days=21), today),
                    accessed_on=today - dt.timedelta(days=20),
                )
            )
        fact.sources = sources
        fact.save()
        made += 1
    return made


@transaction.atomic
def make_benchmark_facts(n: int) -> list[Fact]:
    """`n` more facts, each with one topic and one source, made with a few bulk inserts
    and one UPDATE for their search vectors, for timing lists and search at scale."""
    topic, _ = Topic.objects.get_or_create(
        slug="benchmark", defaults={"name": "Benchmark", "description": "Generated facts."}
    )
    start = Fact.objects.filter(slug__startswith="benchmark-").count()
    today = timezone.localdate()
    facts = Fact.objects.bulk_create(
        [
            Fact(
                slug=f"benchmark-{start + number}",
                title=f"Benchmark fact {start + number}",
                figure=f"{(start + number) % 97 + 1}%",
                claim=f"Demo: benchmark fact {start + number}, generated to time the knowledge "
                f"bank; {(start + number) % 97 + 1}% of nothing in particular.",
                figure_date=today - dt.timedelta(days=number % 365),
                review_by=today + dt.timedelta(days=365),
            )
            for number in range(n)
        ],
        batch_size=1000,
    )
    Source.objects.bulk_create(
        [
            Source(
                fact=fact,
                sort_order=0,
                title=f"{fact.title}: generated source",
                publisher="Example Benchmark Office (demo)",
                url=f"https://example.org/benchmark/{fact.slug}",
                published_on=fact.figure_date,
                accessed_on=today,
            )
            for fact in facts
        ],
        batch_size=1000,
    )
    through = Fact._meta.get_field("topics").remote_field.through
    through.objects.bulk_create(
        [through(fact_id=fact.pk, topic_id=topic.pk) for fact in facts], batch_size=1000
    )
    if facts:
        # A range, not a list of ids: a list of 100,000 would pass PostgreSQL's limit
        # on query parameters.
        ids = [fact.pk for fact in facts]
        Fact.objects.filter(pk__gte=min(ids), pk__lte=max(ids)).update_search_vectors()
    return facts
