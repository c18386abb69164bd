"""Data quality for central staff: a constituency's name must be the one the shipped list
gives its GSS code (staff may override the list with a reason, which is audited), its
region comes from the party's fixed list, and a bulk run reports a blank row alone."""

import io
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from constituencies.constituency_list import check_against_list, comparable, listed_name
from constituencies.models import Constituency, Region
from constituencies.provisioning import provision_constituency
from constituencies.regions import clean_region
from governance.models import AuditEvent
from tests.helpers import client_for, page_of, text_of

INDEX = "/admin/constituencies/"
PROVISION = "/admin/constituencies/provision/"
ALDERSHOT = "E14001063"


@pytest.fixture
def new_events(db):
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return AuditEvent.objects.filter(pk__gt=last, action="constituency.provisioned")


def _form(**fields):
    return {"name": "", "gss_code": "", "slug": "", "custom_domain": "", **fields}


# The shipped list


def test_the_shipped_list_names_each_code():
    assert listed_name(ALDERSHOT) == "Aldershot"
    assert listed_name("w07000112") == "Ynys Môn"
    assert listed_name("E14999901") is None


def test_names_that_differ_only_in_form_are_the_same_name():
    assert comparable("Ynys Mon") == comparable("ynys  môn")
    assert comparable("Stoke-on-Trent Central") == comparable("stoke–on–trent central")
    assert comparable("Richmond & Northallerton") == comparable("Richmond and Northallerton")
    assert comparable("Aldershott") != comparable("Aldershot")


def test_a_check_against_the_list_explains_what_it_expected():
    mismatch = check_against_list("Aldershott", ALDERSHOT)
    assert mismatch.errors == {
        "name": [
            "The list of constituencies names E14001063 “Aldershot”, not “Aldershott”. Use "
            "the listed name, or override the list with a reason."
        ]
    }
    unknown = check_against_list("Nowhere", "E14999999")
    assert "E14999999 is not in the list of constituencies" in unknown.errors["gss_code"][0]
    overridden = check_against_list("Aldershott", ALDERSHOT, "  Renamed\n in 2026 ")
    assert (overridden.errors, overridden.override) == (
        {},
        {"override_reason": "Renamed in 2026", "listed_name": "Aldershot"},
    )


# Provisioning one constituency


def test_a_name_typed_loosely_is_stored_as_the_list_spells_it(db, new_events):
    constituency = provision_constituency(name="  ynys   mon ", gss_code="w07000112")
    assert (constituency.name, constituency.slug) == ("Ynys Môn", "ynys-mon")
    assert constituency.region == "Wales"  # Wales is one region
    event = new_events.get()
    assert "override_reason" not in event.details
    assert event.details["region"] == "Wales"


def test_a_name_the_list_does_not_give_the_code_is_refused_and_nothing_is_made(db, new_events):
    count = Constituency.objects.count()
    with pytest.raises(ValidationError) as raised:
        provision_constituency(name="Aldershott", gss_code=ALDERSHOT)
    assert "“Aldershot”, not “Aldershott”" in raised.value.message_dict["name"][0]
    assert Constituency.objects.count() == count
    assert not new_events.exists()


def test_a_code_not_on_the_list_is_refused_without_a_reason(db):
    with pytest.raises(ValidationError) as raised:
        provision_constituency(name="Nowhere", gss_code="E14999981", override_reason="   ")
    assert "not in the list of constituencies" in raised.value.message_dict["gss_code"][0]
    assert not Constituency.objects.filter(gss_code="E14999981").exists()


def test_an_override_with_a_reason_keeps_the_name_typed_and_is_audited(db, new_events):
    constituency = provision_constituency(
        name="Aldershot and Farnborough",
        gss_code=ALDERSHOT,
        override_reason="Renamed by the 2031 review",
    )
    assert constituency.name == "Aldershot and Farnborough"
    assert (
        new_events.get().details.items()
        >= {
            "override_reason": "Renamed by the 2031 review",
            "listed_name": "Aldershot",
        }.items()
    )


