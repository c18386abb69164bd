"""Outages, measured: what visitors see and what happens to what they send while Redis,
the Celery worker or PostgreSQL is down (`make bench-faults`).

Everything runs on this machine and is started here, so nothing shared is ever
stopped: an embedded PostgreSQL (pgserver) in a temporary folder, loaded with the demo
data; two Redis servers of its own (the queue and the cache); gunicorn with the
production settings; a Celery worker; and a small SMTP server that records every email
it accepts, after a short delay as a real mail server has.

Scenarios (`python bench/faults.py [scenario ...]`; each at least 300 submissions:
messages to the MP, event sign-ups and reports of accounts, in equal parts, from
CONCURRENCY visitors at once, who opened the forms before the fault):

  everything-up  nothing down: the reference for the answer times
  redis-shared   the one Redis that is both queue and cache is down
  queue-down     only the queue's Redis is down (the cache has its own)
  worker-killed  the worker is killed outright (kill -9; its pool processes die with
                 it) five times while it works through the emails
  postgres-down  PostgreSQL is stopped (pages and forms), then started again

For each: submitted, answered (2xx/3xx), 5xx, stored, delivered, lost, duplicates,
and the answer time (median and worst). "Delivered" counts distinct emails the SMTP
server accepted for the scenario's submissions; "duplicates" counts emails it accepted
more than once (the same Message-ID). After each outage the service is restarted and
the outbox sweep (every minute from beat in production) is run as beat would.
"""

import contextlib
import json
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fault_services import (  # noqa: E402 - bench/, beside this script
    EmbeddedPostgres,
    Platform,
    RecordingSMTPServer,
    RedisServer,
    free_port,
)

SUBMISSIONS = int(os.environ.get("FAULT_SUBMISSIONS", 300))
CONCURRENCY = int(os.environ.get("FAULT_CONCURRENCY", 50))
KILLS = 5
SCENARIOS = {
    "everything-up",
    "queue-down",
    "worker-killed",
    "postgres-down",
    "redis-shared",
}
CLAIM_SECONDS = 10  # production waits 300 s before taking back a stopped worker's claim


# --- visitors ----------------------------------------------------------------------------


