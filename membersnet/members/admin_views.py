"""Central staff's screens for importing member records (in the hub's admin): upload a
file, then follow its import on a status page."""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from roles.admin_access import require_central_staff_on_hub

from .importing import ImportFileError, start_import
from .models import MemberImport

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
RECENT_IMPORTS = 20


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label="Member list (CSV)",
        help_text="Columns: membership_number, name, email, gss_code, and optionally status "
        "(active or lapsed). Re-importing the same list changes nothing.",
    )
    send_invitations = forms.BooleanField(
        required=False, initial=True, label="Email an invitation to new members"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is over 50 MB: split it into parts.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file.")
        return upload


class StaffView(WagtailAdminTemplateMixin):
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request)
        return super().dispatch(request, *args, **kwargs)


class MemberImportView(StaffView, FormView):
    template_name = "membersnet/admin/import_members.html"
    form_class = MemberImportForm
    page_title = "Import members"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_imports"] = MemberImport.objects.select_related("started_by")[
            :RECENT_IMPORTS
        ]
        return context

    def form_valid(self, form):
        try:
            member_import = start_import(
                form.cleaned_data["file"],
                invite=form.cleaned_data["send_invitations"],
                started_by=self.request.user,
            )
        except ImportFileError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        return redirect("member-import:detail", pk=member_import.pk)


class MemberImportStatusView(StaffView, TemplateView):
    template_name = "membersnet/admin/member_import.html"
    page_title = "Import members"

    @cached_property
    def member_import(self) -> MemberImport:
        return get_object_or_404(
            MemberImport.objects.select_related("started_by"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.member_import.file_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("member-import:index"), "label": "Import members"},
            {"url": "", "label": self.member_import.file_name},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(member_import=self.member_import, **kwargs)
