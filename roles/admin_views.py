"""Central staff appoint officers and editors to a constituency and end appointments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from labourhub.form_errors import apply_validation_error

from .admin_access import (
    CONSTITUENCIES_ON_HUB,
    StaffView,
    get_site_or_404,
    require_central_staff_on_hub,
)
from .appointments import appoint, end_appointment
from .forms import AppointmentForm
from .models import Appointment


class AppointView(StaffView, FormView):
    template_name = "roles/admin/appoint.html"
    form_class = AppointmentForm

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request, CONSTITUENCIES_ON_HUB)
        self.constituency = get_site_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Appoint an officer: {self.constituency.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(constituency=self.constituency, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            appointment = appoint(
                user=form.user,
                constituency=self.constituency,
                role=data["role"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                granted_by=self.request.user,
                membership_exception=data["membership_exception"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{appointment.user} is {appointment.get_role_display()} of {self.constituency.name}.",
        )
        return redirect("constituencies_admin:detail", pk=self.constituency.pk)


class EndAppointmentView(StaffView, TemplateView):
    """POST only: end an appointment today; its rights go at once."""

    http_method_names = ["post"]

    def post(self, request, pk):
        appointment = get_object_or_404(
            Appointment.objects.select_related("user", "constituency"), pk=pk
        )
        try:
            end_appointment(appointment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("constituencies_admin:detail", pk=appointment.constituency_id)
        messages.success(
            request,
            f"{appointment.user} is no longer {appointment.get_role_display()} of "
            f"{appointment.constituency.name}.",
        )
        return redirect("constituencies_admin:detail", pk=appointment.constituency_id)
