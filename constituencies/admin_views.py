"""Central staff's screens in the hub's admin: provision constituencies and change
their status. (Appointing officers is in `roles.admin_views`.)"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from labourhub.form_errors import apply_validation_error
from roles.admin_access import (
    CONSTITUENCIES_ON_HUB,
    StaffView,
    get_site_or_404,
    require_central_staff_on_hub,
)

from .forms import ConstituencyFilterForm, ProvisionConstituencyForm, SiteLanguagesForm
from .languages.offering import set_site_languages
from .models import Constituency
from .provisioning import provision_constituency
from .regions import regions_for, set_region

LIST_PER_PAGE = 50


class ConstituencyIndexView(StaffView, TemplateView):
    template_name = "constituencies/admin/index.html"
    page_title = "Constituencies"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = ConstituencyFilterForm(self.request.GET or None)
        queryset = filters.filter(Constituency.objects.sites()).prefetch_related("domains")
        page = Paginator(queryset.order_by("name"), LIST_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        for constituency in page:
            constituency.site_url = constituency.url_for(self.request)
        context.update(
            filters=filters,
            page_obj=page,
            total=Constituency.objects.sites().count(),
            welsh_total=Constituency.objects.sites().filter(offers_welsh=True).count(),
            status_counts={
                status.label: Constituency.objects.sites().filter(status=status).count()
                for status in Constituency.Status
            },
        )
        return context


class ProvisionConstituencyView(StaffView, FormView):
    template_name = "constituencies/admin/provision.html"
    form_class = ProvisionConstituencyForm
    page_title = "Provision a constituency"

    def form_valid(self, form):
        try:
            constituency = provision_constituency(
                **form.provisioning_details(), by=self.request.user
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{constituency.name} is ready at {constituency.primary_domain}.",
        )
        return redirect("constituencies_admin:detail", pk=constituency.pk)


class ConstituencyDetailView(StaffView, TemplateView):
    template_name = "constituencies/admin/detail.html"

    def get_page_title(self):
        return self.constituency.name

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request, CONSTITUENCIES_ON_HUB)
        self.constituency = get_site_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appointments = self.constituency.appointments.select_related("user").order_by(
            "role", "-starts_on"
        )
        context.update(
            constituency=self.constituency,
            site_url=self.constituency.url_for(self.request),
            other_domains=self.constituency.domains.filter(is_primary=False),
            current_appointments=[a for a in appointments if a.is_current()],
            other_appointments=[a for a in appointments if not a.is_current()],
            region_choices=regions_for(self.constituency.nation),
        )
        context.setdefault(
            "languages_form",
            SiteLanguagesForm(
                initial={
                    "offers_welsh": self.constituency.offers_welsh,
                    "welsh_name": self.constituency.welsh_name,
                }
            ),
        )
        return context


class SiteLanguagesView(ConstituencyDetailView):
    """POST only: switch Welsh on or off and set the Welsh name. Bad input shows the
    detail page again with the errors and what was typed; nothing is saved."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = SiteLanguagesForm(request.POST)
        if form.is_valid():
            try:
                set_site_languages(self.constituency, **form.cleaned_data, by=request.user)
            except ValidationError as error:
                apply_validation_error(form, error)
        if not form.is_valid():
            self.constituency.refresh_from_db()
            context = self.get_context_data(languages_form=form)
            return self.render_to_response(context, status=400)
        name = self.constituency.name
        messages.success(
            request,
            f"{name} offers Welsh: its Welsh pages are at /cy/."
            if self.constituency.offers_welsh
            else f"{name} is in English only now: /cy/ answers “not found”.",
        )
        return redirect("constituencies_admin:detail", pk=pk)


# What staff are asked to confirm before a site goes offline.
class ConstituencyRegionView(StaffView, TemplateView):
    """POST only: set the constituency's party region."""

    http_method_names = ["post"]

    def post(self, request, pk):
        constituency = get_site_or_404(pk)
        try:
            set_region(constituency, request.POST.get("region", ""), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{constituency.name} is in {constituency.region}."
                if constituency.region
                else f"{constituency.name} has no region now.",
            )
        return redirect("constituencies_admin:detail", pk=pk)


STATUS_CONFIRMATIONS = {
    "suspend": (
        "Suspend {name}?",
        "Visitors will see a holding page instead of every page of the site, and its "
        "officers will be locked out of its admin until you reactivate it.",
    ),
    "archive": (
        "Archive {name}?",
        "Its site will say it has closed, and its officers will be locked out of its admin. "
        "Its pages, sign-ups and messages are kept, and you can reactivate it later.",
    ),
}
STATUS_ACTIONS = {
    "suspend": (
        "suspend",
        "{name} is suspended: visitors see a holding page and its admin is locked.",
    ),
    "archive": ("archive", "{name} is archived: its site says it has closed."),
    "reactivate": ("reactivate", "{name} is active again."),
}


class ConstituencyStatusView(StaffView, TemplateView):
    """POST only: suspend, archive or reactivate a constituency. Taking a site offline
    is asked to be confirmed first."""

    http_method_names = ["post"]
    template_name = "constituencies/admin/confirm_status.html"
    header_icon = "warning"

    def post(self, request, pk):
        constituency = get_site_or_404(pk)
        action = request.POST.get("action")
        if action not in STATUS_ACTIONS:
            messages.error(request, "Choose suspend, archive or reactivate.")
        elif action in STATUS_CONFIRMATIONS and request.POST.get("confirmed") != "yes":
            title, consequence = STATUS_CONFIRMATIONS[action]
            self.page_title = title.format(name=constituency.name)
            return self.render_to_response(
                self.get_context_data(
                    constituency=constituency, action=action, consequence=consequence
                )
            )
        else:
            method, message = STATUS_ACTIONS[action]
            try:
                getattr(constituency, method)(by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, message.format(name=constituency.name))
        return redirect("constituencies_admin:detail", pk=pk)
