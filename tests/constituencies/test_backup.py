"""Backing up one constituency and restoring it: `export_constituency` writes a single
archive, `import_constituency` restores it under a new slug or the same one, or over
the constituency holding the slug. Everything or nothing: a bad archive, a taken slug,
other migrations or a failure half-way leave no schema, row or file behind."""

import datetime as dt
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_context, schema_exists
from wagtail.images.models import Image, Rendition
from wagtail.models import GroupPagePermission, Page

from constituencies.backup import media as backup_media
from constituencies.backup.restore import HELD_EMAIL_NOTE
from constituencies.backup.tables import reference_columns
from constituencies.models import Constituency, Domain
from constituencies.signups.models import EventSignup
from constituencies.signups.places import sign_up
from constituencies.website.models import NewsPage
from governance.models import AccountReport, Flag, KeyEventRecord, PartyUnit, PresenceEntry
from governance.register.entries import add_entry
from governance.register.units import ensure_clp_unit
from governance.reports.workflow import change_report_status, submit_report
from membersnet.members.models import Member
from membersnet.rulebook.models import StandingOrders
from outbox.models import OutgoingEmail
from publicity.checklist import set_done, sync_checklist
from publicity.models import ChecklistItem
from roles.models import Appointment, ConstituencyGroup
from tests.constituencies.website.shared import _image
from tests.factories import add_event, add_news
from tests.helpers import client_for

COPY = {"slug": "testford-copy", "gss_code": "E14999903"}
B_ONLY = "Quokka-only-in-B"


@pytest.fixture
def filled(clp_a, clp_b, officer_a, editor_a, officer_b, staff_user, in_schema):
    """Site A with pages (one with a draft waiting), an image with a rendition, an event
    with sign-ups, a register with a branch, a flag, a report, a key event and standing
    orders; site B with content of its own that must never reach A's archive."""
    with in_schema(clp_a):
        picture = _image("Library", "Volunteers outside the library", size=(320, 200))
        rendition = picture.get_rendition("fill-100x100")
        published = add_news(
            "Buses saved",
            lead_image=picture,
            body=[("paragraph", "<p>The number 8 runs again.</p>")],
            owner=editor_a,
        )
        published.save_revision(user=editor_a).publish(user=editor_a)
        drafted = add_news("Library hours", body=[("paragraph", "<p>Open late.</p>")])
        drafted.save_revision(user=officer_a).publish(user=officer_a)
        drafted.title = "Library hours (draft)"
        drafted.save_revision(user=officer_a)
        event = add_event("Street stall", capacity=1, signups_open=True, is_key_event=True)
        sign_up(event, name="Ann Example", email="ann@example.org", consent="Yes.")
        sign_up(event, name="Bob Example", email="bob@example.org", consent="Yes.")
    unit = ensure_clp_unit(clp_a)
    branch = PartyUnit.objects.create(kind="branch", name="Lawrence Hill", constituency=clp_a)
    entry = add_entry(
        unit=unit,
        platform="x",
        handle="@TestfordNorthLabour",
        purpose="News",
        controllers=[officer_a],
        credentials_note="In the CLP's password manager",
    )
    add_entry(
        unit=branch,
        platform="facebook_page",
        url="https://facebook.com/lawrencehill",
        purpose="Branch news",
        controllers=[officer_a, editor_a],
        credentials_note="With the branch secretary",
    )
    Flag.objects.create(kind=Flag.Kind.NOT_REVIEWED, unit=unit, entry=entry)
    report = submit_report(
        account="@FakeTestford", reason="not_on_register", details="Fake.", unit=unit
    )
    change_report_status(report, "investigating", actor=staff_user, note="Looking")
    orders = StandingOrders(
        constituency=clp_a,
        title="Our standing orders",
        adopted_on=dt.date(2025, 3, 1),
        text="Rule 1.",
    )
    orders.file.save("orders.pdf", ContentFile(b"%PDF-1.4 Testford North\n%%EOF\n"), save=False)
    orders.save()
    with in_schema(clp_a):
        sync_checklist(event)
        item = ChecklistItem.objects.get(event=event, key=f"account-{entry.pk}")
        set_done(event, item.pk, done=True, by=officer_a)

    with in_schema(clp_b):
        add_news(B_ONLY, lead_image=_image(B_ONLY), owner=officer_b)
        b_event = add_event(f"{B_ONLY} event", signups_open=True)
        sign_up(b_event, name="Bea", email="quokka.b@example.org", consent="Yes.")
    add_entry(
        unit=ensure_clp_unit(clp_b),
        platform="x",
        handle=f"@{B_ONLY}",
        purpose="News",
        controllers=[officer_b],
        credentials_note="Somewhere safe",
    )
    with in_schema(clp_a):
        # Visitors have seen every page, so the renditions the pages use exist already.
        for page in Page.objects.live().exclude(depth=1):
            assert client_for(clp_a).get(page.url).status_code == 200
    return {"image": picture.pk, "rendition": rendition.file.name, "event": event.pk}


