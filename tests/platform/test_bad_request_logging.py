"""Requests refused with 400 (too many fields, too big a body, a malformed request) are
logged as one warning line without a traceback, as production logs them; public forms
take no more fields than Django allows by default."""

import copy
import io
import json
import logging.config

import pytest
from django.conf import settings as django_settings

from labourhub.settings import base
from tests.helpers import client_for

CONTACT = "/contact/"


@pytest.fixture
def production_logging():
    """The production logging configuration, its console writing to a string: returns
    the lines written, as JSON."""
    stream = io.StringIO()
    config = copy.deepcopy(base.LOGGING)
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.config.dictConfig(django_settings.LOGGING)
    for handler in logging.getLogger().handlers[:]:
        logging.getLogger().removeHandler(handler)


def many_fields(count):
    return "&".join(f"field{number}=x" for number in range(count))


def test_a_public_form_takes_no_more_fields_than_djangos_default(clp_a):
    response = client_for(clp_a).post(
        CONTACT, many_fields(1001), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_a_form_with_fewer_fields_than_the_limit_is_read(clp_a):
    response = client_for(clp_a).post(
        CONTACT, many_fields(999), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "extra", "exception"),
    [
        (many_fields(1001), {}, "TooManyFieldsSent"),
        ("message=" + "x" * (2_621_440 + 1), {}, "RequestDataTooBig"),
        (
            "message=hello",
            {"content_type": "application/x-www-form-urlencoded; charset=latin-1"},
            "BadRequest",
        ),
    ],
    ids=["too-many-fields", "body-too-big", "bad-request"],
)
def test_a_refused_request_is_logged_as_one_warning_line_without_a_traceback(
    clp_a, production_logging, body, extra, exception
):
    response = client_for(clp_a, None).post(
        CONTACT, body, **{"content_type": "application/x-www-form-urlencoded", **extra}
    )
    assert response.status_code == 400
    [line] = production_logging()
    assert line["levelname"] == "WARNING"
    assert line["message"].startswith(f"{exception}: ")
    assert "Traceback" not in json.dumps(line)
    assert "exc_info" not in line
    assert line["schema_name"] == clp_a.schema_name
