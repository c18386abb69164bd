"""Counting shares by network, and what staff see under Most shared."""

import datetime as dt
import re
from collections import Counter

from django.test import Client
from django.utils import timezone

from membersnet.knowledge.models import Fact, ShareEvent

from .shared import add_fact, hub, share


def test_copying_a_post_counts_a_share_for_its_network(member_user, fact):
    client = hub(member_user)
    assert share(client, fact, "x").json() == {"counted": True}
    assert share(client, fact, "x").json() == {"counted": False}  # the same copy, again
    assert share(client, fact, "bluesky").json() == {"counted": True}
    assert Counter(ShareEvent.objects.values_list("network", flat=True)) == {"x": 1, "bluesky": 1}


def test_bad_share_requests_count_nothing(member_user, fact):
    client = hub(member_user)
    assert share(client, fact, "myspace").status_code == 400
    assert client.get(f"{fact.get_absolute_url()}share/").status_code == 405
    assert not ShareEvent.objects.exists()


def test_the_share_endpoint_needs_the_csrf_token_the_page_gives_the_script(member_user, fact):
    client = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    client.force_login(member_user)
    assert share(client, fact).status_code == 403
    page = client.get(fact.get_absolute_url()).content.decode()
    token = re.search(r'data-csrf-token="([^"]+)"', page).group(1)
    response = client.post(
        f"{fact.get_absolute_url()}share/", {"network": "whatsapp"}, HTTP_X_CSRFTOKEN=token
    )
    assert response.json() == {"counted": True}


def test_downloading_the_card_counts_as_a_share(member_user, fact):
    response = hub(member_user).get(f"{fact.get_absolute_url()}card.png?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="hospital-waiting-list.png"'
    assert response["Cache-Control"] == "private, no-store"
    assert list(ShareEvent.objects.values_list("network", flat=True)) == ["card"]
    hub(member_user).get(f"{fact.get_absolute_url()}card.png")  # viewing it is not sharing
    assert ShareEvent.objects.count() == 1


def test_staff_copies_are_not_counted(staff_user, fact):
    assert share(hub(staff_user), fact).json() == {"counted": False}
    assert not ShareEvent.objects.exists()


def test_the_most_shared_report_orders_facts_by_shares_in_the_period(staff_user):
    steady = add_fact("Steady fact")
    recent = add_fact("Recent hit")
    add_fact("Never shared")
    long_ago = timezone.now() - dt.timedelta(days=60)
    ShareEvent.objects.bulk_create(
        [ShareEvent(fact=steady, network="x", at=long_ago) for _ in range(5)]
        + [ShareEvent(fact=steady, network="x")]
        + [ShareEvent(fact=recent, network=network) for network in ("x", "bluesky", "card")]
    )
    client = hub(staff_user)
    month = client.get("/admin/knowledge-bank/most-shared/").content.decode()
    assert month.index("Recent hit") < month.index("Steady fact")
    assert "Never shared" not in month
    ever = client.get("/admin/knowledge-bank/most-shared/?period=all").content.decode()
    assert ever.index("Steady fact") < ever.index("Recent hit")
    assert [fact.shares for fact in Fact.objects.with_share_counts()] == [6, 3]
    counted = Fact.objects.with_share_counts(timezone.now() - dt.timedelta(days=30)).get(
        pk=recent.pk
    )
    assert (counted.shares_x, counted.shares_bluesky, counted.shares_card) == (1, 1, 1)