class Visitor:
    """A browser: gets each form's page once for its CSRF token, then posts."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.session = requests.Session()
        self.tokens = {}

    def _token(self, host: str, path: str) -> str:
        if (host, path) not in self.tokens:
            page = self.session.get(self.base + path, headers={"Host": host}, timeout=30)
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            self.tokens[(host, path)] = found.group(1) if found else ""
        return self.tokens[(host, path)]

    def post(self, host: str, path: str, data: dict) -> tuple[int, float]:
        started = time.perf_counter()
        try:
            token = self._token(host, path)
            response = self.session.post(
                self.base + path,
                data={**data, "csrfmiddlewaretoken": token},
                headers={"Host": host, "Referer": f"http://{host}{path}"},
                allow_redirects=False,
                timeout=60,
            )
            status = response.status_code
        except requests.RequestException:
            status = 0  # no answer at all
        return status, time.perf_counter() - started

    def get(self, host: str, path: str) -> tuple[int, float, requests.Response | None]:
        started = time.perf_counter()
        try:
            response = self.session.get(self.base + path, headers={"Host": host}, timeout=60)
        except requests.RequestException:
            return 0, time.perf_counter() - started, None
        return response.status_code, time.perf_counter() - started, response


def submission(site: dict, tag: str, n: int) -> tuple[str, str, dict, str]:
    """The nth submission of a scenario: (host, path, form, what identifies its email)."""
    kind = n % 3
    if kind == 0:
        email = f"writer{n}@{tag}.faults.example"
        form = {
            "name": f"Writer {n}",
            "email": email,
            "postcode": "BS5 6AB",
            "subject": f"Buses {n}",
            "message": "Please save the number 48 bus.",
            "website": "",
        }
        return site["host"], site["contact_path"], form, email
    if kind == 1:
        email = f"helper{n}@{tag}.faults.example"
        form = {"name": f"Helper {n}", "email": email, "phone": "", "consent": "on"}
        return site["host"], site["signup_path"], {**form, "website": ""}, email
    account = f"@{tag}account{n}"
    form = {
        "unit": "",
        "account": account,
        "reason": "not_on_register",
        "details": "It says it is the official local party.",
        "reporter_name": "",
        "reporter_email": "",
        "website": "",
    }
    return "localhost", "/official/report/", form, account


FORMS = 3  # kinds of submission: message, sign-up, report


def ready_visitors(port, site) -> list[Visitor]:
    """CONCURRENCY visitors who have each opened the three forms (for their CSRF
    tokens) while everything was up, as people already on the page when a fault starts."""
    visitors = [Visitor(port) for _ in range(CONCURRENCY)]
    for n, visitor in enumerate(visitors):
        for kind in range(FORMS):
            host, path, _, _ = submission(site, "warmup", n * FORMS + kind)
            visitor._token(host, path)
    return visitors


def send_submissions(visitors, site, tag, numbers, pages=True):
    """Submissions numbered `numbers` from the visitors at once, each followed by a page
    view when `pages`. Returns the answers: [(kind, status, seconds)]."""
    answers = []

    def one(n):
        visitor = visitors[n % len(visitors)]
        host, path, form, _ = submission(site, tag, n)
        status, seconds = visitor.post(host, path, form)
        results = [("form", status, seconds)]
        if pages:
            status, seconds, _ = visitor.get(site["host"], random.choice(site["pages"]))
            results.append(("page", status, seconds))
        return results

    with ThreadPoolExecutor(len(visitors)) as pool:
        for results in pool.map(one, numbers):
            answers.extend(results)
    return answers


# --- counting ----------------------------------------------------------------------------

STORED = """
import json
from django_tenants.utils import schema_context
from constituencies.contact.models import ContactMessage
from constituencies.signups.models import EventSignup
from governance.models import AccountReport
with schema_context({schema!r}):
    messages = ContactMessage.objects.filter(email__endswith="@{tag}.faults.example").count()
    signups = EventSignup.objects.filter(email__endswith="@{tag}.faults.example").count()
reports = AccountReport.objects.filter(account__startswith="@{tag}account").count()
print(json.dumps(messages + signups + reports))
"""


def delivered(smtp: RecordingSMTPServer, tag: str) -> tuple[int, int]:
    """(distinct emails accepted for this scenario, emails accepted more than once)."""
    with smtp.lock:
        ours = [
            message_id
            for message_id, subject, recipients, _ in smtp.accepted
            if f"@{tag}account" in subject or any(f"@{tag}.faults" in r for r in recipients)
        ]
    return len(set(ours)), len(ours) - len(set(ours))


EXPLAIN = """
import json
from django_tenants.utils import schema_context
from outbox.models import OutgoingEmail
ids = {ids!r}
rows = []
for schema in ("public", {schema!r}):
    with schema_context(schema):
        for row in OutgoingEmail.objects.filter(message_id__in=ids):
            rows.append([schema, row.message_id, row.about, row.state, row.attempts,
                         row.queued_at.timestamp(), row.claimed_at and row.claimed_at.timestamp(),
                         row.sent_at and row.sent_at.timestamp(), row.last_error])
