from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from constituencies.website.plain_text import spreadsheet_safe

from .models import EventSignup


class SignupIndexView(IndexView):
    # Visitors type these: a cell starting "=" must stay text in the officer's spreadsheet.
    custom_field_preprocess = {
        field: {"csv": spreadsheet_safe, "xlsx": spreadsheet_safe}
        for field in ("name", "email", "phone", "event")
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class EventSignupViewSet(ModelViewSet):
    """Officers see who signed up to their events and export the list as CSV or Excel."""

    model = EventSignup
    icon = "group"
    menu_label = "Sign-ups"
    menu_name = "signups"
    menu_order = 210
    add_to_admin_menu = True
    form_fields = ["status"]
    list_display = ["name", "email", "phone", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email"]
    list_export = [
        "name",
        "email",
        "phone",
        "event",
        "get_status_display",
        "created_at",
        "consent_text",
    ]
    export_headings = {"get_status_display": "Status", "created_at": "Signed up"}
    index_view_class = SignupIndexView
    export_filename = "sign-ups"
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["event", "created_at"]


@hooks.register("register_admin_viewset")
def register_signup_viewset():
    return EventSignupViewSet("signups")