@pytest.fixture
def archive(filled, clp_a, tmp_path) -> Path:
    path = tmp_path / "a.tar.gz"
    call_command("export_constituency", clp_a.slug, output=str(path), stdout=io.StringIO())
    return path


def _restore(path, **options):
    out = io.StringIO()
    call_command("import_constituency", str(path), stdout=out, **options)
    return out.getvalue()


def _content(constituency) -> dict:
    """What a site holds, named so that two sites' can be compared."""
    with schema_context(constituency.schema_name):
        pages = {
            page.url_path: (
                page.title,
                page.draft_title,
                page.live,
                page.has_unpublished_changes,
                page.owner.email if page.owner else None,
                [r.content["title"] for r in page.revisions.order_by("created_at", "pk")],
                [r.user.email if r.user else None for r in page.revisions.order_by("pk")],
                list(page.specific.body.raw_data) if isinstance(page.specific, NewsPage) else None,
            )
            for page in Page.objects.exclude(depth=1).select_related("owner")
        }
        served = {
            url_path: client_for(constituency)
            .get(Page.objects.get(url_path=url_path).url)
            .status_code
            for url_path in pages
            if pages[url_path][2]
        }
        storage = storages["default"]
        images = {
            image.title: (image.file.name, storage.open(image.file.name).read())
            for image in Image.objects.all()
        }
        renditions = {
            r.file.name: storage.open(r.file.name).read() for r in Rendition.objects.all()
        }
        signups = sorted(
            (s.event.url_path, s.name, s.email, s.status) for s in EventSignup.objects.all()
        )
        checklist = sorted(
            (item.label, item.done_by_name, item.key.startswith("account-"))
            for item in ChecklistItem.objects.all()
        )
        entries_by_key = {
            item.key: item.label
            for item in ChecklistItem.objects.filter(key__startswith="account-")
        }
    entries = PresenceEntry.objects.filter(unit__constituency=constituency)
    for key, label in entries_by_key.items():  # each item names an entry of this site
        entry = entries.get(pk=int(key.removeprefix("account-")))
        assert entry.handle in label or entry.url in label
    return {
        "pages": pages,
        "served": served,
        "images": images,
        "renditions": renditions,
        "signups": signups,
        "checklist": checklist,
        "units": sorted(
            PartyUnit.objects.filter(constituency=constituency).values_list("kind", "name")
        ),
        "entries": sorted(
            (
                e.unit.name,
                e.platform,
                e.handle,
                e.url,
                e.credentials_note,
                e.handle_key,
                e.created_at,
                tuple(sorted(u.email for u in e.controllers.all())),
            )
            for e in entries
        ),
        "flags": sorted(
            (f.kind, f.unit.name, f.entry.handle if f.entry else None, f.raised_on)
            for f in Flag.objects.filter(unit__constituency=constituency)
        ),
        "reports": sorted(
            (
                r.account,
                r.status,
                r.created_at,
                [
                    (h.to_status, h.actor.email if h.actor else None, h.note)
                    for h in r.history.all()
                ],
            )
            for r in AccountReport.objects.filter(unit__constituency=constituency)
        ),
        "key_events": sorted(
            KeyEventRecord.objects.filter(constituency=constituency).values_list(
                "event_id", "title", "items_total", "items_done"
            )
        ),
        "appointments": sorted(
            (a.user.email, a.role, a.starts_on, a.ends_on)
            for a in Appointment.objects.filter(constituency=constituency)
        ),
        "groups": sorted(
            (g.role, tuple(sorted(u.email for u in g.group.user_set.all())))
            for g in ConstituencyGroup.objects.filter(constituency=constituency)
        ),
        "standing_orders": [
            (o.title, o.adopted_on, o.text, o.file.read())
            for o in StandingOrders.objects.filter(constituency=constituency)
        ],
    }


