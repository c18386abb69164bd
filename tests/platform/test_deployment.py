"""docker-compose.yml describes the production shape, and production settings pass
Django's deployment checks."""

import importlib
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


def test_compose_runs_the_whole_production_shape(compose):
    assert {"caddy", "varnish", "web", "worker", "beat", "db", "redis", "cache"} <= set(
        compose["services"]
    )


def test_every_long_running_service_has_a_health_check(compose):
    for name in ("caddy", "varnish", "web", "worker", "beat", "db", "redis", "cache"):
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


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
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