print(json.dumps(rows))
"""


def explain_duplicates(platform, smtp, site, tag) -> list:
    """For each email accepted more than once: when the mail server accepted each copy,
    and what its outbox row says."""
    with smtp.lock:
        times = {}
        for message_id, subject, recipients, when in smtp.accepted:
            if f"@{tag}account" in subject or any(f"@{tag}.faults" in r for r in recipients):
                times.setdefault(message_id, []).append(round(when, 3))
    repeated = {message_id: when for message_id, when in times.items() if len(when) > 1}
    if not repeated:
        return []
    rows = platform.shell(EXPLAIN.format(ids=list(repeated), schema=site["schema"]))
    return [{"accepted_at": repeated[row[1]], "row": row} for row in rows]


def wait_for_delivery(platform, smtp, tag, expected, timeout=120) -> tuple[int, int]:
    deadline = time.monotonic() + timeout
    relayed_at = 0.0
    while time.monotonic() < deadline:
        count, duplicates = delivered(smtp, tag)
        if count >= expected:
            break
        if time.monotonic() - relayed_at > 15:
            platform.relay_outbox()
            relayed_at = time.monotonic()
        time.sleep(1)
    time.sleep(2)  # anything still on its way
    return delivered(smtp, tag)


def summarise(name, answers, stored, sent, duplicates, submitted) -> dict:
    forms = [a for a in answers if a[0] == "form"]
    pages = [a for a in answers if a[0] == "page"]
    form_seconds = sorted(seconds for _, _, seconds in forms)
    return {
        "scenario": name,
        "submitted": submitted,
        "answered": sum(1 for _, status, _ in forms if 200 <= status < 400),
        "form_5xx": sum(1 for _, status, _ in forms if status >= 500 or status == 0),
        "form_statuses": dict(Counter(status for _, status, _ in forms)),
        "pages": len(pages),
        "page_5xx": sum(1 for _, status, _ in pages if status >= 500 or status == 0),
        "page_statuses": dict(Counter(status for _, status, _ in pages)),
        "stored": stored,
        "delivered": sent,
        "lost": max(stored - sent, 0),
        "duplicates": duplicates,
        "answer_median_s": round(statistics.median(form_seconds), 3) if form_seconds else None,
        "answer_max_s": round(form_seconds[-1], 3) if form_seconds else None,
    }


# --- the scenarios -----------------------------------------------------------------------


def everything_up(platform, smtp, site, name):
    """The reference: the same submissions with nothing down."""
    visitors = ready_visitors(platform.port, site)
    send_submissions(visitors, site, "warmup", range(SUBMISSIONS // 5))  # templates, pools
    answers = send_submissions(visitors, site, name, range(SUBMISSIONS))
    stored = platform.shell(STORED.format(schema=site["schema"], tag=name))
    sent, duplicates = wait_for_delivery(platform, smtp, name, stored)
    return summarise(name, answers, stored, sent, duplicates, SUBMISSIONS)


def outage_of_redis(platform, smtp, site, redis_server, name):
    """Stop `redis_server`, send the submissions, start it again and let the outbox
    catch up."""
    visitors = ready_visitors(platform.port, site)
    redis_server.stop()
    answers = send_submissions(visitors, site, name, range(SUBMISSIONS))
    redis_server.start()
    time.sleep(6)  # the cache is tried again after 5 s, the broker after 10 s
    stored = platform.shell(STORED.format(schema=site["schema"], tag=name))
    sent, duplicates = wait_for_delivery(platform, smtp, name, stored)
    return summarise(name, answers, stored, sent, duplicates, SUBMISSIONS)


def kills_of_the_worker(platform, smtp, site, name):
    """KILLS rounds: with the worker stopped, a round of submissions queues its emails;
    the worker starts, and is killed outright while it sends them (see kill_worker)."""
    per_round = SUBMISSIONS // KILLS
    visitors = ready_visitors(platform.port, site)
    answers, kills_at = [], []
    for round_number in range(KILLS):
        if platform.worker:
            platform.kill_worker()
        numbers = range(round_number * per_round, (round_number + 1) * per_round)
        answers += send_submissions(visitors, site, name, numbers, pages=False)
        platform.start_worker()
        time.sleep(random.uniform(2.0, 4.0))  # it has started and is sending
        kills_at.append(round(time.time(), 3))
        platform.kill_worker()
    platform.start_worker()
    time.sleep(CLAIM_SECONDS + 1)  # claims of the killed workers are now abandoned
    stored = platform.shell(STORED.format(schema=site["schema"], tag=name))
    sent, duplicates = wait_for_delivery(platform, smtp, name, stored)
    summary = summarise(name, answers, stored, sent, duplicates, per_round * KILLS)
    summary["kills_at"] = kills_at
    if duplicates:
        summary["duplicated"] = explain_duplicates(platform, smtp, site, name)
    return summary


def outage_of_postgres(platform, postgres, site, name):
    """Stop PostgreSQL while visitors post and browse; start it again, and see the app
    recover by itself."""
    visitors = ready_visitors(platform.port, site)
    postgres.stop()
    answers = send_submissions(visitors, site, name, range(SUBMISSIONS))
    branded = 0
    visitor = visitors[0]
    for path in site["pages"]:
        status, _, response = visitor.get(site["host"], path)
        if status == 503 and "Retry-After" in response.headers and "back shortly" in response.text:
            branded += 1
    postgres.url()  # starts it again
    time.sleep(2)
    after = [visitor.get(site["host"], path)[0] for path in site["pages"] * 5]
    summary = summarise(name, answers, 0, 0, 0, SUBMISSIONS)
    summary.update(
        {
            "branded_503_with_retry_after": f"{branded}/{len(site['pages'])}",
            "pages_ok_after_restart": f"{sum(1 for s in after if s == 200)}/{len(after)}",
        }
    )
    return summary


SITE = """
import json
from constituencies.models import Constituency
from constituencies.website.models import ContactPage, EventPage
from django.utils import timezone
site = Constituency.objects.sites().order_by("name").first()
with site:
    contact = ContactPage.objects.live().filter(locale__language_code="en-gb").first().url
    events = [e for e in EventPage.objects.live().order_by("-capacity") if e.takes_signups]
    event = events[0].url
