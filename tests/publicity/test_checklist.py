"""The publicity checklist: ticked and unticked by the officers of the event's constituency."""

from django.utils import timezone

from governance.models import AuditEvent, PartyUnit
from tests.factories import add_event
from tests.helpers import client_for

from .shared import kit_url, register, text, tick_url


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
