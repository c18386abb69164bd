"""docker-compose.yml describes the production shape, and production settings pass
Django's deployment checks."""

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

from constituencies.certificates import ASK_PATH

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


LONG_RUNNING = ("caddy", "varnish", "web", "worker", "beat", "db", "redis", "cache", "minio")


def test_compose_runs_the_whole_production_shape(compose):
    assert {*LONG_RUNNING, "migrate", "buckets"} <= set(compose["services"])


def test_every_long_running_service_has_a_health_check(compose):
    for name in LONG_RUNNING:
        check = compose["services"][name].get("healthcheck") or {}
        assert check.get("test"), f"{name} has no health check"


def test_web_runs_gunicorn_on_the_projects_wsgi_application(compose):
    command = compose["services"]["web"]["command"]
    assert command[0] == "gunicorn"
    module, attribute = command[1].split(":")
    assert hasattr(importlib.import_module(module), attribute)
    assert "/healthz" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_worker_and_beat_run_the_projects_celery_app(compose):
    for name, role in (("worker", "worker"), ("beat", "beat")):
        command = compose["services"][name]["command"]
        assert command[:4] == ["celery", "-A", "labourhub", role]
    assert importlib.import_module("labourhub").celery_app.main == "labourhub"


def test_the_migrate_step_runs_commands_that_exist(compose):
    script = compose["services"]["migrate"]["command"][-1]
    commands = [part.split()[2] for part in script.split("&&")]
    assert commands == ["migrate_schemas", "setup_platform"]
    assert set(commands) <= set(get_commands())
    for name in ("web", "worker", "beat"):
        assert compose["services"][name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )


