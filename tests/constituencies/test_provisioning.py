"""Provisioning: a cloned schema, a domain, a Wagtail site and starter pages, all or nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils.module_loading import import_string
from django_tenants.utils import schema_exists
from wagtail.models import GroupPagePermission, Locale, Page, Site

from constituencies import provisioning
from constituencies.models import Constituency, Domain
from constituencies.provisioning import provision_constituency
from constituencies.website.models import HomePage
from governance.models import PartyUnit
from roles.models import ConstituencyGroup
from tests.helpers import client_for

NEW = {"name": "Ynys Môn", "gss_code": "W07000112"}


def _snapshot():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.schemata")
        schemas = cursor.fetchone()[0]
    return (schemas, Constituency.objects.count(), Domain.objects.count(), Group.objects.count())


def test_provisioning_creates_a_ready_to_edit_site(db, in_schema):
    constituency = provision_constituency(**NEW)

    assert constituency.slug == "ynys-mon"
    assert constituency.schema_name == "clp_w07000112"
    assert constituency.nation == "W"
    assert schema_exists("clp_w07000112")
    assert constituency.primary_domain == "ynys-mon.localhost"
    with in_schema(constituency):
        site = Site.objects.get()
        assert site.hostname == "ynys-mon.localhost"
        assert site.site_name == "Ynys Môn"
        home = site.root_page.specific
        assert isinstance(home, HomePage)
        assert home.title == home.draft_title == "Ynys Môn Labour"
        assert [p.title for p in home.get_children()] == [
            "News",
            "Events",
            "Get involved",
            "Contact",
        ]
        assert all(p.live for p in home.get_descendants(inclusive=True))
        # In Wales the site offers Welsh from the start: the starter pages have live
        # Welsh translations, which site search finds too.
        assert constituency.offers_welsh
        assert sorted(p.title for p in HomePage.objects.search("Ynys")) == [
            "Llafur Ynys Môn",
            "Ynys Môn Labour",
        ]
        welsh = home.get_translation(Locale.objects.get(language_code="cy"))
        assert welsh.live
        assert welsh.title == "Llafur Ynys Môn"
        assert [p.title for p in welsh.get_children().live()] == [
            "Newyddion",
            "Digwyddiadau",
            "Cymryd rhan",
            "Cysylltu",
        ]
        assert GroupPagePermission.objects.filter(page=home).exists()
    kinds = set(
        ConstituencyGroup.objects.filter(constituency=constituency).values_list("role", flat=True)
    )
    assert kinds == {"secretary", "social_media_officer", "editor", "publisher"}


def test_a_provisioned_site_is_served_on_its_domain(db):
    constituency = provision_constituency(**NEW)
    response = client_for(constituency).get("/")
    assert response.status_code == 200
    assert "Ynys Môn Labour" in response.content.decode()
    assert client_for(constituency).get("/news/").status_code == 200


def test_a_custom_domain_becomes_the_primary_domain(db, in_schema):
    constituency = provision_constituency(**NEW, custom_domain="https://www.YnysMonLabour.org.uk/")
    assert constituency.primary_domain == "www.ynysmonlabour.org.uk"
    assert set(constituency.domains.values_list("domain", "is_primary")) == {
        ("www.ynysmonlabour.org.uk", True),
        ("ynys-mon.localhost", False),
    }
    with in_schema(constituency):
        assert Site.objects.get().hostname == "www.ynysmonlabour.org.uk"
    assert client_for("ynys-mon.localhost").get("/").status_code == 200


@pytest.mark.parametrize(
    ("spec", "field", "message"),
    [
        ({"name": "Somewhere", "gss_code": "E14999901"}, "gss_code", "already provisioned"),
        ({"name": "Testford North", "gss_code": "E14000001"}, "slug", "already taken"),
        # files.<platform domain> is where uploads are served from (docs/storage.md).
        ({"name": "Files", "gss_code": "E14000005"}, "slug", "kept for the platform"),
        (
            {
                "name": "Elsewhere",
                "gss_code": "E14000002",
                "custom_domain": "testford-south.localhost",
            },
            "custom_domain",
            "already serves another site",
        ),
        ({"name": "Elsewhere", "gss_code": "X123"}, "gss_code", "letter (E, S, W or N)"),
        ({"name": "", "gss_code": "E14000003"}, "name", "cannot be blank"),
        ({"name": "Bad slug", "gss_code": "E14000004", "slug": "Not A Slug!"}, "slug", "lowercase"),
    ],
)
def test_bad_or_duplicate_details_are_refused_and_nothing_is_created(
    clp_a, clp_b, spec, field, message
):
    before = _snapshot()
    with pytest.raises(ValidationError) as raised:
        provision_constituency(**spec)
    assert field in raised.value.message_dict
    assert message in " ".join(raised.value.message_dict[field])
    assert _snapshot() == before


def test_a_failure_half_way_leaves_no_schema_domain_or_tenant_behind(db):
    before = _snapshot()

    def fail(constituency):
        assert schema_exists(constituency.schema_name)  # the clone really happened
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        provision_constituency(**NEW, after_clone=fail)

    assert not schema_exists("clp_w07000112")
    assert not Constituency.objects.filter(gss_code="W07000112").exists()
    assert not Domain.objects.filter(domain="ynys-mon.localhost").exists()
    assert _snapshot() == before
    # ...and the same constituency provisions cleanly afterwards.
    assert provision_constituency(**NEW).primary_domain == "ynys-mon.localhost"


def test_every_step_of_the_apps_above_names_a_function():
    for path in provisioning.STEPS_OF_APPS_ABOVE:
        assert callable(import_string(path)), path


def fail_in_a_later_step(constituency):
    assert PartyUnit.objects.filter(constituency=constituency).exists()  # earlier steps ran
    raise RuntimeError("register unavailable")


def test_a_failure_in_a_step_of_an_app_above_leaves_nothing_behind(db, monkeypatch):
    before = _snapshot()
    monkeypatch.setattr(
        provisioning,
        "STEPS_OF_APPS_ABOVE",
        (*provisioning.STEPS_OF_APPS_ABOVE, f"{__name__}.fail_in_a_later_step"),
    )
    with pytest.raises(RuntimeError, match="register unavailable"):
        provision_constituency(**NEW)
    assert not schema_exists("clp_w07000112")
    assert not PartyUnit.objects.filter(name=NEW["name"]).exists()
    assert _snapshot() == before


def test_a_cloned_site_carries_on_numbering_its_rows_after_the_template(db, in_schema):
    constituency = provision_constituency(**NEW)
    with in_schema(constituency):
        starter_ids = set(Page.objects.values_list("id", flat=True))
        extra = HomePage.objects.get(locale__language_code="en-gb").add_child(
            instance=Page(title="Extra")
        )
    assert extra.id > max(starter_ids)


def test_the_command_provisions_one_constituency(db, capsys):
    call_command("provision_constituency", name="Ynys Môn", gss_code="W07000112", slug="ynys-mon")
    assert "Provisioned Ynys Môn (W07000112) at ynys-mon.localhost" in capsys.readouterr().out
    assert Constituency.objects.filter(gss_code="W07000112").exists()


def test_the_command_reports_a_duplicate_clearly(clp_a):
    with pytest.raises(CommandError, match="E14999901 is already provisioned, as Testford North"):
        call_command("provision_constituency", name="Again", gss_code="E14999901")
