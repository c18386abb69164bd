"""The hub's public form to report an account that claims to represent a unit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from governance.models import (
    AccountReport,
)
from governance.reports.forms import ReportForm
from governance.reports.workflow import submit_report
from labourhub.form_errors import apply_validation_error
from labourhub.public_forms import over_the_limit


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
    refused = over_the_limit(
        request,
        group="account-report",
        rate=settings.ACCOUNT_REPORT_RATE_LIMIT,
        template="governance/report.html",
        context={"form": form},
    )
    if refused:
        return refused
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
