import re

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from constituencies.models import Constituency
from constituencies.website.models import EventPage, NewsPage
from roles.models import Appointment
from tests.helpers import client_for, html_of


def test_load_demo_builds_three_constituencies_with_content_and_a_user_per_role(
    db, in_schema, capsys
):
    call_command("load_demo")
    demo = Constituency.objects.filter(gss_code__in=["E14001132", "W07000089", "S14000084"])
    assert sorted(demo.values_list("nation", flat=True)) == ["E", "S", "W"]
    for constituency in demo:
        with in_schema(constituency):
            assert NewsPage.objects.live().count() >= 3
            assert EventPage.objects.live().upcoming().count() >= 2
            phone_bank = EventPage.objects.get(title="Phone bank")
            shifts = phone_bank.shift_list
            assert len(shifts) == 3
            assert shifts[-1].places.is_full
            assert shifts[-1].places.waiting == 1
            assert EventPage.objects.filter(show_going_count=True).count() == 1
            upcoming = set(EventPage.objects.live().upcoming().values_list("title", flat=True))
        # Published as an officer would, so the hub's /events/ lists them.
        hub_events = client_for("localhost").get("/events/", {"constituency": constituency.name})
        assert upcoming <= set(re.findall(r"<h3><a [^>]*>([^<]*)</a>", html_of(hub_events)))
    assert User.objects.get(email="staff@example.org").is_central_staff
    roles = set(Appointment.objects.current().values_list("role", flat=True))
    assert roles == {"secretary", "social_media_officer", "editor"}
    assert User.objects.get(email="member@example.org").check_password("labourhub-demo")
    assert "staff@example.org / labourhub-demo" in capsys.readouterr().out


def test_load_demo_can_run_twice_without_duplicating_anything(db, in_schema):
    call_command("load_demo")
    bristol = Constituency.objects.get(gss_code="E14001132")

    def counts():
        with in_schema(bristol):
            pages = NewsPage.objects.count()
        return (
            Constituency.objects.count(),
            User.objects.count(),
            Appointment.objects.count(),
            pages,
        )

    before = counts()
    call_command("load_demo")
    assert counts() == before


def test_load_demo_refuses_to_run_outside_development(db, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="only for development"):
        call_command("load_demo")


def test_setup_platform_is_safe_to_repeat(db, capsys):
    call_command("setup_platform")
    call_command("setup_platform")
    assert (
        "Hub ready on localhost; template schema constituency_template ready;"
        in capsys.readouterr().out
    )
    assert Constituency.objects.filter(kind="hub").count() == 1
    assert Constituency.objects.filter(kind="template").count() == 1
