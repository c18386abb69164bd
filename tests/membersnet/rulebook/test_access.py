"""The rulebook is for members: every page, for anonymous visitors, non-members, members
and staff."""

import pytest

from .shared import add_standing_orders, hub, make_procedure, pdf


@pytest.fixture
def every_page(editions, clp_a):
    procedure = make_procedure(file=pdf("meetings.pdf"))
    orders = add_standing_orders(clp_a)
    slug = clp_a.slug
    return [
        "/membersnet/rulebook/",
        "/membersnet/rulebook/2026/",
        "/membersnet/rulebook/2026/chapter-3/",
        "/membersnet/rulebook/clause/3.2.1/",
        "/membersnet/rulebook/2025/clause/3.2.1/",
        "/membersnet/rulebook/compare/?old=2025&new=2026",
        "/membersnet/rulebook/search/?q=meetings",
        "/membersnet/rulebook/procedures/",
        procedure.get_absolute_url(),
        procedure.file.url,
        "/membersnet/rulebook/standing-orders/",
        f"/membersnet/rulebook/standing-orders/{slug}/",
        orders.get_absolute_url(),
        orders.file.url,
    ]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_page(every_page):
    for url in every_page:
        response = hub().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_non_members_and_lapsed_members_are_told_membersnet_is_for_members(
    every_page, non_member_user, lapsed_member
):
    for user in (non_member_user, lapsed_member):
        client = hub(user)
        for url in every_page:
            response = client.get(url)
            assert response.status_code == 403, url
            assert "Membersnet is for party members" in response.content.decode(), url


def test_members_and_central_staff_can_open_every_page(every_page, member_user, staff_user):
    for user in (member_user, staff_user):
        client = hub(user)
        for url in every_page:
            response = client.get(url)
            if "/clause/" in url:
                assert response.status_code == 302, url
                assert "#clause-3-2-1" in response["Location"], url
            elif url.endswith("/standing-orders/") and user == member_user:
                # A member goes straight to their own CLP's.
                assert response.status_code == 302, url
            else:
                assert response.status_code == 200, url
