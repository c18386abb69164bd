"""The confirmation link: shown, then confirmed only by pressing the button, once."""

import datetime as dt

from django.conf import settings as django_settings

from constituencies.contact.models import ContactMessage

from .shared import (
    VALID,
    confirm_url,
    emails_to,
    move_back,
)


def test_an_unknown_link_is_explained_and_delivers_nothing(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    response = confirm(site_a, confirm_url(stored.token[:-4] + "AAAA"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link can't be used" in page
    assert "This link is not valid. Check you copied all of it." in page
    assert emails_to(mailoutbox, "mp@example.org") == []
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION


def test_an_expired_link_is_refused_and_delivers_nothing(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, in_schema, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    move_back(
        clp_a,
        in_schema,
        stored,
        created_at=dt.timedelta(days=django_settings.CONTACT_CONFIRMATION_DAYS, hours=1),
    )
    response = confirm(site_a, confirm_url(stored.token))
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in page
    assert emails_to(mailoutbox, "mp@example.org") == []
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION


def test_a_link_followed_within_the_confirmation_period_still_works(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox, in_schema, confirm
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    move_back(
        clp_a,
        in_schema,
        stored,
        created_at=dt.timedelta(days=django_settings.CONTACT_CONFIRMATION_DAYS, hours=-1),
    )
    response = confirm(site_a, confirm_url(stored.token))
    assert response.status_code == 200
    assert len(emails_to(mailoutbox, "mp@example.org")) == 1


def test_opening_the_link_only_asks_to_confirm_so_mail_scanners_send_nothing(
    site_a, clp_a, mp_a, post, get, stored_in, mailoutbox
):
    post(site_a, VALID)
    [stored] = stored_in(clp_a)
    response = get(site_a, confirm_url(stored.token))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Confirm and send" in page
    assert "Please save the number 48 bus." in page
    assert emails_to(mailoutbox, "mp@example.org") == []
    [stored] = stored_in(clp_a)
    assert stored.status == ContactMessage.Status.AWAITING_CONFIRMATION
