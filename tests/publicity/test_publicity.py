"""Key events must always be well publicised. Each key event has a publicity kit in its
constituency's admin (share text per network, a share card, a short link with its QR
code, and a checklist that follows the register of the party's accounts); the hub keeps
a record of each key event's progress; and the designated administrators are reminded,
once a day at most, of key events coming up that are not publicised yet."""

import datetime as dt
import html
import io
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from PIL import Image
from wagtail.models import Page, PageViewRestriction

from constituencies.website.models import EventPage, GetInvolvedPage, NewsIndexPage
from governance.models import AuditEvent, KeyEventRecord, PartyUnit, PresenceEntry
from governance.register.units import ensure_clp_unit
from labourhub.social_posts import x_length
from publicity import share_card
from publicity.models import ChecklistItem
from publicity.share_text import (
    NETWORKS_BY_KEY,
    TITLE_FLOOR,
    EventFacts,
    compose,
    posts,
)
from publicity.tasks import remind_unpublicised_key_events
from roles.models import Role
from tests.factories import add_event, make_officer
from tests.helpers import client_for, run_outbox_sweep

DENIED_TEXT = "You cannot open this admin"
SHORT_URL = "http://testford-north.localhost/e/{id}/"
WHEN = "Saturday 5 December 2026, 10am to 1pm"


class BrokenMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("451 mail server unavailable")


def kit_url(event):
    return f"/admin/publicity/{event.pk}/"


def tick_url(event, item):
    return f"/admin/publicity/{event.pk}/checklist/{item.pk}/"


def text(response):
    return html.unescape(response.content.decode())


def register(constituency, platform="x", handle="@TestfordNorthLab", unit=None):
    """Put an account on the register of the constituency's CLP (or of `unit`)."""
    return PresenceEntry.objects.create(
        unit=unit or ensure_clp_unit(constituency),
        platform=platform,
        handle=handle,
        purpose="News and events",
        credentials_note="In the CLP's password manager",
    )


@pytest.fixture
def key_event(clp_a, in_schema):
    with in_schema(clp_a):
        return add_event(
            "Meet your candidate",
            starts_in_days=7,
            is_key_event=True,
            venue="Testford Library",
            postcode="TF1 1AA",
        )


@pytest.fixture
def items_of(clp_a, in_schema):
    """The event's checklist as stored: label -> item."""

    def _items_of(event):
        with in_schema(clp_a):
            return {item.label: item for item in ChecklistItem.objects.filter(event_id=event.pk)}

    return _items_of


def record_of(constituency, event):
    return KeyEventRecord.objects.filter(constituency=constituency, event_id=event.pk).first()


# ---------------------------------------------------------------------------
# Who may open the kit
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("member_user", 403),
        ("officer_a", 200),
        ("editor_a", 200),
        ("officer_b", 403),
        ("staff_user", 200),
    ],
)
def test_the_kit_opens_to_this_constituencys_officers_and_editors_and_to_staff_only(
    request, clp_a, key_event, who, expected
):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(clp_a, user)
    for path in (kit_url(key_event), kit_url(key_event) + "card.png"):
        response = client.get(path)
        if expected == "login":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert response.status_code == expected
        if expected == 403:
            assert DENIED_TEXT in response.content.decode()


def test_an_event_that_is_not_key_has_no_kit(clp_a, in_schema, officer_a):
    with in_schema(clp_a):
        event = add_event("Committee meeting", is_key_event=False)
    client = client_for(clp_a, officer_a)
    assert client.get(kit_url(event)).status_code == 404
    assert client.get(kit_url(event) + "card.png").status_code == 404
    assert client.get(kit_url(event) + "qr-code.svg").status_code == 404
    with in_schema(clp_a):
        assert not ChecklistItem.objects.filter(event_id=event.pk).exists()


def test_the_hub_has_no_kits(key_event, staff_user):
    client = client_for("localhost", staff_user)
    assert client.get(kit_url(key_event)).status_code == 404
    assert client.get("/e/1/").status_code == 404


def test_a_page_that_is_not_an_event_has_no_kit(clp_a, in_schema, officer_a):
    with in_schema(clp_a):
        news_index = NewsIndexPage.objects.get()
    assert client_for(clp_a, officer_a).get(kit_url(news_index)).status_code == 404