def test_the_app_reads_its_settings_from_the_environment_compose_sets(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["DJANGO_SETTINGS_MODULE"] == "labourhub.settings.production"
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= set(environment)
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")  # never a literal
    assert (ROOT / compose["services"]["web"]["build"] / "Dockerfile").exists()


def test_the_cache_has_its_own_redis_so_evicting_never_loses_queued_tasks(compose):
    environment = compose["services"]["web"]["environment"]
    broker, cache = environment["REDIS_URL"], environment["CACHE_URL"]
    assert broker.split("//")[1].split(":")[0] == "redis"
    assert cache.split("//")[1].split(":")[0] == "cache"
    broker_command = compose["services"]["redis"]["command"]
    cache_command = compose["services"]["cache"]["command"]
    assert broker_command[broker_command.index("--maxmemory-policy") + 1] == "noeviction"
    assert cache_command[cache_command.index("--maxmemory-policy") + 1] == "allkeys-lru"
    assert compose["services"]["migrate"]["depends_on"]["cache"]["condition"] == ("service_healthy")


# --- uploads on object storage: MinIO, its buckets, and the app pointed at it -----------


def test_minio_keeps_its_files_in_a_volume_and_is_not_published(compose):
    minio = compose["services"]["minio"]
    assert minio["image"].startswith("quay.io/minio/minio:RELEASE.")  # pinned, not :latest
    volume, mount = minio["volumes"][0].split(":")[:2]
    assert volume in compose["volumes"]
    assert minio["command"][:2] == ["server", mount]
    assert minio["environment"]["MINIO_ROOT_PASSWORD"].startswith("${MINIO_ROOT_PASSWORD:?")
    assert "ports" not in minio
    assert minio["expose"] == ["9000"]


def test_a_one_shot_step_makes_the_buckets_before_the_app_starts(compose):
    buckets = compose["services"]["buckets"]
    assert buckets["image"].startswith("quay.io/minio/mc:RELEASE.")
    assert buckets["restart"] == "no"
    assert buckets["depends_on"]["minio"]["condition"] == "service_healthy"
    mount, target = buckets["volumes"][0].split(":")[:2]
    assert (ROOT / mount).resolve() == ROOT / "deploy" / "minio"
    script = ROOT / "deploy" / "minio" / buckets["entrypoint"][-1].removeprefix(target + "/")
    text = script.read_text()
    environment = compose["services"]["web"]["environment"]
    media, private = environment["S3_MEDIA_BUCKET"], environment["S3_PRIVATE_BUCKET"]
    assert f"mc mb --ignore-existing local/{media} local/{private}" in text
    assert f"mc anonymous set-json {target}/media-bucket-policy.json local/{media}" in text
    assert f"mc anonymous set none local/{private}" in text
    assert f"mc admin policy create local labourhub-app {target}/app-user-policy.json" in text
    assert 'mc admin user add local "$S3_ACCESS_KEY_ID" "$S3_SECRET_ACCESS_KEY"' in text
    assert compose["services"]["migrate"]["depends_on"]["buckets"]["condition"] == (
        "service_completed_successfully"
    )


def test_only_the_media_buckets_images_are_public(compose):
    """The policy the buckets step gives the media bucket (the object-storage tests give
    their own bucket the same one): anyone may read images and renditions, and nothing
    else, not documents, and not the private bucket at all."""
    environment = compose["services"]["web"]["environment"]
    policy = json.loads((ROOT / "deploy" / "minio" / "media-bucket-policy.json").read_text())
    (statement,) = policy["Statement"]
    assert statement["Effect"] == "Allow"
    assert statement["Principal"] == {"AWS": ["*"]}
    assert statement["Action"] == ["s3:GetObject"]
    bucket = environment["S3_MEDIA_BUCKET"]
    assert sorted(statement["Resource"]) == [
        f"arn:aws:s3:::{bucket}/*/images/*",
        f"arn:aws:s3:::{bucket}/*/original_images/*",
    ]
    assert environment["S3_PRIVATE_BUCKET"] not in json.dumps(policy)


def test_the_apps_key_may_use_only_its_two_buckets(compose):
    environment = compose["services"]["web"]["environment"]
    buckets = {environment["S3_MEDIA_BUCKET"], environment["S3_PRIVATE_BUCKET"]}
    policy = json.loads((ROOT / "deploy" / "minio" / "app-user-policy.json").read_text())
    resources = {r for statement in policy["Statement"] for r in statement["Resource"]}
    assert {r.removeprefix("arn:aws:s3:::").split("/")[0] for r in resources} == buckets
    actions = {a for statement in policy["Statement"] for a in statement["Action"]}
    assert not any(action.startswith("admin:") or action == "s3:*" for action in actions)


def test_web_and_worker_keep_uploads_on_minio(compose):
    for name in ("web", "worker", "beat", "migrate"):
        environment = compose["services"][name]["environment"]
        assert environment["S3_ENDPOINT_URL"] == "http://minio:9000"
        assert environment["S3_PUBLIC_ENDPOINT_URL"] == "https://files.${PLATFORM_DOMAIN}"
        assert environment["S3_MEDIA_BUCKET"] != environment["S3_PRIVATE_BUCKET"]
        for secret in ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"):
            assert environment[secret] == f"${{{secret}:?set {secret}}}"  # never a literal
        assert "SERVE_MEDIA" not in environment
        assert not compose["services"][name].get("volumes")  # no files on the app's machines
    assert compose["services"]["minio"]["command"][2:4] == ["--address", ":9000"]


def test_caddy_serves_the_files_host_from_minio_for_reading_only(compose):
    caddyfile = (ROOT / compose["services"]["caddy"]["build"] / "Caddyfile").read_text()
    assert "@files host files.{$PLATFORM_DOMAIN}" in caddyfile
    files = caddyfile[caddyfile.index("(files) {") :].split("\n}\n")[0]
    assert "@not_reading not method GET HEAD" in files
    assert "respond @not_reading 405" in files
    assert "reverse_proxy minio:9000" in files
    assert "handle @files {\n\t\timport files\n\t}" in caddyfile
    assert "files" in settings.RESERVED_SLUGS  # no constituency can take that host


def _s3_env(**overrides):
    s3 = {
        "S3_ENDPOINT_URL": "http://minio:9000",
        "S3_PUBLIC_ENDPOINT_URL": "https://files.example.org",
        "S3_MEDIA_BUCKET": "labourhub-media",
        "S3_PRIVATE_BUCKET": "labourhub-private",
        "S3_ACCESS_KEY_ID": "app-key",
        "S3_SECRET_ACCESS_KEY": "app-secret-app-secret",
    }
    return _production_env(**{**s3, **overrides})


_SHOW_STORAGE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; "
    "d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
    "print(json.dumps({'default': type(storages['default']).__name__, "
    "'private': type(storages['private']).__name__, 'serve_media': settings.SERVE_MEDIA, "
    "'img': d['img-src'], 'media': d['media-src'], "
    "'url': storages['default'].url('original_images/a.png')}))"
)


