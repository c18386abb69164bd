"""The hub's public look-up: is this account official?"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from governance.models import (
    AccountReport,
)
from governance.register.entries import (
    look_up,
)
from governance.register.forms import (
    LookupForm,
)
from labourhub.public_forms import over_the_limit


def official(request):
    """Anyone types a handle or address and learns whether it is on the register."""
    form = LookupForm(request.GET if "account" in request.GET else None)
    context = {"form": form}
    if not form.is_bound:
        return render(request, "governance/official.html", context)
    # Generous for people, but it stops the register being scraped an account at a time.
    refused = over_the_limit(
        request,
        group="official-lookup",
        rate=settings.OFFICIAL_LOOKUP_RATE_LIMIT,
        template="governance/official.html",
        context=context,
    )
    if refused:
        return refused
    if not form.is_valid():
        return render(request, "governance/official.html", context, status=400)
    account = form.cleaned_data["account"]
    entries = look_up(account)
    report_query = {"account": account}
    if entries:
        report_query.update(unit=entries[0].unit_id, reason=AccountReport.Reason.MISBEHAVING)
    context.update(
        account=account,
        entries=entries,
        report_url=f"{reverse('governance:report')}?{urlencode(report_query)}",
    )
    response = render(request, "governance/official.html", context)
    add_never_cache_headers(response)
    return response