def test_guessing_another_constituencys_event_id_finds_nothing(
    clp_a, clp_b, in_schema, officer_a, staff_user
):
    with in_schema(clp_b):
        theirs = add_event("Southern rally", is_key_event=True)
        register(clp_b)
    with in_schema(clp_a):
        assert not EventPage.objects.filter(pk=theirs.pk).exists()
    for user in (officer_a, staff_user):
        client = client_for(clp_a, user)
        assert client.get(kit_url(theirs)).status_code == 404
        assert client.get(kit_url(theirs) + "card.png").status_code == 404
        assert client.post(kit_url(theirs) + "checklist/1/", {"done": "1"}).status_code == 404
    with in_schema(clp_b):
        assert not ChecklistItem.objects.filter(event_id=theirs.pk).exists()


# ---------------------------------------------------------------------------
# What the kit holds
# ---------------------------------------------------------------------------


def test_the_kit_has_share_text_for_every_network_the_card_the_short_link_and_qr_code(
    clp_a, key_event, officer_a
):
    response = client_for(clp_a, officer_a).get(kit_url(key_event))
    page = text(response)
    short_url = SHORT_URL.format(id=key_event.pk)

    assert response.status_code == 200
    assert "Publicity kit" in page
    for name in ("X", "Bluesky", "Mastodon", "Facebook", "WhatsApp", "Email"):
        assert f">{name}</h3>" in page
    # Every post names the event, its place and its short link.
    for post in response.context["posts"]:
        assert "Meet your candidate" in post.text
        assert "Testford Library, TF1 1AA" in post.text
        assert short_url in post.text
        assert post.length <= post.limit
    [email] = [post for post in response.context["posts"] if post.network.key == "email"]
    assert email.subject.startswith("Meet your candidate: ")
    assert f'value="{short_url}"' in page
    assert f'src="/admin/publicity/{key_event.pk}/card.png?v=' in page
    assert f'src="/admin/publicity/{key_event.pk}/qr-code.svg"' in page
    assert f'alt="QR code for {short_url}"' in page
    assert "js/publicity-kit.js" in page
    assert "Sent to members by email" in page


def test_the_share_text_gives_the_day_and_time_in_uk_time(clp_a, in_schema, officer_a):
    # 17:30 UTC in July is 6:30pm in London (British Summer Time).
    starts = dt.datetime(timezone.now().year + 1, 7, 10, 17, 30, tzinfo=dt.UTC)
    with in_schema(clp_a):
        event = add_event("Summer social", is_key_event=True)
        EventPage.objects.filter(pk=event.pk).update(starts_at=starts, ends_at=None)
    response = client_for(clp_a, officer_a).get(kit_url(event))
    for post in response.context["posts"]:
        assert "10 July" in post.text
        assert "6:30pm" in post.text


def test_the_kit_is_linked_from_a_key_events_edit_page_and_the_page_listing_only(
    clp_a, in_schema, key_event, officer_a
):
    with in_schema(clp_a):
        other = add_event("Ordinary meeting")
        events_index = key_event.get_parent()
    client = client_for(clp_a, officer_a)

    assert kit_url(key_event) in client.get(f"/admin/pages/{key_event.pk}/edit/").content.decode()
    assert kit_url(other) not in client.get(f"/admin/pages/{other.pk}/edit/").content.decode()
    listing = client.get(f"/admin/pages/{events_index.pk}/").content.decode()
    assert kit_url(key_event) in listing
    assert kit_url(other) not in listing


def _facts(title, venue="", postcode="", summary="", url="https://testford-north.org.uk/e/42/"):
    return EventFacts(
        title=title, when=WHEN, url=url, venue=venue, postcode=postcode, summary=summary
    )


def _words(length):
    """A title of exactly `length` characters, in words."""
    words = ("Rally for fair wages and homes " * 20)[:length]
    return words[:-1] + "x" if words.endswith(" ") else words


