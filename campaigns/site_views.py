"""A national campaign on a constituency's site: /campaigns/<slug>/, with its call to
action (the pledge form, for a pledge) and the constituency's own events for it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from constituencies.languages.alternates import path_in
from constituencies.site_names import constituency_name
from constituencies.website.chrome import site_chrome
from constituencies.website.models import EventPage
from labourhub import http_cache
from labourhub.form_errors import apply_validation_error
from labourhub.public_forms import over_the_limit

from . import pictures, pledging
from .audience import campaign_shown_on
from .forms import PledgeForm
from .models import Action, NationalCampaign, midnight_after
from .wording import campaign_words

TEMPLATE = "campaigns/campaign_page.html"
EVENTS_SHOWN = 20
PLEDGED = _(
    "Thank you: check your email, and press Confirm on the link we sent you to put your "
    "name on the pledge."
)


def get_campaign_for_site(request, slug) -> NationalCampaign:
    """The campaign if its page answers on this site, else 404: on the hub, on a site
    it does not go to, and on one that hid it."""
    tenant = getattr(request, "tenant", None)
    if not getattr(tenant, "is_site", False):
        raise Http404("Campaign pages are on constituency sites.")
    campaign = campaign_shown_on(tenant, slug)
    if campaign is None:
        raise Http404("No such campaign on this site.")
    return campaign


def _context(request, campaign, form) -> dict:
    events = list(
        site_chrome(request)
        .public(EventPage.objects.live().filter(campaign_id=campaign.pk))
        .upcoming()[:EVENTS_SHOWN]
    )
    words = campaign_words(campaign)
    return {
        "campaign": campaign,
        "words": words,
        "events": events,
        "form": form,
        "pledges": (
            campaign.pledges.filter(confirmed_at__isnull=False).count()
            if campaign.action == Action.PLEDGE
            else None
        ),
        "picture": pictures.picture(campaign, pictures.WIDE),
        "url": request.tenant.url_for(request, words.path),
        "site_name": constituency_name(request.tenant),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def campaign_page(request, slug):
    campaign = get_campaign_for_site(request, slug)
    if not campaign.has_ended:
        http_cache.fresh_until(request, midnight_after(campaign.ends_on))
    language = translation.get_language()
    consent = pledging.consent_text(language)
    form = None
    if campaign.takes_pledges:
        form = PledgeForm(request.POST if request.method == "POST" else None, consent_text=consent)
    context = _context(request, campaign, form)
    if request.method != "POST":
        return render(request, TEMPLATE, context)
    if form is None:
        return render(request, TEMPLATE, context, status=405)
    refused = over_the_limit(
        request,
        group="campaign-pledge",
        rate=settings.PLEDGE_RATE_LIMIT,
        template=TEMPLATE,
        context=context,
    )
    if refused:
        return refused
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    if not form.is_spam:
        try:
            pledging.pledge(
                campaign,
                request.tenant,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                postcode=form.cleaned_data["postcode"],
                consent=consent,
                language=language,
            )
        except pledging.AlreadyPledged:
            # Whether an address pledged is nobody else's business: the answer reads
            # the same, and the count does not move.
            pass
        except ValidationError as error:
            apply_validation_error(form, error)
            return render(request, TEMPLATE, context, status=400)
    messages.success(request, PLEDGED)
    # To the top of the page, where the thank-you is: on a phone, the form's anchor would
    # scroll it out of sight.
    return redirect(path_in(language, campaign.path))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_pledge(request, token):
    """The link in the email sent on pledging: a page with a button, which confirms the
    pledge (mail scanners open every link, so opening it changes nothing)."""
    return _pledge_link(request, token, act=pledging.confirm_pledge, action="confirm")


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw_pledge(request, token):
    """The email's other link: a page with a button that deletes the pledge."""
    return _pledge_link(request, token, act=pledging.withdraw_pledge, action="withdraw")


def _pledge_link(request, token, *, act, action):
    context = {"action": action, "home": path_in(translation.get_language(), "/")}
    try:
        found = act(token) if request.method == "POST" else pledging.pledge_for_link(token)
    except ValidationError as error:
        unknown = error.code == pledging.UNKNOWN_LINK_CODE
        context["error"] = " ".join(error.messages)
        return render(
            request, "campaigns/pledge_link.html", context, status=404 if unknown else 400
        )
    context.update(
        pledge=found,
        campaign=found.campaign,
        words=campaign_words(found.campaign),
        done=request.method == "POST",
    )
    return render(request, "campaigns/pledge_link.html", context)
