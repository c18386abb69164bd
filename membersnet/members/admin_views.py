"""Central staff's screen for importing member records (in the hub's admin)."""

from django import forms
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from constituencies.admin_views import require_central_staff_on_hub

from .importing import ImportFileError, import_members

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


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


class MemberImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "membersnet/admin/import_members.html"
    form_class = MemberImportForm
    page_title = "Import members"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            report = import_members(
                form.cleaned_data["file"].read(), invite=form.cleaned_data["send_invitations"]
            )
        except ImportFileError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))
