import os

import pytest
from django.test import Client


def client_for(constituency_or_host, user=None) -> Client:
    host = getattr(constituency_or_host, "primary_domain", constituency_or_host)
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client


def redis_url_or_skip() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs a real Redis broker: set REDIS_URL (CI always does)")
    return url
