"""Central staff provision constituencies and change their status from the hub's admin."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_exists

from constituencies.models import Constituency
from tests.helpers import client_for, text_of

INDEX = "/admin/constituencies/"
PROVISION = "/admin/constituencies/provision/"


def test_staff_see_every_constituency_with_its_status(staff, clp_a, clp_b):
    clp_b.suspend()
    page = staff.get(INDEX).content.decode()
    assert "Testford North" in page
    assert "Testford South" in page
    assert "Suspended" in page
    assert "constituency-template" not in page


def test_staff_filter_the_list_by_nation_and_search(staff, clp_a, clp_b):
    page = staff.get(INDEX, {"nation": "W"}).content.decode()
    assert "Testford South" in page
    assert "Testford North" not in page
    page = staff.get(INDEX, {"q": "north"}).content.decode()
    assert "Testford North" in page
    assert "Testford South" not in page


def test_staff_provision_a_constituency_from_the_form(staff, in_schema):
    response = staff.post(
        PROVISION,
        {"name": "Ynys Môn", "gss_code": "w07000112", "slug": "", "custom_domain": ""},
    )
    constituency = Constituency.objects.get(gss_code="W07000112")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/constituencies/{constituency.pk}/"
    assert schema_exists(constituency.schema_name)
    detail = staff.get(response["Location"]).content.decode()
    assert "Ynys Môn is ready at ynys-mon.localhost" in detail


def test_bad_input_is_explained_and_what_was_typed_is_kept(staff, clp_a):
    count = Constituency.objects.count()
    response = staff.post(
        PROVISION,
        {
            "name": "Somewhere New",
            "gss_code": "E14999901",
            "slug": "somewhere-new",
            "custom_domain": "somewhere.example",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "E14999901 is already provisioned, as Testford North." in page
    assert 'value="Somewhere New"' in page
    assert 'value="somewhere.example"' in page
    assert Constituency.objects.count() == count


def test_a_malformed_gss_code_is_explained(staff, db):
    response = staff.post(PROVISION, {"name": "Nowhere", "gss_code": "123"})
    assert response.status_code == 200
    assert "A constituency GSS code is a letter" in response.content.decode()


def test_staff_suspend_archive_and_reactivate_a_constituency(staff, clp_a):
    url = f"/admin/constituencies/{clp_a.pk}/status/"
    staff.post(url, {"action": "suspend", "confirmed": "yes"})
    clp_a.refresh_from_db()
    assert clp_a.status == "suspended"
    staff.post(url, {"action": "archive", "confirmed": "yes"})
    clp_a.refresh_from_db()
    assert clp_a.status == "archived"
    response = staff.post(url, {"action": "reactivate"}, follow=True)
    clp_a.refresh_from_db()
    assert clp_a.status == "active"
    assert "Testford North is active again." in response.content.decode()


@pytest.mark.parametrize(
    ("action", "question", "consequence"),
    [
        ("suspend", "Suspend Testford North?", "Visitors will see a holding page"),
        ("archive", "Archive Testford North?", "Its site will say it has closed"),
    ],
)
def test_taking_a_site_offline_is_confirmed_first(staff, clp_a, action, question, consequence):
    url = f"/admin/constituencies/{clp_a.pk}/status/"
    response = staff.post(url, {"action": action})
    page = response.content.decode()
    assert response.status_code == 200
    assert question in page
    assert consequence in page
    assert f"Yes, {action} Testford North" in page
    assert f'href="/admin/constituencies/{clp_a.pk}/"' in page  # "No, keep it active"
    clp_a.refresh_from_db()
    assert clp_a.status == "active"


def test_an_unknown_status_action_changes_nothing(staff, clp_a):
    response = staff.post(
        f"/admin/constituencies/{clp_a.pk}/status/", {"action": "delete"}, follow=True
    )
    clp_a.refresh_from_db()
    assert clp_a.status == "active"
    assert "Choose suspend, archive or reactivate." in response.content.decode()


def test_status_changes_need_a_post(staff, clp_a):
    assert staff.get(f"/admin/constituencies/{clp_a.pk}/status/").status_code == 405


def test_the_hub_and_template_have_no_detail_page(staff, hub):
    assert staff.get(f"/admin/constituencies/{hub.pk}/").status_code == 404


@pytest.mark.parametrize("path", [INDEX, PROVISION])
def test_nobody_but_central_staff_reaches_the_screens(path, clp_a, officer_a, member_user):
    assert client_for("localhost").get(path).status_code == 302  # to login
    assert client_for("localhost", member_user).get(path).status_code == 403
    assert client_for("localhost", officer_a).get(path).status_code == 403


def test_officers_cannot_provision_or_change_status(clp_a, officer_a):
    officer = client_for("localhost", officer_a)
    assert officer.post(PROVISION, {"name": "X", "gss_code": "E14000009"}).status_code == 403
    assert (
        officer.post(
            f"/admin/constituencies/{clp_a.pk}/status/", {"action": "suspend", "confirmed": "yes"}
        ).status_code
        == 403
    )
    clp_a.refresh_from_db()
    assert clp_a.status == "active"
    assert not Constituency.objects.filter(gss_code="E14000009").exists()


def test_the_screens_are_not_on_constituency_sites_even_for_staff(clp_a, staff_user):
    assert client_for(clp_a, staff_user).get(INDEX).status_code == 404


def test_the_menu_shows_constituencies_only_to_staff_on_the_hub(staff, clp_a, staff_user):
    menu_entry = '"url": "/admin/constituencies/"'  # Wagtail's sidebar is built from JSON
    assert menu_entry in staff.get("/admin/").content.decode()
    assert menu_entry not in client_for(clp_a, staff_user).get("/admin/").content.decode()


# Party regions, for the compliance dashboard's filter


def test_staff_set_a_constituencys_region_and_it_becomes_a_dashboard_filter(staff, clp_a):
    page = staff.get(f"{INDEX}{clp_a.pk}/").content.decode()
    assert 'name="region"' in page
    response = staff.post(f"{INDEX}{clp_a.pk}/region/", {"region": "  South   West "}, follow=True)
    assert "Testford North is in South West." in response.content.decode()
    clp_a.refresh_from_db()
    assert clp_a.region == "South West"
    dashboard = staff.get("/admin/compliance/").content.decode()
    assert '<option value="South West"' in dashboard


def test_a_region_not_on_the_list_is_refused_and_the_old_one_kept(staff, clp_a):
    Constituency.objects.filter(pk=clp_a.pk).update(region="London")
    response = staff.post(f"{INDEX}{clp_a.pk}/region/", {"region": "x" * 61}, follow=True)
    assert "is not one of the party's regions" in text_of(response)
    clp_a.refresh_from_db()
    assert clp_a.region == "London"


def test_only_central_staff_set_regions(clp_a, officer_a, member_user):
    for user in (None, member_user, officer_a):
        client_for("localhost", user).post(f"{INDEX}{clp_a.pk}/region/", {"region": "Mars"})
    clp_a.refresh_from_db()
    assert clp_a.region == ""


def test_regions_for_every_constituency_come_from_a_csv(clp_a, clp_b, tmp_path):
    Constituency.objects.filter(pk=clp_b.pk).update(region="")

    listing = tmp_path / "regions.csv"
    listing.write_text(
        "gss_code,region\n"
        f"{clp_a.gss_code},South West\n"
        f"{clp_b.gss_code.lower()},Wales\n"
        "E14999999,Nowhere\n"
        f"{clp_a.gss_code},{'y' * 61}\n"
    )
    out, err = StringIO(), StringIO()
    call_command("set_regions", str(listing), stdout=out, stderr=err)
    assert "2 updated, 0 unchanged, 2 rows with problems." in out.getvalue()
    assert "Line 4: no constituency has the code 'E14999999'." in err.getvalue()
    assert f"Line 5: “{'y' * 60}” is not one of the party's regions" in err.getvalue()
    clp_a.refresh_from_db()
    clp_b.refresh_from_db()
    assert (clp_a.region, clp_b.region) == ("South West", "Wales")

    out = StringIO()
    call_command("set_regions", str(listing), stdout=out, stderr=StringIO())
    assert "0 updated, 2 unchanged" in out.getvalue()


def test_a_regions_file_without_its_columns_is_refused(tmp_path, clp_a):

    listing = tmp_path / "regions.csv"
    listing.write_text("PCON25CD,Region\nE14999901,South West\n")
    with pytest.raises(CommandError, match="needs gss_code and region columns"):
        call_command("set_regions", str(listing))
    with pytest.raises(CommandError, match="No such file"):
        call_command("set_regions", str(tmp_path / "missing.csv"))
