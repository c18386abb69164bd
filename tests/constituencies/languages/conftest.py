import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page

from constituencies.languages.translating import translate_page
from tests.factories import add_event, add_news


def publish(page):
    """Publish `page` through a revision, as an officer would, so Wagtail records when."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def published_news(title, **fields):
    return publish(add_news(title, **fields))


def published_key_event(title, **fields):
    return publish(add_event(title, is_key_event=True, **fields))


def in_welsh(page, title=None):
    """The Welsh version of `page`, published now."""
    return translate_page(page, {page.title: title or f"{page.title} (Cymraeg)"})


def backdate(page, hours):
    """Make `page` first and last published `hours` ago."""
    when = timezone.now() - dt.timedelta(hours=hours)
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.refresh_from_db()
    return page


@pytest.fixture
def welsh_site(clp_b, in_schema):
    """clp_b's schema, active for the test; its starter pages are in both languages."""
    with in_schema(clp_b):
        yield clp_b
