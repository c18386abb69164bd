"""Central staff's screens for erasing a person, in the hub's admin under "Personal data"
(/admin/personal-data/erase/): the request (address, why, a tick), a review of what will
be deleted, anonymised and kept in each place, then the erasure's progress and result,
with "Run again" while schemas remain. The erasure itself is personal_data.erasure's,
run by a Celery task."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from labourhub.celery import enqueue_after_commit
from roles.admin_access import require_central_staff_on_hub

from .erasure import (
    ask_for_erasure,
    may_run_again,
    plan_erasure,
    summarise,
    unfinished_erasure,
)
from .finding import HUB_SCHEMA, constituency_schemas, identify
from .models import PersonalDataRequest
from .tasks import run_erasure_request

RECENT_REQUESTS = 20
# The review looks in the hub and as many constituencies as it can in this time (a page
# must answer well within the web server's 30 s); the erasure itself visits them all.
# Measured: the whole review of 650 schemas takes about 20 s on a busy 2-core machine.
REVIEW_SECONDS = 12
ERASURE_TASK = run_erasure_request


class ErasureForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="Any address of theirs: the account's other addresses and the member "
        "record's are found from it.",
        error_messages={
            "required": "Enter the email address of the person to erase.",
            "invalid": "Enter an email address, like name@example.org.",
        },
    )
    reason = forms.CharField(
        label="Why",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The request this answers: how and when it was made, and how you checked "
        "it is theirs. The audit log keeps this without their address or name.",
        error_messages={"required": "Say why: the request this erasure answers."},
    )
    confirmed = forms.BooleanField(
        label="I have checked that the request comes from this person (or someone entitled "
        "to act for them)",
        error_messages={"required": "Tick the box to say you have checked the request."},
    )


class StaffView(WagtailAdminTemplateMixin):
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class ErasureFormView(StaffView, FormView):
    """The request's form; a valid one shows the review, and the review's confirm button
    (the same fields, posted again with `confirm`) starts the erasure."""

    template_name = "personal_data/admin/erase_form.html"
    review_template_name = "personal_data/admin/erase_review.html"
    form_class = ErasureForm
    page_title = "Erase a person"

    def get_context_data(self, **kwargs):
        recent = PersonalDataRequest.objects.filter(kind=PersonalDataRequest.Kind.ERASURE)
        return super().get_context_data(
            recent_requests=recent.select_related("requested_by")[:RECENT_REQUESTS], **kwargs
        )

    def form_valid(self, form):
        if "edit" in self.request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        email, reason = form.cleaned_data["email"], form.cleaned_data["reason"]
        person = identify(email)
        if "confirm" in self.request.POST:
            under_way = unfinished_erasure(email)
            if under_way is not None:
                # A second click, or an earlier erasure that stopped: one request each.
                messages.warning(self.request, "An erasure for this address is already open.")
                return redirect("personal_data_erasure:detail", pk=under_way.pk)
            erasure = ask_for_erasure(email, reason, requested_by=self.request.user, person=person)
            enqueue_after_commit(ERASURE_TASK, erasure.pk, self.request.user.pk)
            return redirect("personal_data_erasure:detail", pk=erasure.pk)
        plan = plan_erasure(person, within_seconds=REVIEW_SECONDS)
        self.page_title = "Check what will be erased"
        return TemplateResponse(
            self.request,
            self.review_template_name,
            self.get_context_data(
                form=form,
                plan=plan,
                summary=summarise(plan.entries),
                unfinished=unfinished_erasure(email),
            ),
        )


class ErasureStatusView(StaffView, TemplateView):
    template_name = "personal_data/admin/erase_status.html"
    page_title = "Erasure"

    @cached_property
    def erasure(self) -> PersonalDataRequest:
        return get_object_or_404(
            PersonalDataRequest.objects.select_related("requested_by"),
            pk=self.kwargs["pk"],
            kind=PersonalDataRequest.Kind.ERASURE,
        )

    def get_page_subtitle(self):
        return f"Request #{self.erasure.pk}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("personal_data_erasure:index"), "label": "Erase a person"},
            {"url": "", "label": f"Request #{self.erasure.pk}"},
        ]

    def get_context_data(self, **kwargs):
        places = {HUB_SCHEMA: "Hub", **dict(constituency_schemas())}
        erasure = self.erasure
        return super().get_context_data(
            erasure=erasure,
            summary=summarise(erasure.found),
            remaining=[places.get(s, s) for s in erasure.schemas_remaining],
            may_run_again=may_run_again(erasure),
            **kwargs,
        )


class RunAgainView(StaffView, View):
    """Start an unfinished erasure again: it does only the schemas that remain."""

    http_method_names = ["post"]

    def post(self, request, pk):
        erasure = get_object_or_404(
            PersonalDataRequest, pk=pk, kind=PersonalDataRequest.Kind.ERASURE
        )
        if may_run_again(erasure):
            enqueue_after_commit(ERASURE_TASK, erasure.pk, request.user.pk)
            messages.success(request, "The erasure has started again on the schemas remaining.")
        else:
            messages.error(request, "This erasure is running or has finished: nothing to run.")
        return redirect("personal_data_erasure:detail", pk=erasure.pk)


app_name = "personal_data_erasure"
urlpatterns = [
    path("", ErasureFormView.as_view(), name="index"),
    path("<int:pk>/", ErasureStatusView.as_view(), name="detail"),
    path("<int:pk>/run/", RunAgainView.as_view(), name="run"),
]
