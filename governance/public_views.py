"""The hub's public pages about the register: "Is this account official?" and the form
to report an account that claims to represent a unit."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import is_ratelimited

from labourhub.form_errors import apply_validation_error

from .forms import LookupForm, ReportForm
from .models import AccountReport
from .register import look_up
from .reporting import submit_report


def official(request):
    """Anyone types a handle or address and learns whether it is on the register."""
    form = LookupForm(request.GET if "account" in request.GET else None)
    context = {"form": form}
    if not form.is_bound:
        return render(request, "governance/official.html", context)
    # Generous for people, but it stops the register being scraped an account at a time.
    if is_ratelimited(
        request,
        group="official-lookup",
        key="ip",
        rate=settings.OFFICIAL_LOOKUP_RATE_LIMIT,
        increment=True,
    ):
        return render(
            request, "governance/official.html", {**context, "rate_limited": True}, status=429
        )
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


def report(request):
    """Anyone, signed in or not, reports an account that claims to represent a unit."""
    if request.method != "POST":
        initial = {"account": request.GET.get("account", "")[:300]}
        if request.GET.get("unit", "").isdigit():
            initial["unit"] = int(request.GET["unit"])
        if request.GET.get("reason") in AccountReport.Reason.values:
            initial["reason"] = request.GET["reason"]
        return render(request, "governance/report.html", {"form": ReportForm(initial=initial)})
    form = ReportForm(request.POST)
    if is_ratelimited(
        request,
        group="account-report",
        key="ip",
        rate=settings.ACCOUNT_REPORT_RATE_LIMIT,
        increment=True,
    ):
        # 429, with the form as it was sent: nothing typed is lost.
        return render(
            request, "governance/report.html", {"form": form, "rate_limited": True}, status=429
        )
    if not form.is_valid():
        return render(request, "governance/report.html", {"form": form}, status=400)
    if not form.is_spam:
        data = form.cleaned_data
        try:
            submit_report(
                unit=data["unit"],
                account=data["account"],
                reason=data["reason"],
                details=data["details"],
                reporter_name=data["reporter_name"],
                reporter_email=data["reporter_email"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return render(request, "governance/report.html", {"form": form}, status=400)
    return redirect("governance:report_sent")


def report_sent(request):
    return render(request, "governance/report_sent.html")
