"""The register's place in the admin menus."""

from governance.wagtail_hooks import GovernanceRegisterGroup
from roles.admin_areas import CONSTITUENCIES, hidden_menu_items
from tests.helpers import client_for

from .shared import INDEX, UNITS


def test_the_hubs_menu_group_is_the_hub_only_governance_register():

    name = GovernanceRegisterGroup().get_menu_item().name
    assert name == "governance-register"
    assert name in hidden_menu_items(CONSTITUENCIES)


def test_a_clps_admin_menu_offers_the_register_and_reports_to_its_administrators(
    clp_a, officer_a, editor_a
):
    page = client_for(clp_a, officer_a).get("/admin/").content.decode()
    assert "online-presence-register" in page
    assert "online-presence-reports" in page
    page = client_for(clp_a, editor_a).get("/admin/").content.decode()
    assert "online-presence-register" in page
    assert "online-presence-reports" not in page


def test_the_hubs_menu_offers_the_register_reports_and_units_to_staff(staff_user):
    page = client_for("localhost", staff_user).get("/admin/").content.decode()
    assert "governance-register" in page
    assert INDEX in page
    assert UNITS in page