def test_the_command_takes_an_override_reason_and_a_region(db, new_events):
    with pytest.raises(CommandError, match="“Aldershot”, not “Aldershott”"):
        call_command("provision_constituency", name="Aldershott", gss_code=ALDERSHOT)
    call_command(
        "provision_constituency",
        name="Aldershott",
        gss_code=ALDERSHOT,
        region="south east",
        override_reason="Testing the override",
        stdout=io.StringIO(),
    )
    constituency = Constituency.objects.get(gss_code=ALDERSHOT)
    assert (constituency.name, constituency.region) == ("Aldershott", "South East")
    assert new_events.get().details["override_reason"] == "Testing the override"


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ("Wessex", "“Wessex” is not one of the party's regions"),
        ("Wales", "A constituency in England is not in Wales: choose one of the English regions"),
    ],
)
def test_a_region_not_on_the_list_or_of_another_nation_is_refused(db, region, message):
    with pytest.raises(ValidationError) as raised:
        provision_constituency(name="Aldershot", gss_code=ALDERSHOT, region=region)
    assert message in raised.value.message_dict["region"][0]
    assert not Constituency.objects.filter(gss_code=ALDERSHOT).exists()


def test_regions_follow_the_nation():
    assert clean_region(" SCOTLAND ", "S") == "Scotland"
    assert clean_region("", "E") == ""
    with pytest.raises(ValidationError, match="in Scotland is not in London: choose Scotland"):
        clean_region("London", "S")
    with pytest.raises(ValidationError, match="Northern Ireland has no party region"):
        clean_region("Wales", "N")


# The staff screens


def test_the_provisioning_screen_offers_the_regions_as_a_select(staff):
    page = page_of(staff.get(PROVISION))
    assert '<select name="region"' in page
    for region in Region:
        assert f'<option value="{region.value}"' in page
    assert 'name="override"' in page
    assert 'name="override_reason"' in page


def test_staff_provision_a_listed_constituency_in_a_region(staff, new_events, staff_user):
    response = staff.post(
        PROVISION, _form(name="Aldershot", gss_code=ALDERSHOT, region="South East")
    )
    assert response.status_code == 302
    constituency = Constituency.objects.get(gss_code=ALDERSHOT)
    assert constituency.region == "South East"
    assert new_events.get().actor == staff_user


def test_a_mismatch_on_the_screen_is_explained_keeps_what_was_typed_and_makes_nothing(
    staff, new_events
):
    count = Constituency.objects.count()
    response = staff.post(
        PROVISION,
        _form(name="Aldershott", gss_code=ALDERSHOT, slug="my-slug", region="South East"),
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "The list of constituencies names E14001063 “Aldershot”, not “Aldershott”." in text
    page = response.content.decode()
    assert 'value="Aldershott"' in page
    assert 'value="my-slug"' in page
    assert '<option value="South East" selected>' in page
    assert Constituency.objects.count() == count
    assert not new_events.exists()


def test_overriding_without_a_reason_is_refused(staff, new_events):
    response = staff.post(
        PROVISION, _form(name="Aldershott", gss_code=ALDERSHOT, override="on", override_reason=" ")
    )
    assert response.status_code == 200
    assert "Say why the list of constituencies is overridden." in text_of(response)
    assert 'id="id_override" checked' in response.content.decode()
    assert not Constituency.objects.filter(gss_code=ALDERSHOT).exists()
    assert not new_events.exists()


def test_a_reason_without_the_override_ticked_overrides_nothing(staff):
    response = staff.post(
        PROVISION, _form(name="Aldershott", gss_code=ALDERSHOT, override_reason="Because")
    )
    assert response.status_code == 200
    assert "“Aldershot”, not “Aldershott”" in text_of(response)
    assert "Because</textarea>" in response.content.decode()
    assert not Constituency.objects.filter(gss_code=ALDERSHOT).exists()


def test_staff_override_the_list_with_a_reason_which_is_audited(staff, new_events):
    response = staff.post(
        PROVISION,
        _form(
            name="Aldershott",
            gss_code=ALDERSHOT,
            override="on",
            override_reason="The council spells it so",
        ),
    )
    assert response.status_code == 302
    assert Constituency.objects.get(gss_code=ALDERSHOT).name == "Aldershott"
    details = new_events.get().details
    assert (details["override_reason"], details["listed_name"]) == (
        "The council spells it so",
        "Aldershot",
    )


@pytest.mark.parametrize(
    ("region", "message"),
    [
        ("Atlantis", "Select a valid choice"),
        ("Scotland", "A constituency in England is not in Scotland"),
    ],
)
def test_a_bad_region_on_the_screen_is_refused(staff, region, message):
    response = staff.post(PROVISION, _form(name="Aldershot", gss_code=ALDERSHOT, region=region))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Constituency.objects.filter(gss_code=ALDERSHOT).exists()


def test_the_region_is_chosen_from_the_regions_of_the_constituencys_nation(staff, clp_a, clp_b):
    english = page_of(staff.get(f"{INDEX}{clp_a.pk}/"))
    assert '<select id="id_region" name="region"' in english
    assert '<option value="South West"' in english
    assert '<option value="Wales"' not in english
    welsh = page_of(staff.get(f"{INDEX}{clp_b.pk}/"))
    assert '<option value="Wales"' in welsh
    assert '<option value="South West"' not in welsh


def test_a_region_of_another_nation_is_refused_on_the_constituency_page(staff, clp_a):
    Constituency.objects.filter(pk=clp_a.pk).update(region="London")
    response = staff.post(f"{INDEX}{clp_a.pk}/region/", {"region": "Wales"}, follow=True)
    assert "A constituency in England is not in Wales" in text_of(response)
    clp_a.refresh_from_db()
    assert clp_a.region == "London"


@pytest.mark.parametrize("who", ["anonymous", "member", "officer of this CLP", "other officer"])
def test_only_central_staff_provision_or_set_regions(
    who, clp_a, member_user, officer_a, officer_b, new_events
):
    user = {
        "anonymous": None,
        "member": member_user,
        "officer of this CLP": officer_a,
        "other officer": officer_b,
    }[who]
    client = client_for("localhost", user)
    expected = 302 if user is None else 403  # anonymous: to the login page
    assert client.get(PROVISION).status_code == expected
    assert client.get(f"{INDEX}{clp_a.pk}/").status_code == expected
    made = client.post(PROVISION, _form(name="Aldershot", gss_code=ALDERSHOT, region="London"))
    assert made.status_code == expected
    moved = client.post(f"{INDEX}{clp_a.pk}/region/", {"region": "London"})
    assert moved.status_code == expected
    clp_a.refresh_from_db()
    assert clp_a.region == ""
    assert not Constituency.objects.filter(gss_code=ALDERSHOT).exists()
    assert not new_events.exists()


# Bulk provisioning


def _bulk(tmp_path, text):
    path = tmp_path / "list.csv"
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "provision_constituencies",
            "--csv",
            str(path),
            "--no-progress",
            "--processes",
            "1",
            stdout=out,
            stderr=err,
        )
    return str(raised.value), out.getvalue(), err.getvalue()


