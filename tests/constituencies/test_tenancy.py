"""Nothing of one constituency is visible or writable from another."""

from django.conf import settings
from django.core.cache import cache, caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from wagtail.models import Site

from constituencies.website.models import NewsPage
from tests.factories import add_news
from tests.helpers import client_for


def _tables_in(schema):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema]
        )
        return {row[0] for row in cursor.fetchall()}


def test_news_created_in_one_constituency_is_invisible_to_another_through_the_orm(
    clp_a, clp_b, in_schema
):
    with in_schema(clp_a):
        add_news("Only in A")
        assert NewsPage.objects.filter(title="Only in A").exists()
    with in_schema(clp_b):
        assert not NewsPage.objects.filter(title="Only in A").exists()


def test_news_created_in_one_constituency_is_invisible_to_another_through_http(
    clp_a, clp_b, in_schema
):
    with in_schema(clp_a):
        page = add_news("Bus cuts: our response")
        path = page.url_path.removeprefix("/home")

    response_a = client_for(clp_a).get(path)
    assert response_a.status_code == 200
    assert "Bus cuts: our response" in response_a.content.decode()

    assert client_for(clp_b).get(path).status_code == 404
    news_index_b = client_for(clp_b).get("/news/")
    assert news_index_b.status_code == 200
    assert "Bus cuts" not in news_index_b.content.decode()


def test_each_site_serves_its_own_home_page(clp_a, clp_b):
    home_a = client_for(clp_a).get("/").content.decode()
    home_b = client_for(clp_b).get("/").content.decode()
    assert "Testford North Labour" in home_a
    assert "Testford South" not in home_a
    assert "Testford South Labour" in home_b


def test_cache_entries_are_keyed_per_constituency(clp_a, clp_b, in_schema):
    for alias in settings.CACHES:
        with in_schema(clp_a):
            caches[alias].set("shared-looking-key", "from A")
        with in_schema(clp_b):
            assert caches[alias].get("shared-looking-key") is None
        with in_schema(clp_a):
            assert caches[alias].get("shared-looking-key") == "from A"


def test_wagtail_site_root_cache_does_not_leak_between_constituencies(clp_a, clp_b, in_schema):
    with in_schema(clp_a):
        roots_a = Site.get_site_root_paths()
    with in_schema(clp_b):
        roots_b = Site.get_site_root_paths()
    assert [(root.root_url, root.language_code) for root in roots_a] == [
        (f"http://{clp_a.primary_domain}", "en-gb")
    ]
    # Testford South offers Welsh: its Welsh home page is a root too, on its own domain.
    assert sorted((root.root_url, root.language_code) for root in roots_b) == [
        (f"http://{clp_b.primary_domain}", "cy"),
        (f"http://{clp_b.primary_domain}", "en-gb"),
    ]
    assert cache.get("wagtail_site_root_paths") is None  # only ever stored under a tenant key


def test_content_types_auth_and_sessions_live_only_in_the_public_schema(clp_a):
    tenant_tables = _tables_in(clp_a.schema_name)
    public_tables = _tables_in("public")
    for table in (
        "django_content_type",
        "auth_permission",
        "auth_group",
        "django_session",
        "accounts_user",
        "constituencies_constituency",
    ):
        assert table in public_tables
        assert table not in tenant_tables
    assert "wagtailcore_page" in tenant_tables


def test_sites_framework_is_not_installed():
    assert "django.contrib.sites" not in settings.INSTALLED_APPS


def test_tenant_settings_guard_known_pitfalls():
    assert settings.TENANT_LIMIT_SET_CALLS is True
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert "django.contrib.contenttypes" not in settings.TENANT_APPS
    for config in settings.CACHES.values():
        assert config["KEY_FUNCTION"] == "labourhub.cache_keys.make_key"


def test_uploaded_files_are_stored_in_the_constituency_folder(clp_a, clp_b, in_schema):

    with in_schema(clp_a):
        name = default_storage.save("images/banner.txt", ContentFile(b"A's banner"))
        path_a = default_storage.path(name)
        url_a = default_storage.url(name)
    with in_schema(clp_b):
        assert not default_storage.exists(name)
    assert f"/{clp_a.schema_name}/images/" in path_a
    assert url_a.startswith(f"{settings.MEDIA_URL}{clp_a.schema_name}/")


def test_each_site_serves_only_its_own_uploads_and_never_documents_directly(
    clp_a, clp_b, in_schema
):

    with in_schema(clp_a):
        image = default_storage.save("images/banner.png", ContentFile(b"A's banner"))
        document = default_storage.save("documents/minutes.pdf", ContentFile(b"private"))
        image_url, document_url = default_storage.url(image), default_storage.url(document)

    response = client_for(clp_a).get(image_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"A's banner"
    # Site B's domain does not hand out site A's files...
    assert client_for(clp_b).get(image_url).status_code == 404
    # ...and documents go through Wagtail's view, which checks their collection's privacy.
    assert client_for(clp_a).get(document_url).status_code == 404
    assert client_for(clp_a).get(f"{settings.MEDIA_URL}{clp_a.schema_name}/../x").status_code == 404


def test_rate_limit_counters_are_shared_by_every_site(clp_a, clp_b, in_schema):
    """Otherwise an attacker would get a fresh allowance on each of ~630 hostnames."""
    with in_schema(clp_a):
        cache.set("allauth:rl:login_failed:key:abc", 5)
        cache.set("rl:contact-message:1.2.3.4", 3)
    with in_schema(clp_b):
        assert cache.get("allauth:rl:login_failed:key:abc") == 5
        assert cache.get("rl:contact-message:1.2.3.4") == 3
        assert cache.get("shared-looking-key") is None