def _production_storage(env):
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", _SHOW_STORAGE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_keeps_uploads_on_object_storage_when_it_is_configured():
    shown = _production_storage(_s3_env())
    assert shown["default"] == "TenantS3Storage"
    assert shown["private"] == "PrivateS3Storage"
    assert shown["serve_media"] is False
    # Images at the bucket's public address, under the schema's prefix (public, here).
    assert shown["url"] == "https://files.example.org/labourhub-media/public/original_images/a.png"
    assert shown["img"][-1] == "https://files.example.org"
    assert shown["media"][-1] == "https://files.example.org"


def test_a_cdn_in_front_of_the_media_bucket_is_allowed_by_the_pages_policy():
    shown = _production_storage(_s3_env(S3_PUBLIC_URL="https://media.example.net/"))
    assert shown["url"] == "https://media.example.net/public/original_images/a.png"
    assert "https://media.example.net" in shown["img"]
    # Signed links to members-only video still go to the S3 endpoint.
    assert {"https://media.example.net", "https://files.example.org"} <= set(shown["media"])


def test_production_keeps_local_folders_without_object_storage():
    shown = _production_storage(_production_env())
    assert shown["default"] == "TenantFileSystemStorage"
    assert shown["private"] == "FileSystemStorage"
    assert shown["url"] == "/media/public/original_images/a.png"


def test_production_refuses_one_bucket_for_public_and_private_files():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_s3_env(S3_PRIVATE_BUCKET="labourhub-media"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "S3_PRIVATE_BUCKET must not be S3_MEDIA_BUCKET" in result.stderr


def test_production_caches_use_the_cache_redis():
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['LOCATION'], settings.CELERY_BROKER_URL)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_production_env(CACHE_URL="redis://cache.invalid:6379/0"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "redis://cache.invalid:6379/0",
        "redis://redis.invalid:6379/0",
    ]


def _production_env(**overrides):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labourhub.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "production-like-secret-for-the-deploy-check" + "y" * 10,
        "DATABASE_URL": "postgres://labourhub:secret@db.invalid:5432/labourhub",
        "REDIS_URL": "redis://redis.invalid:6379/0",
        "CACHE_URL": "redis://cache.invalid:6379/0",
    }
    env.update(overrides)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests, never in production
    return env


@pytest.mark.parametrize(
    "storage", ["local folders", "object storage"], ids=["local-media", "object-storage"]
)
def test_production_settings_pass_the_deployment_checks(storage):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_s3_env() if storage == "object storage" else _production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "cache_url",
    ["", "redis://redis.invalid:6379/1", "redis://redis.invalid/2"],
    ids=["unset", "same-server-other-database", "same-server-default-port"],
)
def test_production_refuses_to_start_with_the_cache_on_the_brokers_redis(cache_url):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(CACHE_URL=cache_url),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def test_production_refuses_to_start_without_its_secret_key():
    env = _production_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY environment variable must be set" in result.stderr


# --- the way in: Caddy (TLS) -> Varnish (the HTTP cache) -> gunicorn -------------------


def test_only_the_tls_terminator_is_published(compose):
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"caddy"}
    assert {"80:80", "443:443"} <= set(compose["services"]["caddy"]["ports"])