def _nothing_made():
    """Schemas, constituencies, domains, groups, users and files, to compare before and after."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.schemata")
        schemas = cursor.fetchone()[0]
    files = sorted(str(p) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    return (
        schemas,
        Constituency.objects.count(),
        Domain.objects.count(),
        Group.objects.count(),
        get_user_model().objects.count(),
        files,
    )


def _rewrite(path: Path, change, extra=()) -> Path:
    """A copy of the archive with its members passed through `change(name, bytes)`
    (which returns new bytes, or None to leave the member out), and `extra` members
    ((name, bytes) pairs) added."""
    members = {}
    with tarfile.open(path, "r:gz") as tar:
        for info in tar:
            members[info.name] = tar.extractfile(info).read()
    changed = path.with_name("changed.tar.gz")
    with tarfile.open(changed, "w:gz") as tar:
        for name, data in [*((n, change(n, d)) for n, d in members.items()), *extra]:
            if data is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return changed


def _with_manifest(path, edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return _rewrite(path, change)


# ---------------------------------------------------------------------------
# Round trips


def test_a_constituency_comes_back_whole_under_a_new_slug(archive, clp_a):
    out = _restore(archive, **COPY)

    copy = Constituency.objects.get(slug="testford-copy")
    assert "Restored Testford North (E14999903) at testford-copy.localhost" in out
    assert copy.schema_name == "clp_e14999903"
    assert schema_exists(copy.schema_name)
    original, restored = _content(clp_a), _content(copy)
    assert restored == original
    # What the comparison rests on is really there.
    assert len(original["pages"]) >= 8
    assert original["pages"]["/home/news/library-hours/"][:4] == (
        "Library hours",
        "Library hours (draft)",
        True,
        True,
    )
    assert set(original["served"].values()) == {200}
    assert original["images"]["Library"][1][:4] == b"\x89PNG"
    assert any(".fill-100x100." in name for name in original["renditions"])
    assert [s[1:] for s in original["signups"]] == [
        ("Ann Example", "ann@example.org", "confirmed"),
        ("Bob Example", "bob@example.org", "waitlisted"),
    ]
    assert len(original["entries"]) == 2
    assert len(original["reports"]) == 1
    assert original["key_events"]
    assert original["flags"]
    assert original["standing_orders"]
    assert ("secretary", ("secretary.a@example.org",)) in original["groups"]
    # The copy is its own site, on its own domain, with its own groups and unit.
    with schema_context(copy.schema_name):
        assert (
            Page.objects.get(depth=2, locale__language_code="en-gb").get_site().hostname
            == "testford-copy.localhost"
        )
    assert client_for(copy).get("/news/buses-saved/").status_code == 200
    assert "Buses saved" in client_for(copy).get("/news/").content.decode()
    copied_groups = set(
        ConstituencyGroup.objects.filter(constituency=copy).values_list("group", flat=True)
    )
    assert copied_groups.isdisjoint(
        ConstituencyGroup.objects.filter(constituency=clp_a).values_list("group", flat=True)
    )
    assert PartyUnit.objects.filter(constituency=copy, kind="clp").count() == 1


def test_restored_pages_point_at_the_copys_own_groups(archive, clp_a):
    _restore(archive, **COPY)
    copy = Constituency.objects.get(slug="testford-copy")
    own = set(
        ConstituencyGroup.objects.filter(constituency=copy).values_list("group_id", flat=True)
    )
    with schema_context(copy.schema_name):
        used = set(GroupPagePermission.objects.values_list("group_id", flat=True))
    assert used
    assert used <= own


def test_a_deleted_constituency_comes_back_under_its_own_slug(archive, clp_a, filled):
    before = _content(clp_a)
    schema, slug, pk = clp_a.schema_name, clp_a.slug, clp_a.pk
    # Lost: its schema, its rows, its role groups and its files.
    groups = list(
        Group.objects.filter(constituency_role__constituency=clp_a).values_list("pk", flat=True)
    )
    with schema_context(schema):
        storage = storages["default"]
        for name in list(backup_media.walk(storage)):
            storage.delete(name)
    StandingOrders.objects.filter(constituency=clp_a).delete()
    Member.objects.filter(constituency=clp_a).delete()  # its officers are its members
    with connection.cursor() as cursor:
        # The test's own transaction still holds foreign-key checks for what it made, and
        # PostgreSQL drops no table with checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    clp_a.delete(force_drop=True)
    Group.objects.filter(pk__in=groups).delete()
    assert not schema_exists(schema)

    _restore(archive)

    restored = Constituency.objects.get(slug=slug)
    assert restored.pk != pk
    assert restored.schema_name == schema
    assert _content(restored) == before


def test_replace_puts_a_constituency_back_as_it_was(archive, clp_a, in_schema):
    before = _content(clp_a)
    with in_schema(clp_a):
        add_news("Written after the backup")
        EventSignup.objects.filter(email="ann@example.org").delete()
    PresenceEntry.objects.filter(unit__constituency=clp_a, platform="x").delete()

    with pytest.raises(CommandError, match="is taken by Testford North"):
        _restore(archive)
    out = _restore(archive, replace=True)

    assert "Restored over Testford North" in out
    assert Constituency.objects.get(slug=clp_a.slug).pk == clp_a.pk
    assert _content(clp_a) == before


def test_users_unknown_here_are_created_inactive_with_no_password(archive, clp_a, editor_a):
    def as_if_from_elsewhere(manifest):
        for identity in manifest["identities"]["user"].values():
            if identity["email"] == editor_a.email:
                identity["email"] = "someone.elsewhere@example.org"

    out = _restore(_with_manifest(archive, as_if_from_elsewhere), **COPY)

    assert "Created inactive user someone.elsewhere@example.org" in out
    stranger = get_user_model().objects.get(email="someone.elsewhere@example.org")
    assert not stranger.is_active
    assert not stranger.has_usable_password()
    copy = Constituency.objects.get(slug="testford-copy")
    with schema_context(copy.schema_name):
        assert Page.objects.get(url_path="/home/news/buses-saved/").owner == stranger
    assert Appointment.objects.get(constituency=copy, role="editor").user == stranger


def test_unsent_email_is_held_unless_asked_to_send_it(archive, clp_a):
    with schema_context(clp_a.schema_name):
        queued = OutgoingEmail.objects.filter(state="queued").count()
    assert queued

    _restore(archive, **COPY)
    copy = Constituency.objects.get(slug="testford-copy")
    with schema_context(copy.schema_name):
        assert not OutgoingEmail.objects.filter(state="queued").exists()
        assert OutgoingEmail.objects.filter(last_error=HELD_EMAIL_NOTE).count() == queued

    _restore(archive, slug="testford-copy-2", gss_code="E14999904", send_queued_email=True)
    with schema_context("clp_e14999904"):
        assert OutgoingEmail.objects.filter(state="queued").count() == queued


# ---------------------------------------------------------------------------
# What the archive holds


def test_the_archive_holds_nothing_of_another_constituency(archive, clp_b, tmp_path):
    with tarfile.open(archive, "r:gz") as tar:
        everything = b"".join(tar.extractfile(info).read() for info in tar)
        names = tar.getnames()
    assert B_ONLY.encode() not in everything
    assert b"quokka.b@example.org" not in everything
    assert clp_b.schema_name.encode() not in everything
    assert b"secretary.b@example.org" not in everything
    assert any(name.startswith("media/original_images/Library") for name in names)


def test_the_manifest_lists_media_with_sizes_and_checksums(archive, filled, clp_a):
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        with schema_context(clp_a.schema_name):
            storage = storages["default"]
            for entry in manifest["media"]:
                data = tar.extractfile(entry["file"]).read()
                assert data == storage.open(entry["path"]).read()
                assert entry["size"] == len(data)
                assert len(entry["sha256"]) == 64
    assert {entry["path"] for entry in manifest["media"]} >= {filled["rendition"]}
    assert manifest["source"]["slug"] == clp_a.slug
    assert ["wagtailcore", "0001_initial"] in manifest["migrations"]["tenant"]


def test_every_reference_from_a_site_to_a_shared_table_is_one_a_backup_can_map():
    kinds = {(column.table, column.column): column.kind for column in reference_columns()}
    assert kinds[("wagtailcore_page", "owner_id")] == "user"
    assert kinds[("wagtailcore_revision", "user_id")] == "user"
    assert kinds[("wagtailcore_page", "content_type_id")] == "content_type"
    assert kinds[("wagtailcore_grouppagepermission", "group_id")] == "group"
    assert kinds[("wagtailcore_grouppagepermission", "permission_id")] == "permission"


# ---------------------------------------------------------------------------
# Refused, leaving nothing behind


def test_exporting_an_unknown_slug_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="No constituency has the slug “nowhere”"):
        call_command("export_constituency", "nowhere", output=str(tmp_path / "x.tar.gz"))
    assert not list(tmp_path.iterdir())


def test_exporting_over_an_existing_file_is_refused(archive, clp_a):
    with pytest.raises(CommandError, match="already exists"):
        call_command("export_constituency", clp_a.slug, output=str(archive))


def _truncated(path):
    data = path.read_bytes()
    cut = path.with_name("cut.tar.gz")
    cut.write_bytes(data[: len(data) // 2])
    return cut


def _garbage(path):
    junk = path.with_name("junk.tar.gz")
    junk.write_bytes(b"not an archive at all" * 100)
    return junk


def _media_changed(path):
    return _rewrite(path, lambda name, data: data + b"!" if name.startswith("media/") else data)


def _member_missing(path):
    return _rewrite(
        path, lambda name, data: None if name == "tables/signups_eventsignup.copy" else data
    )


def _other_migrations(path):
    return _with_manifest(
        path, lambda m: m["migrations"]["tenant"].append(["website", "9999_from_the_future"])
    )


def _climbing_out(path):
    return _rewrite(path, lambda name, data: data, extra=[("media/../../escaped.txt", b"bad")])


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_truncated, "may be truncated or damaged"),
        (_garbage, "cannot be read as a constituency archive"),
        (_media_changed, "checksum mismatch for media/"),
        (_member_missing, "lacks 1 listed file"),
        (_other_migrations, "migrations differ from this database's: 1 only in the archive"),
        (_climbing_out, "is not a name a constituency archive uses"),
    ],
)
def test_a_bad_archive_is_refused_and_nothing_is_made(archive, spoil, message):
    spoiled = spoil(archive)
    before = _nothing_made()
    with pytest.raises(CommandError, match=message):
        _restore(spoiled, **COPY)
    assert _nothing_made() == before
    assert not Constituency.objects.filter(slug="testford-copy").exists()


def test_a_taken_slug_or_gss_code_is_refused_and_nothing_is_made(archive, clp_b):
    before = _nothing_made()
    with pytest.raises(CommandError, match="is taken by Testford North"):
        _restore(archive)
    with pytest.raises(CommandError, match="is taken by Testford South"):
        _restore(archive, slug=clp_b.slug, gss_code="E14999903")
    with pytest.raises(CommandError, match="E14999901 is already provisioned"):
        _restore(archive, slug="testford-copy")
    assert _nothing_made() == before


def test_a_failure_half_way_leaves_no_schema_row_or_file(archive, monkeypatch):
    put = backup_media.FilesWritten.put
    calls = []

    def put_then_fail(self, *args, **kwargs):
        calls.append(put(self, *args, **kwargs))
        if len(calls) == 2:
            raise OSError("the storage went away")
        return calls[-1]

    monkeypatch.setattr(backup_media.FilesWritten, "put", put_then_fail)
    before = _nothing_made()
    with pytest.raises(OSError, match="the storage went away"):
        _restore(archive, **COPY)

    assert len(calls) == 2
    assert _nothing_made() == before
    assert not schema_exists("clp_e14999903")
    assert not list(Path(settings.MEDIA_ROOT, "clp_e14999903").rglob("*.*"))


def test_the_export_reports_what_it_wrote(filled, clp_a, tmp_path):
    out = io.StringIO()
    call_command("export_constituency", clp_a.slug, output=str(tmp_path / "a.tar.gz"), stdout=out)
    text = out.getvalue()
    assert "Backing up Testford North (testford-north, schema clp_e14999901)" in text
    assert "media files" in text
    assert "Wrote " in text
    assert not (tmp_path / "a.tar.gz.partial").exists()


def test_a_restore_reports_its_progress(archive):
    out = _restore(archive, **COPY)
    assert "Provisioned Testford North (testford-copy, schema clp_e14999903)" in out
    assert "tables" in out
    assert "media files restored" in out


def test_an_export_that_fails_leaves_no_file(filled, clp_a, tmp_path, monkeypatch):
    def unreadable(storage, folder=""):
        raise OSError("the storage went away")
        yield

    monkeypatch.setattr("constituencies.backup.export.walk", unreadable)
    with pytest.raises(OSError, match="the storage went away"):
        call_command("export_constituency", clp_a.slug, output=str(tmp_path / "a.tar.gz"))
    assert not list(tmp_path.glob("a.tar.gz*"))


def test_a_failed_replace_puts_back_the_files_it_had_replaced(
    archive, clp_a, in_schema, monkeypatch
):
    """Files changed since the backup (a new upload under a name used before) are put
    back as they were when a restore over the constituency fails half-way."""
    with in_schema(clp_a):
        storage = storages["default"]
        names = [image.file.name for image in Image.objects.all()]
        for name in names:
            storage.delete(name)
            storage.save(name, ContentFile(b"uploaded after the backup"))
    put = backup_media.FilesWritten.put
    calls = []

    def put_then_fail(self, storage, name, *args, **kwargs):
        calls.append(put(self, storage, name, *args, **kwargs))
        if name in names:  # one changed since the backup has just been replaced
            raise OSError("the storage went away")
        return calls[-1]

    monkeypatch.setattr(backup_media.FilesWritten, "put", put_then_fail)
    with pytest.raises(OSError, match="the storage went away"):
        _restore(archive, replace=True)

    with in_schema(clp_a):
        assert names
        for name in names:
            assert storage.open(name).read() == b"uploaded after the backup"
