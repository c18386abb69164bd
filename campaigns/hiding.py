"""A constituency's designated administrators hide a national campaign from their site,
or show it again, where central staff let officers do so."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from constituencies.page_cache import purge_site
from governance.audit import record
from roles.access import current_roles
from roles.models import DESIGNATED_ADMINISTRATOR_ROLES

from .models import CampaignOptOut


def may_choose_campaigns(user, constituency) -> bool:
    """Central staff, and the constituency's designated administrators (its Secretary
    and Social Media Officer), decide which campaigns its site shows."""
    if not user.is_authenticated:
        return False
    if user.is_central_staff:
        return True
    return bool(current_roles(user, constituency) & set(DESIGNATED_ADMINISTRATOR_ROLES))


def _check(campaign, constituency, by) -> None:
    if not may_choose_campaigns(by, constituency):
        raise PermissionDenied
    if not campaign.officers_may_hide:
        raise ValidationError(f"“{campaign.title}” must be shown on every site it goes to.")


@transaction.atomic
def hide(campaign, constituency, *, by) -> CampaignOptOut:
    """Stop showing `campaign` on `constituency`'s site."""
    _check(campaign, constituency, by)
    opt_out, created = CampaignOptOut.objects.get_or_create(
        campaign=campaign, constituency=constituency, defaults={"hidden_by": by}
    )
    if created:
        record(
            "campaign.hidden",
            f"Hid the national campaign “{campaign.title}” from the site",
            actor=by,
            constituency=constituency,
            campaign=campaign.slug,
        )
        purge_site(constituency)
    return opt_out


@transaction.atomic
def show(campaign, constituency, *, by) -> None:
    """Show `campaign` on `constituency`'s site again."""
    _check(campaign, constituency, by)
    deleted, _ = CampaignOptOut.objects.filter(
        campaign=campaign, constituency=constituency
    ).delete()
    if deleted:
        record(
            "campaign.shown",
            f"Showed the national campaign “{campaign.title}” on the site again",
            actor=by,
            constituency=constituency,
            campaign=campaign.slug,
        )
        purge_site(constituency)