def test_caddy_proxies_to_varnish_and_asks_the_app_before_getting_a_certificate(compose):
    caddy = compose["services"]["caddy"]
    build = ROOT / caddy["build"]
    caddyfile = (build / "Caddyfile").read_text()
    assert "COPY Caddyfile /etc/caddy/Caddyfile" in (build / "Dockerfile").read_text()
    varnish_port = compose["services"]["varnish"]["command"][
        compose["services"]["varnish"]["command"].index("-a") + 1
    ].lstrip(":")
    assert f"reverse_proxy varnish:{varnish_port}" in caddyfile
    web_port = compose["services"]["web"]["command"][3].rsplit(":", 1)[1]

    assert f"ask http://web:{web_port}{ASK_PATH}" in caddyfile
    # The certificate question and cache bans are for the app's own network only.
    assert "@internal path /_tls/*" in caddyfile
    assert "respond @internal 404" in caddyfile
    assert "@bans method BAN PURGE" in caddyfile
    assert "respond @bans 405" in caddyfile
    assert caddy["depends_on"]["varnish"]["condition"] == "service_healthy"
    assert {"caddy-data", "caddy-config"} <= set(compose["volumes"])


def test_varnish_loads_the_repos_vcl_in_front_of_web(compose):
    varnish = compose["services"]["varnish"]
    mount, target = varnish["volumes"][0].split(":")[:2]
    assert (ROOT / mount).resolve() == ROOT / "deploy" / "varnish"
    config = varnish["command"][varnish["command"].index("-f") + 1]
    vcl = (ROOT / "deploy" / "varnish" / config.removeprefix(target + "/")).read_text()
    web_port = compose["services"]["web"]["command"][3].rsplit(":", 1)[1]
    assert vcl.count('.host = "web";') == 2
    assert vcl.count(f'.port = "{web_port}";') == 2
    assert 'include "labourhub.vcl";' in vcl
    assert varnish["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_app_trusts_both_proxies_and_bans_pages_in_varnish(compose):
    environment = compose["services"]["web"]["environment"]
    assert environment["TRUSTED_PROXY_COUNT"] == "2"  # Caddy, then Varnish
    varnish_port = compose["services"]["varnish"]["command"][
        compose["services"]["varnish"]["command"].index("-a") + 1
    ].lstrip(":")
    assert environment["HTTP_CACHE_PURGE_URLS"] == f"http://varnish:{varnish_port}"
    assert environment["PLATFORM_DOMAIN"].startswith("${PLATFORM_DOMAIN:?")


def _docker_build_environment() -> dict:
    """The throwaway settings the Dockerfile gives collectstatic."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    run = dockerfile[dockerfile.index("RUN DJANGO_SECRET_KEY=") :].split("python manage.py")[0]
    assignments = re.findall(r"([A-Z_]+)=(\S+)", run.replace("\\\n", " "))
    return dict(assignments)


def test_the_image_build_can_load_the_production_settings_to_collect_static_files():
    build_env = _docker_build_environment()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CACHE_URL"} <= set(build_env)
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "labourhub.settings.production",
        **build_env,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _option(command: list, name: str) -> int:
    return int(command[command.index(name) + 1])


def test_every_process_fits_in_the_databases_connection_budget(compose):
    """One connection per gunicorn worker (sync workers, persistent connections), one per
    Celery worker process and one for beat, with PostgreSQL's reserved superuser slots kept
    free. The migrate step runs alone, before them (they wait for it to finish), with one
    connection per schema it migrates at once."""
    services = compose["services"]
    web = _option(services["web"]["command"], "--workers") * services["web"].get("deploy", {}).get(
        "replicas", 1
    )
    worker = _option(services["worker"]["command"], "--concurrency")
    budget = web + worker + 1
    db_command = services["db"]["command"]
    max_connections = int(db_command[db_command.index("-c") + 1].split("=")[1])
    assert budget <= max_connections - 3
    assert "--executor=multiprocessing" in services["migrate"]["command"][-1]
    assert max_connections - 3 >= settings.TENANT_MULTIPROCESSING_MAX_PROCESSES + 1
