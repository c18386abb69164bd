"""Browser tests: Debian's Chromium driven by Playwright against a live server.

The server runs in a thread of the test process, so it shares the test database
(and Django's locmem outbox), but not the test's transaction: data a browser must see
is committed through the `committed` fixture, which removes it again afterwards.
Screenshots of each step land in test-artifacts/screenshots/<test name>/.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer

from membersnet.training.models import QuizQuestion
from tests.factories import unused_totp_code

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop on this thread; the ORM calls the tests
    # make beside it are still synchronous, which Django must be told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """A live server for every host: the hub on localhost:<port>, each constituency
    on <slug>.localhost:<port>."""

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


class Site:
    def __init__(self, server):
        self.port = server.thread.port

    def url(self, path="/", host="localhost"):
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def site(site_server, django_db_blocker):
    """The live server, with database access open (outside any transaction) for the
    test's duration, so the server thread can answer."""
    with django_db_blocker.unblock():
        yield Site(site_server)


@pytest.fixture
def screenshots(request):
    """`screenshots(page, "step")` saves test-artifacts/screenshots/<test>/<nn>-step.png."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    counter = iter(range(1, 1000))

    def take(page, step):
        page.screenshot(path=str(folder / f"{next(counter):02d}-{step}.png"), full_page=True)

    return take


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(chromium):
    context = chromium.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def add_publishing_quiz(course):
    """The two questions both training journeys answer: "Trained officers and editors"
    and "Alt text" are right."""

    for sort_order, (question, choices, correct) in enumerate(
        [
            (
                "Who may publish on a CLP's site?",
                ("Anyone with the password", "Trained officers and editors", "Nobody"),
                "b",
            ),
            ("What must every image have?", ("Alt text", "A watermark", "A frame"), "a"),
        ]
    ):
        QuizQuestion.objects.create(
            course=course,
            sort_order=sort_order,
            question=question,
            choice_a=choices[0],
            choice_b=choices[1],
            choice_c=choices[2],
            correct=correct,
        )


def sign_in(page, site, host, email, password, next_path="/admin/"):
    """Sign in through the login form, and the two-factor step if the user has one."""

    page.goto(site.url(f"/accounts/login/?next={next_path}", host=host))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/2fa/authenticate/" in page.url:
        page.get_by_label("Code").fill(unused_totp_code(email))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
    page.wait_for_load_state()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        for name in ("desktop", "phone"):
            page = item.funcargs.get(name)
            if page is not None and not page.is_closed():
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(
                    path=str(ARTIFACTS / f"FAILED-{item.name}-{name}.png"), full_page=True
                )
    return report
