"""Central staff's "Personal data" screens in the hub's admin: find a person (start a
subject access export), follow a request's progress and download its ZIP, and list the
recent requests. Only central staff, and only on the hub."""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from membersnet.private_files import serve_private_file
from privacy.registry import declarations
from roles.admin_access import require_central_staff_on_hub

from .exporting import download_name, erasure_handling, record_download, start_export
from .models import PersonalDataRequest

FIND, REQUESTS = "personal_data_find", "personal_data_requests"  # the URL namespaces
RECENT_REQUESTS = 50
PERSONAL_DATA_ON_HUB = "People's data is searched from the hub."


class FindPersonForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address the person gave. The addresses linked to it (their account's "
        "and their member record's) are searched too.",
        error_messages={
            "required": "Enter the person's email address.",
            "invalid": "Enter an email address in the form name@example.org.",
        },
    )
    reason = forms.CharField(
        label="Why",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The request this answers: who asked, how and when (e.g. “Email to "
        "data.protection@ of 1 December 2026, identity checked”). It is recorded in the "
        "audit log.",
        error_messages={"required": "Say why: the request this answers."},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why: the request this answers.")
        return reason


class StaffView(WagtailAdminTemplateMixin):
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request, PERSONAL_DATA_ON_HUB)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class FindPersonView(StaffView, FormView):
    template_name = "personal_data/admin/find_person.html"
    form_class = FindPersonForm
    page_title = "Find a person"

    def form_valid(self, form):
        request = start_export(
            form.cleaned_data["email"], form.cleaned_data["reason"], self.request.user
        )
        return redirect(f"{REQUESTS}:detail", pk=request.pk)


class RequestListView(StaffView, TemplateView):
    template_name = "personal_data/admin/requests.html"
    page_title = "Personal data requests"

    def get_context_data(self, **kwargs):
        requests = PersonalDataRequest.objects.select_related("requested_by")
        return super().get_context_data(requests=requests[:RECENT_REQUESTS], **kwargs)


class RequestView(StaffView, TemplateView):
    template_name = "personal_data/admin/request.html"
    page_title = "Personal data request"

    @cached_property
    def data_request(self) -> PersonalDataRequest:
        return get_object_or_404(
            PersonalDataRequest.objects.select_related("requested_by"), pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        if self.data_request.kind == PersonalDataRequest.Kind.ERASURE:
            return redirect("personal_data_erasure:detail", pk=self.data_request.pk)
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.data_request.email

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{REQUESTS}:index"), "label": "Requests"},
            {"url": "", "label": str(self.data_request)},
        ]

    def get_context_data(self, **kwargs):
        data_request = self.data_request
        running = data_request.status in (
            PersonalDataRequest.Status.QUEUED,
            PersonalDataRequest.Status.RUNNING,
        )
        return super().get_context_data(
            data_request=data_request,
            running=running,
            # A page that reloads itself every few seconds interrupts a screen reader
            # (WCAG 2.2.1): staff can stop it and check again when they choose.
            refreshing=running and self.request.GET.get("refresh") != "off",
            found=_with_erasure_handling(data_request.found),
            records=sum(each["count"] for each in data_request.found),
            **kwargs,
        )


def _with_erasure_handling(found: list[dict]) -> list[dict]:
    """What was found, by kind and place, with what an erasure does to each kind in
    words (the exemption of a kind that is kept), from the registry."""
    handling = {d.kind: erasure_handling(d) for d in declarations()}
    rows = [{**each, "handling": handling.get(each["kind"], each["erasure"])} for each in found]
    return sorted(rows, key=lambda each: (each["name"], each["place"]))


class DownloadView(StaffView, View):
    def get(self, request, pk):
        data_request = get_object_or_404(
            PersonalDataRequest, pk=pk, kind=PersonalDataRequest.Kind.EXPORT
        )
        response = serve_private_file(
            request, data_request.file, as_attachment=True, filename=download_name(data_request)
        )
        record_download(data_request, request.user)
        response["Cache-Control"] = "private, no-store"
        return response


find_urlpatterns = [path("", FindPersonView.as_view(), name="index")]
request_urlpatterns = [
    path("", RequestListView.as_view(), name="index"),
    path("<int:pk>/", RequestView.as_view(), name="detail"),
    path("<int:pk>/download/", DownloadView.as_view(), name="download"),
]
