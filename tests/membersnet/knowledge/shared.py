"""What the knowledge bank tests share: facts and sources built for them."""

import datetime as dt

from django.utils import timezone

from membersnet.knowledge.models import Fact, Source
from tests.helpers import client_for

NOT_A_MEMBER = "Membersnet is for party members"
ADD_URL = "/admin/snippets/knowledge/fact/add/"


def hub(user=None):
    return client_for("localhost", user)


def today():
    return timezone.localdate()


def add_fact(
    title="Hospital waiting list",
    figure="7.5 million",
    claim="Demo: 7.5 million treatments are waiting to start.",
    *,
    topics=(),
    review_by=None,
    notes="",
    publisher="Example Health Office (demo)",
    url="https://example.org/demo/waiting",
    extra_sources=(),
):
    fact = Fact(
        title=title,
        figure=figure,
        claim=claim,
        notes=notes,
        figure_date=dt.date(2025, 3, 31),
        review_by=review_by or today() + dt.timedelta(days=90),
    )
    fact.topics = list(topics)
    fact.sources = [
        Source(title=f"{title}: report", publisher=publisher, url=url, accessed_on=today()),
        *extra_sources,
    ]
    fact.save()
    return fact


def member_paths(fact, topic):
    return [
        "/membersnet/facts/",
        "/membersnet/facts/?q=waiting",
        "/membersnet/facts/search/?q=waiting",
        f"/membersnet/facts/topic/{topic.slug}/",
        f"/membersnet/facts/{fact.slug}/",
        f"/membersnet/facts/{fact.slug}/card.png",
    ]


def share(client, fact, network="x"):
    return client.post(f"/membersnet/facts/{fact.slug}/share/", {"network": network})
