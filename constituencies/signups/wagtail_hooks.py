from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import EventSignup


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
    export_filename = "sign-ups"
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["event", "created_at"]

    def get_queryset(self, request):
        return EventSignup.objects.select_related("event")


@hooks.register("register_admin_viewset")
def register_signup_viewset():
    return EventSignupViewSet("signups")