def test_a_title_that_just_fits_x_is_kept_whole_and_one_character_more_is_cut():
    x = NETWORKS_BY_KEY["x"]
    overhead = x_length(compose(x, _facts("T"))) - 1
    fitting = _words(x.limit - overhead)

    whole = compose(x, _facts(fitting))
    assert whole.startswith(fitting + "\n")
    assert x_length(whole) == x.limit

    longer = _words(x.limit - overhead + 1)
    cut = compose(x, _facts(longer))
    assert x_length(cut) <= x.limit
    assert "…" in cut.split("\n")[0]
    assert longer not in cut
    assert WHEN in cut
    assert cut.endswith("https://testford-north.org.uk/e/42/")


def test_x_counts_the_link_as_23_however_long_it_is():
    x = NETWORKS_BY_KEY["x"]
    long_url = "https://" + "a" * 200 + ".example.org/e/42/"
    post = compose(x, _facts("Meet your candidate", url=long_url))
    assert long_url in post
    assert len(post) > x.limit
    assert x_length(post) <= x.limit


@pytest.mark.parametrize("network", ["x", "bluesky", "mastodon", "facebook", "whatsapp", "email"])
def test_the_longest_title_venue_and_summary_still_fit_every_network(network):
    chosen = NETWORKS_BY_KEY[network]
    facts = _facts(
        _words(255),  # the longest title a page may have
        venue=_words(120),  # the longest venue
        postcode="TF1 1AA",
        summary=_words(300),
    )
    post = compose(chosen, facts)
    assert chosen.measure(post) <= chosen.limit
    assert WHEN in post
    assert facts.url in post
    # The title is kept at least to its floor before the place is shortened.
    assert len(post.split("\n")[0]) >= TITLE_FLOOR


def test_characters_x_counts_twice_are_counted_twice():
    x = NETWORKS_BY_KEY["x"]
    title = "Rali 🌹 " * 60
    post = compose(x, _facts(title, venue="Neuadd y Dref", postcode="CF10 1AA"))
    assert x_length(post) <= x.limit
    assert len(post) < x.limit  # the roses weigh two each


def test_every_post_is_within_its_limit_at_the_bluesky_boundary():
    bluesky = NETWORKS_BY_KEY["bluesky"]
    overhead = len(compose(bluesky, _facts("T", venue="Hall"))) - 1
    fitting = _words(bluesky.limit - overhead)
    assert compose(bluesky, _facts(fitting, venue="Hall")).startswith(fitting + "\n")
    for post in posts(_facts(fitting + " more", venue="Hall")):
        assert post.length <= post.limit


# ---------------------------------------------------------------------------
# The share card
# ---------------------------------------------------------------------------


