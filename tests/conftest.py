"""The cast shared by every test: the hub, two constituencies (A in England, B in
Wales, made once per test database) and a person in each role."""

import os
import shutil
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import setup_databases, teardown_databases
from django_tenants.utils import schema_context, schema_exists
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from constituencies.models import Constituency
from constituencies.provisioning import ensure_hub, provision_constituency
from labourhub.celery import broker_breaker
from labourhub.translation_catalogues import compile_catalogues
from membersnet.training.models import Course, Lesson
from roles.appointments import appoint
from roles.constituency_groups import ensure_publishing_groups, grant_role_model_permissions
from roles.models import Role
from tests.factories import UserFactory, make_member, make_officer
from tests.helpers import client_for
from tests.object_storage import object_storage_for_test, start_s3_server, stop_s3_server

# Property-based tests (Hypothesis): a few hundred examples in all for `make test`;
# HYPOTHESIS_PROFILE=fuzz (bench/fuzz_forms.py) runs FUZZ_EXAMPLES of each (default 10,000).
# Examples are not saved between runs: tests leave no files behind.
hypothesis_settings.register_profile(
    "ci",
    max_examples=20,
    deadline=None,
    database=None,
    print_blob=True,
    # The cast (database, tenants) is set up once per test and shared by its examples.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
hypothesis_settings.register_profile(
    "fuzz",
    hypothesis_settings.get_profile("ci"),
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10000")),
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# `make install` compiles the Welsh catalogue; a test run started otherwise does it here.
compile_catalogues()

CONSTITUENCY_A = {"name": "Testford North", "gss_code": "E14999901", "slug": "testford-north"}
CONSTITUENCY_B = {"name": "Testford South", "gss_code": "W07999902", "slug": "testford-south"}


def _get_or_provision(spec):
    existing = Constituency.objects.filter(gss_code=spec["gss_code"]).first()
    # Invented codes, so that no test can clash with a real constituency.
    return existing or provision_constituency(**spec, override_reason="A test constituency")


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """Set up the test database for every run, and provision the shared constituencies
    once (with --reuse-db they persist between runs).

    pytest-django sets the database up only when some collected test asks for `db`;
    browser tests don't (they need committed data), so this always does it.
    """

    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            keepdb=keepdb,
            aliases={"default"},
        )
        if not connection.settings_dict["NAME"].startswith("test_"):
            pytest.exit("refusing to run: not connected to a test database", returncode=3)
        ensure_hub()
        _get_or_provision(CONSTITUENCY_A)
        _get_or_provision(CONSTITUENCY_B)
        ensure_publishing_groups()
        grant_role_model_permissions()
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            # Threads that served requests or ran tasks (live server, Celery worker) may
            # leave connections open, and PostgreSQL will not drop a database in use.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            connection.close()
            teardown_databases(config, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    """Each test starts in the public schema with empty caches and its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {"location": tmp_path / "private-media", "base_url": None},
        },
    }
    for cache in caches.all():
        cache.clear()
    broker_breaker.reset()
    yield
    connection.set_schema_to_public()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
    shutil.rmtree(tmp_path / "private-media", ignore_errors=True)


@pytest.fixture
def hub(db):
    return Constituency.objects.get(kind=Constituency.Kind.HUB)


@pytest.fixture
def clp_a(db):
    return Constituency.objects.get(gss_code=CONSTITUENCY_A["gss_code"])


@pytest.fixture
def clp_b(db):
    return Constituency.objects.get(gss_code=CONSTITUENCY_B["gss_code"])


@pytest.fixture
def in_schema():
    """`with in_schema(clp_a): ...` runs ORM code in that constituency's schema."""
    return lambda constituency: schema_context(constituency.schema_name)


@pytest.fixture
def hub_client(hub):
    return client_for("localhost")


@pytest.fixture
def staff_user(db):
    return UserFactory(email="staff@example.org", is_central_staff=True, mfa=True)


@pytest.fixture
def staff(staff_user):
    """Central staff, signed in on the hub."""
    return client_for("localhost", staff_user)


@pytest.fixture
def member_user(clp_a):
    """A member of constituency A, with an account."""
    return make_member(clp_a, email="member@example.org")


@pytest.fixture
def lapsed_member(clp_a):
    return make_member(clp_a, email="lapsed@example.org", status="lapsed")


@pytest.fixture
def non_member_user(db):
    """Someone with an account but no member record."""
    return UserFactory(email="nobody@example.org")


@pytest.fixture
def officer_a(clp_a):
    return make_officer(clp_a, Role.SECRETARY, email="secretary.a@example.org")


@pytest.fixture
def editor_a(clp_a):
    return make_officer(clp_a, Role.EDITOR, email="editor.a@example.org")


@pytest.fixture
def officer_b(clp_b):
    return make_officer(clp_b, Role.SECRETARY, email="secretary.b@example.org")


@pytest.fixture
def officer_by_exception(clp_a):
    """clp_a's Secretary appointed by exception: not a member, with no member record."""
    user = UserFactory(email="organiser@example.org")
    appoint(
        user=user,
        constituency=clp_a,
        role=Role.SECRETARY,
        membership_exception="Regional organiser covering until the AGM.",
    )
    return user


@pytest.fixture
def expired_officer_a(clp_a):
    return make_officer(
        clp_a,
        Role.SOCIAL_MEDIA_OFFICER,
        email="former.a@example.org",
        starts_days_ago=400,
        ends_in_days=-1,
    )


@pytest.fixture
def publishing_course(db):
    """The course that unlocks publishing, of one lesson."""
    course = Course.objects.create(
        title="Publishing on your CLP site",
        slug="publishing",
        summary="Required.",
        is_published=True,
        required_for_publishing=True,
    )
    Lesson.objects.create(course=course, position=1, title="Who publishes", text="<p>You.</p>")
    return course


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Run ORM code outside any test transaction (`with committed(): ...`), so that other
    threads (a live server, parallel requests) see it. `committed.cleanup(obj)` deletes
    the object after the test, in the schema it was made in."""

    class Committed:
        def __init__(self):
            self._cleanups = []

        @contextmanager
        def __call__(self):
            with django_db_blocker.unblock():
                yield

        def cleanup(self, obj):
            self._cleanups.append((connection.schema_name, obj))
            return obj

        def defer(self, function):
            """Call `function` (with database access) after the test, before objects
            registered earlier are deleted."""
            self._cleanups.append((None, function))
            return function

        def cleanup_constituency(self, gss_code):
            """Remove the constituency with this code now (a leftover of an interrupted
            run) and after the test (whatever the test made)."""
            self._gss_codes.append(gss_code)
            with django_db_blocker.unblock():
                _delete_constituencies(gss_code)

    helper = Committed()
    helper._gss_codes = []
    yield helper
    with django_db_blocker.unblock():
        for schema_name, obj in reversed(helper._cleanups):
            if schema_name is None:
                obj()
                continue
            with schema_context(schema_name):
                for stored in type(obj).objects.filter(pk=obj.pk):
                    stored.delete()
        for gss_code in helper._gss_codes:
            _delete_constituencies(gss_code)


def _delete_constituencies(gss_code):

    for constituency in Constituency.objects.filter(gss_code=gss_code):
        # The schema goes first: its page permissions point at the groups.
        group_ids = list(
            Group.objects.filter(constituency_role__constituency=constituency).values_list(
                "id", flat=True
            )
        )
        schema = constituency.schema_name
        constituency.delete(force_drop=True)
        Group.objects.filter(id__in=group_ids).delete()
        assert not schema_exists(schema)


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """An S3 API server (moto's, tests/s3_server.py) on a free local port, for the
    session; its log is in the session's temporary folder."""
    server = start_s3_server(tmp_path_factory.mktemp("s3-server") / "server.log")
    yield server
    stop_s3_server(server)


@pytest.fixture
def object_storage(s3_server, settings):
    """Uploads on object storage, as production keeps them: the default and private
    storages are the production backends, configured the same way, against new buckets
    on the test's S3 server."""
    storage = object_storage_for_test(s3_server)
    settings.STORAGES = {**settings.STORAGES, **storage.config.storages}
    return storage