print(json.dumps({
    "schema": site.schema_name, "host": site.primary_domain, "contact_path": contact,
    "signup_path": event + "sign-up/", "pages": ["/", "/news/", "/events/", event, contact],
}))
"""


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="labourhub-faults-"))
    workdir.chmod(0o755)  # the embedded PostgreSQL runs as its own user
    smtp = RecordingSMTPServer(free_port())
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    queue, cache = RedisServer(workdir, "queue"), RedisServer(workdir, "cache")
    postgres = EmbeddedPostgres(workdir)
    queue.start()
    cache.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "labourhub.settings.production",
        "SERVE_LOCALLY": "true",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": postgres.url(),
        "REDIS_URL": queue.url,
        "CACHE_URL": cache.url,
        "PLATFORM_DOMAIN": "localhost",
        "SERVE_CACHE_DIR": str(workdir / "cache-files"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.server_address[1]),
        "EMAIL_USE_TLS": "false",
        "OUTBOX_CLAIM_SECONDS": str(CLAIM_SECONDS),
        "CONTACT_RATE_LIMIT": "100000/h",
        "SIGNUP_RATE_LIMIT": "100000/h",
        "ACCOUNT_REPORT_RATE_LIMIT": "100000/h",
        "LOG_LEVEL": "ERROR",
        "SECURE_SSL_REDIRECT": "false",
    }
    platform = Platform(env)
    results = []
    try:
        print("Preparing: migrations and demo data on an embedded PostgreSQL…", flush=True)
        platform.manage("migrate_schemas", "--verbosity", "0")
        platform.manage("setup_platform")
        platform.manage("load_demo")
        platform.manage("collectstatic", "--noinput", "--verbosity", "0")
        site = platform.shell(SITE)

        only = set(sys.argv[1:]) or SCENARIOS
        platform.start_web()
        platform.start_worker()
        if "everything-up" in only:
            print("everything-up…", flush=True)
            results.append(everything_up(platform, smtp, site, "everythingup"))
        if "queue-down" in only:
            print("queue-down…", flush=True)
            results.append(outage_of_redis(platform, smtp, site, queue, "queuedown"))
        if "worker-killed" in only:
            print("worker-killed…", flush=True)
            results.append(kills_of_the_worker(platform, smtp, site, "workerkilled"))
        if "postgres-down" in only:
            print("postgres-down…", flush=True)
            results.append(outage_of_postgres(platform, postgres, site, "postgresdown"))
        platform.stop()
        if "redis-shared" in only:
            # The queue and the cache on one Redis (the cache's own server unused).
            platform.env = {**env, "CACHE_URL": queue.url}
            platform.start_web()
            platform.start_worker()
            print("redis-shared…", flush=True)
            results.append(outage_of_redis(platform, smtp, site, queue, "redisshared"))
    finally:
        platform.stop()
        smtp.shutdown()
        for redis_server in (queue, cache):
            redis_server.stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