def test_the_share_card_is_a_1200_by_630_png(clp_a, key_event, officer_a):
    response = client_for(clp_a, officer_a).get(kit_url(key_event) + "card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)

    download = client_for(clp_a, officer_a).get(kit_url(key_event) + "card.png?download")
    assert download["Content-Disposition"] == 'attachment; filename="meet-your-candidate-card.png"'


def test_the_card_is_drawn_once_per_version_of_what_it_shows(
    clp_a, in_schema, key_event, officer_a, monkeypatch
):
    drawn = []
    draw = share_card.draw_card

    def counting_draw(**content):
        drawn.append(content["title"])
        return draw(**content)

    monkeypatch.setattr(share_card, "draw_card", counting_draw)
    client = client_for(clp_a, officer_a)
    first = client.get(kit_url(key_event) + "card.png")
    again = client.get(kit_url(key_event) + "card.png")
    assert first.content == again.content
    assert drawn == ["Meet your candidate"]

    not_modified = client.get(kit_url(key_event) + "card.png", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304

    with in_schema(clp_a):
        EventPage.objects.filter(pk=key_event.pk).update(title="Meet your new candidate")
    changed = client.get(kit_url(key_event) + "card.png")
    assert changed["ETag"] != first["ETag"]
    assert drawn == ["Meet your candidate", "Meet your new candidate"]


def test_a_card_with_a_very_long_title_and_venue_is_still_1200_by_630():
    png = share_card.draw_card(
        party="Testford North Labour",
        title=_words(255),
        when=WHEN,
        place=_words(120) + ", TF1 1AA",
        accent="#2e2e2c",
    )
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


# ---------------------------------------------------------------------------
# The short link and its QR code
# ---------------------------------------------------------------------------


def test_the_short_link_sends_visitors_to_the_event_page(clp_a, key_event):
    response = client_for(clp_a).get(f"/e/{key_event.pk}/")
    assert response.status_code == 302
    assert response["Location"] == key_event.url
    assert client_for(clp_a).get(response["Location"]).status_code == 200
    # Link previews often ask with HEAD first.
    assert client_for(clp_a).head(f"/e/{key_event.pk}/").status_code == 302


def test_the_short_link_works_for_any_event_not_only_key_ones(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Coffee morning")
    assert client_for(clp_a).get(f"/e/{event.pk}/")["Location"] == event.url


def test_the_short_link_is_not_found_for_pages_that_are_not_public_events(
    clp_a, clp_b, in_schema, key_event
):
    with in_schema(clp_a):
        news_index = NewsIndexPage.objects.get()
        draft = add_event("Draft event", is_key_event=True)
        draft.unpublish()
        private = add_event("Members only", is_key_event=True)
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        missing = Page.objects.order_by("-pk").first().pk + 1000
    with in_schema(clp_b):
        theirs = add_event("Southern rally", is_key_event=True)
    with in_schema(clp_a):
        assert not EventPage.objects.filter(pk=theirs.pk).exists()

    visitor = client_for(clp_a)
    for page_id in (news_index.pk, draft.pk, private.pk, missing, theirs.pk):
        assert visitor.get(f"/e/{page_id}/").status_code == 404, page_id
    # On its own site, the other constituency's event is found.
    assert client_for(clp_b).get(f"/e/{theirs.pk}/").status_code == 302


def test_the_qr_code_is_an_svg_of_the_short_link(clp_a, key_event, officer_a):
    client = client_for(clp_a, officer_a)
    response = client.get(kit_url(key_event) + "qr-code.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg") or "<svg" in svg[:200]
    assert "<path" in svg
    page = text(client.get(kit_url(key_event)))
    assert SHORT_URL.format(id=key_event.pk) in page
    download = client.get(kit_url(key_event) + "qr-code.svg?download")
    assert "attachment" in download["Content-Disposition"]


# ---------------------------------------------------------------------------
# The checklist
# ---------------------------------------------------------------------------


def test_the_checklist_has_an_item_per_registered_account_and_the_members_email(
    clp_a, clp_b, key_event, officer_a, items_of
):
    register(clp_a, "x", "@TestfordNorthLab")
    register(clp_a, "facebook_page", "TestfordNorthLabour")
    forum = PartyUnit.objects.create(kind=PartyUnit.Kind.LCF, name="Testford")
    forum.constituencies.add(clp_a)
    register(clp_a, "bluesky", "@testford-lcf.bsky.social", unit=forum)
    register(clp_b, "x", "@TestfordSouthLab")  # another CLP's account

    assert items_of(key_event) == {}
    response = client_for(clp_a, officer_a).get(kit_url(key_event))
    labels = [item.label for item in response.context["items"]]
    assert labels == [
        "Posted on Facebook page TestfordNorthLabour",
        "Posted on X (Twitter) @TestfordNorthLab",
        "Posted on Bluesky @testford-lcf.bsky.social (Testford (Local Campaign Forum))",
        "Sent to members by email",
    ]
    assert set(items_of(key_event)) == set(labels)


def test_the_checklist_follows_the_register_and_ticked_items_stay_ticked(
    clp_a, key_event, officer_a, items_of
):
    x = register(clp_a, "x", "@TestfordNorthLab")
    facebook = register(clp_a, "facebook_page", "TestfordNorthLabour")
    client = client_for(clp_a, officer_a)
    client.get(kit_url(key_event))
    items = items_of(key_event)
    client.post(
        tick_url(key_event, items["Posted on X (Twitter) @TestfordNorthLab"]), {"done": "1"}
    )

    facebook.delete()
    register(clp_a, "instagram", "@testfordnorthlabour")
    page = text(client.get(kit_url(key_event)))

    items = items_of(key_event)
    assert set(items) == {
        "Posted on X (Twitter) @TestfordNorthLab",
        "Posted on Instagram @testfordnorthlabour",
        "Sent to members by email",
    }
    assert items["Posted on X (Twitter) @TestfordNorthLab"].is_done
    assert not items["Posted on Instagram @testfordnorthlabour"].is_done
    assert "Posted on Facebook page" not in page
    assert "1 of 3 done" in page

    x.handle = "@TestfordLabour"
    x.save()
    client.get(kit_url(key_event))
    assert items_of(key_event)["Posted on X (Twitter) @TestfordLabour"].is_done


def test_someone_who_ticked_an_item_can_leave_the_platform_and_the_tick_keeps_their_name(
    clp_a, key_event, officer_a, editor_a, items_of
):
    register(clp_a)
    client_for(clp_a, officer_a).get(kit_url(key_event))
    item = items_of(key_event)["Posted on X (Twitter) @TestfordNorthLab"]
    client_for(clp_a, editor_a).post(tick_url(key_event, item), {"done": "1"})
    name = str(editor_a)

    editor_a.delete()

    item = items_of(key_event)[item.label]
    assert item.is_done
    assert f"ticked by {name}" in text(client_for(clp_a, officer_a).get(kit_url(key_event)))


def test_ticking_an_item_records_who_and_when_and_writes_the_audit_log(
    clp_a, key_event, officer_a, editor_a, items_of
):
    register(clp_a)
    client_for(clp_a, officer_a).get(kit_url(key_event))
    item = items_of(key_event)["Posted on X (Twitter) @TestfordNorthLab"]
    before = timezone.now()

    response = client_for(clp_a, editor_a).post(tick_url(key_event, item), {"done": "1"})

    assert response.status_code == 302
    assert response["Location"] == kit_url(key_event) + "#checklist"
    item = items_of(key_event)[item.label]
    assert item.done_by_name == str(editor_a)
    assert before <= item.done_at <= timezone.now()
    [event] = AuditEvent.objects.filter(action="publicity.ticked")
    assert event.actor == editor_a
    assert event.constituency == clp_a
    assert event.details["event_id"] == key_event.pk
    assert event.details["label"] == item.label
    page = text(client_for(clp_a, officer_a).get(kit_url(key_event)))
    assert f"ticked by {editor_a}" in page

    # Ticking it again changes nothing: the first tick stands.
    client_for(clp_a, officer_a).post(tick_url(key_event, item), {"done": "1"})
    assert items_of(key_event)[item.label].done_by_name == str(editor_a)
    assert AuditEvent.objects.filter(action="publicity.ticked").count() == 1

    client_for(clp_a, officer_a).post(tick_url(key_event, item), {"done": "0"})
    item = items_of(key_event)[item.label]
    assert item.done_at is None
    assert item.done_by_name == ""
    [untick] = AuditEvent.objects.filter(action="publicity.unticked")
    assert untick.actor == officer_a


def test_a_tick_by_someone_with_a_very_long_name_is_kept(
    clp_a, key_event, officer_a, editor_a, items_of
):
    """A first and a last name may each be 150 characters; the tick keeps 255 of them."""
    editor_a.first_name, editor_a.last_name = "E" * 150, "L" * 150
    editor_a.save()
    register(clp_a)
    client_for(clp_a, officer_a).get(kit_url(key_event))
    item = items_of(key_event)["Posted on X (Twitter) @TestfordNorthLab"]
    response = client_for(clp_a, editor_a).post(tick_url(key_event, item), {"done": "1"})
    assert response.status_code == 302
    item = items_of(key_event)[item.label]
    assert item.done_by_name == str(editor_a)[:255]
    assert item.done_at is not None


def test_bad_ticks_are_refused_clearly_and_change_nothing(
    clp_a, in_schema, key_event, officer_a, items_of
):
    register(clp_a)
    with in_schema(clp_a):
        other = add_event("Another key event", is_key_event=True)
    client = client_for(clp_a, officer_a)
    client.get(kit_url(key_event))
    client.get(kit_url(other))
    item = items_of(key_event)["Sent to members by email"]
    others_item = items_of(other)["Sent to members by email"]
    missing_id = max(item.pk, others_item.pk) + 1000

    assert (
        client.post(kit_url(key_event) + f"checklist/{missing_id}/", {"done": "1"}).status_code
        == 404
    )
    assert client.post(tick_url(key_event, others_item), {"done": "1"}).status_code == 404
    assert client.get(tick_url(key_event, item) + "?done=1").status_code == 405
    assert client.post(tick_url(key_event, item), {"done": "yes"}).status_code == 400
    assert client.post(tick_url(key_event, item), {}).status_code == 400

    without_token = client_for(clp_a, officer_a)
    without_token.handler.enforce_csrf_checks = True  # as a browser's request is checked
    assert without_token.post(tick_url(key_event, item), {"done": "1"}).status_code == 403

    assert not any(i.is_done for i in items_of(key_event).values())
    assert not any(i.is_done for i in items_of(other).values())
    assert not AuditEvent.objects.filter(action__startswith="publicity.").exists()


def test_the_kit_page_ticks_with_a_csrf_protected_post_form(clp_a, key_event, officer_a):
    page = client_for(clp_a, officer_a).get(kit_url(key_event)).content.decode()
    assert 'method="post"' in page
    assert "csrfmiddlewaretoken" in page
    assert 'name="done" value="1"' in page


# ---------------------------------------------------------------------------
# The hub's record of each key event
# ---------------------------------------------------------------------------


def test_the_hub_keeps_a_record_of_each_published_key_event_in_step(
    clp_a, in_schema, officer_a, items_of
):
    register(clp_a)
    with in_schema(clp_a):
        event = add_event("Meet your candidate", is_key_event=True)
        assert record_of(clp_a, event) is None  # not published through Wagtail yet
        event.save_revision().publish()

    record = record_of(clp_a, event)
    assert record.title == "Meet your candidate"
    assert record.starts_at == event.starts_at
    assert record.path == "/events/meet-your-candidate/"
    assert (record.items_total, record.items_done) == (2, 0)
    assert not record.is_publicised

    for item in items_of(event).values():
        client_for(clp_a, officer_a).post(tick_url(event, item), {"done": "1"})
    record.refresh_from_db()
    assert (record.items_total, record.items_done) == (2, 2)
    assert record.is_publicised

    later = event.starts_at + dt.timedelta(days=1)
    with in_schema(clp_a):
        event = EventPage.objects.get(pk=event.pk)
        event.title = "Meet our candidate"
        event.starts_at, event.ends_at = later, later + dt.timedelta(hours=2)
        event.save_revision().publish()
    record.refresh_from_db()
    assert (record.title, record.starts_at) == ("Meet our candidate", later)

    register(clp_a, "instagram", "@testfordnorthlabour")
    client_for(clp_a, officer_a).get(kit_url(event))
    record.refresh_from_db()
    assert (record.items_total, record.items_done) == (3, 2)

    with in_schema(clp_a):
        EventPage.objects.get(pk=event.pk).move(GetInvolvedPage.objects.get(), "last-child")
    record.refresh_from_db()
    assert record.path == "/get-involved/meet-your-candidate/"


def test_an_event_that_stops_being_key_loses_its_record(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Meet your candidate", is_key_event=True)
        event.save_revision().publish()
        assert record_of(clp_a, event)
        event = EventPage.objects.get(pk=event.pk)
        event.is_key_event = False
        event.save_revision().publish()
    assert record_of(clp_a, event) is None


def test_an_unpublished_or_deleted_key_event_loses_its_record(clp_a, in_schema):
    with in_schema(clp_a):
        unpublished = add_event("Unpublished rally", is_key_event=True)
        deleted = add_event("Deleted rally", is_key_event=True)
        for event in (unpublished, deleted):
            event.save_revision().publish()
            assert record_of(clp_a, event)
        EventPage.objects.get(pk=unpublished.pk).unpublish()
        EventPage.objects.get(pk=deleted.pk).delete()
    assert record_of(clp_a, unpublished) is None
    assert record_of(clp_a, deleted) is None


def test_publishing_an_ordinary_event_makes_no_record(clp_a, in_schema):
    with in_schema(clp_a):
        event = add_event("Coffee morning")
        event.save_revision().publish()
    assert record_of(clp_a, event) is None


# ---------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------


@pytest.fixture
def remind(in_schema, django_capture_on_commit_callbacks):
    def _remind(constituency):
        with in_schema(constituency), django_capture_on_commit_callbacks(execute=True):
            return remind_unpublicised_key_events.delay().get()

    return _remind


def test_an_unpublicised_key_event_within_two_weeks_is_reminded_to_the_designated_administrators(
    clp_a, in_schema, officer_a, editor_a, remind, items_of
):
    smo = make_officer(clp_a, Role.SOCIAL_MEDIA_OFFICER, email="smo.a@example.org")
    register(clp_a)
    with in_schema(clp_a):
        event = add_event("Meet your candidate", starts_in_days=14, is_key_event=True)
    client_for(clp_a, officer_a).get(kit_url(event))
    client_for(clp_a, officer_a).post(
        tick_url(event, items_of(event)["Posted on X (Twitter) @TestfordNorthLab"]), {"done": "1"}
    )

    assert remind(clp_a) == 1

    [message] = mail.outbox
    assert sorted(message.to) == ["secretary.a@example.org", smo.email]
    assert "Meet your candidate" in message.subject
    assert "Sent to members by email" in message.body
    assert "Posted on X" not in message.body  # done already
    assert f"http://testford-north.localhost/admin/publicity/{event.pk}/" in message.body
    assert record_of(clp_a, event).last_reminded_on == timezone.localdate()


def test_a_finished_checklist_or_a_distant_or_past_event_gets_no_reminder(
    clp_a, in_schema, officer_a, remind, items_of
):
    with in_schema(clp_a):
        done = add_event("All publicised", starts_in_days=3, is_key_event=True)
        add_event("Far off", starts_in_days=15, is_key_event=True)
        add_event("Over", starts_in_days=-1, is_key_event=True)
        add_event("Not key", starts_in_days=3)
    client_for(clp_a, officer_a).get(kit_url(done))
    for item in items_of(done).values():
        client_for(clp_a, officer_a).post(tick_url(done, item), {"done": "1"})

    assert remind(clp_a) == 0
    assert mail.outbox == []


def test_a_reminder_goes_at_most_once_a_day_per_event(clp_a, in_schema, officer_a, remind):
    with in_schema(clp_a):
        event = add_event("Meet your candidate", starts_in_days=5, is_key_event=True)

    assert remind(clp_a) == 1
    assert remind(clp_a) == 0
    assert len(mail.outbox) == 1

    # The next day, it is still not publicised: another reminder.
    KeyEventRecord.objects.filter(constituency=clp_a, event_id=event.pk).update(
        last_reminded_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert remind(clp_a) == 1
    assert len(mail.outbox) == 2
    assert remind(clp_a) == 0
    assert len(mail.outbox) == 2


def test_a_suspended_sites_officers_are_not_reminded(clp_a, in_schema, officer_a, remind):
    with in_schema(clp_a):
        add_event("Meet your candidate", starts_in_days=5, is_key_event=True)
    clp_a.suspend()
    assert remind(clp_a) == 0
    assert mail.outbox == []


def test_each_event_is_reminded_about_separately(clp_a, in_schema, officer_a, remind):
    with in_schema(clp_a):
        add_event("First rally", starts_in_days=2, is_key_event=True)
        add_event("Second rally", starts_in_days=9, is_key_event=True)
    assert remind(clp_a) == 2
    assert sorted(m.subject for m in mail.outbox) == [
        "Not yet publicised: First rally",
        "Not yet publicised: Second rally",
    ]


def test_a_constituency_without_designated_administrators_has_central_staff_reminded(
    clp_b, in_schema, staff_user, remind
):
    editor_b = make_officer(clp_b, Role.EDITOR, email="editor.b@example.org")
    with in_schema(clp_b):
        add_event("Southern rally", starts_in_days=4, is_key_event=True)
    assert remind(clp_b) == 1
    [message] = mail.outbox
    assert staff_user.email in message.to
    assert editor_b.email not in message.to


def test_a_reminder_the_mail_server_refused_is_sent_when_it_is_back_and_only_once(
    clp_a, in_schema, officer_a, remind, settings
):
    with in_schema(clp_a):
        event = add_event("Meet your candidate", starts_in_days=5, is_key_event=True)
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    assert remind(clp_a) == 1
    assert mail.outbox == []
    assert record_of(clp_a, event).last_reminded_on is not None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert remind(clp_a) == 0  # today's reminder is in the outbox already
    with in_schema(clp_a):
        assert run_outbox_sweep(minutes_later=5) == 1
    [message] = mail.outbox
    assert officer_a.email in message.to