def test_a_bulk_row_with_a_blank_name_or_a_mismatch_is_reported_and_the_rest_are_made(
    db, tmp_path, new_events
):
    failed, out, err = _bulk(
        tmp_path,
        "PCON25NM,PCON25CD\n"
        "Aldershott,E14001063\n"
        "   ,E14001065\n"
        "Aldridge-Brownhills,E14001064\n"
        "Nowhere Town,E14999971\n",
    )
    assert failed == "3 constituencies could not be provisioned."
    assert "1 provisioned, 0 already there, 3 failed." in out
    assert "Could not provision the row on line 3: Line 3 has no name for E14001065." in err
    assert (
        "Could not provision Aldershott (E14001063): The list of constituencies names "
        "E14001063 “Aldershot”, not “Aldershott”." in err
    )
    assert "Could not provision Nowhere Town (E14999971): E14999971 is not in the list" in err
    made = Constituency.objects.filter(gss_code__in=["E14001063", "E14001064", "E14001065"])
    assert list(made.values_list("name", flat=True)) == ["Aldridge-Brownhills"]
    assert new_events.count() == 1


def test_a_bulk_row_with_a_reason_overrides_the_list_and_the_reason_is_audited(
    db, tmp_path, new_events
):
    path = tmp_path / "list.csv"
    path.write_text(
        "PCON25NM,PCON25CD,override_reason\n"
        "Aldershot North,E14001063,Split by the 2031 review\n"
        ",E14001064,\n"
    )
    with pytest.raises(CommandError, match="1 constituencies could not be provisioned"):
        call_command(
            "provision_constituencies",
            "--csv",
            str(path),
            "--no-progress",
            "--processes",
            "1",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert Constituency.objects.get(gss_code=ALDERSHOT).name == "Aldershot North"
    assert new_events.get().details["override_reason"] == "Split by the 2031 review"


# The regions that were free text


def test_the_migration_puts_typed_regions_on_the_fixed_list():
    migration = import_module("constituencies.migrations.0003_region_choices")
    assert migration.normalised("  yorkshire and  humber", "E") == "Yorkshire and the Humber"
    assert migration.normalised("eastern", "E") == "East of England"
    assert migration.normalised("South West", "E") == "South West"
    assert migration.normalised("Glasgow", "S") == "Scotland"
    assert migration.normalised("", "W") == "Wales"
    assert migration.normalised("Wessex", "E") == ""
    assert migration.normalised("Belfast", "N") == ""
