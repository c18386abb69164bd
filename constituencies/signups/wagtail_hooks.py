from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from labourhub.safe_spreadsheet_export import SafeSpreadsheetExportMixin
from labourhub.tenancy import on_hub

from . import places
from .models import EventSignup
from .staff_access import AnnounceListAndExport, AnnounceOneSignup


class SignupIndexView(AnnounceListAndExport, SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "shift").with_waiting_positions()


class SignupPermissionPolicy(ModelPermissionPolicy):
    """Places are taken only through an event's own sign-up form, which asks for consent
    and keeps to the capacity: nobody adds them in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class SignupStatusForm(WagtailAdminModelForm):
    """In the admin a place can only be cancelled: confirming someone, or moving them
    up the waiting list, would bypass the capacity."""

    class Meta:
        model = EventSignup
        fields = ["status"]
        help_texts = {
            "status": "Cancelling emails the person, and gives a confirmed place to the "
            "first person on the waiting list."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {self.instance.status, EventSignup.Status.CANCELLED}
        self.fields["status"].choices = [
            choice for choice in EventSignup.Status.choices if choice[0] in allowed
        ]
        self.fields["status"].widget = forms.RadioSelect(choices=self.fields["status"].choices)


class SignupInspectView(AnnounceOneSignup, InspectView):
    pass


class SignupEditView(AnnounceOneSignup, EditView):
    def save_instance(self):
        signup = self.form.instance
        if signup.status == EventSignup.Status.CANCELLED:
            return places.cancel(EventSignup.objects.get(pk=signup.pk))
        return EventSignup.objects.get(pk=signup.pk)  # its status is unchanged


class EventSignupViewSet(ModelViewSet):
    """Officers see who signed up to their events, cancel places and export the list as
    CSV or Excel."""

    model = EventSignup
    icon = "group"
    menu_label = "Sign-ups"
    menu_name = "signups"
    menu_order = 210
    add_to_admin_menu = True
    form_fields = ["status"]
    list_display = [
        "name",
        "email",
        "phone",
        "event",
        "shift",
        "status",
        "confirmation",
        "created_at",
    ]
    list_filter = ["status", "event"]
    search_fields = ["name", "email"]
    # Dates as people read them, in UK time: the file is opened by officers, not programs.
    list_export = [
        "name",
        "email",
        "phone",
        "event",
        "export_event_date",
        "export_shift",
        "get_status_display",
        "confirmation",
        "waiting_list_position",
        "export_signed_up",
        "consent_text",
        "consent_version",
        "export_consented_at",
    ]
    export_headings = {
        "export_event_date": "Event date",
        "export_shift": "Shift",
        "get_status_display": "Status",
        "waiting_list_position": "Waiting list position",
        "export_signed_up": "Signed up",
        "confirmation": "Confirmed by the person",
        "consent_version": "Consent wording",
        "export_consented_at": "Consent given",
    }
    index_view_class = SignupIndexView
    edit_view_class = SignupEditView
    inspect_view_class = SignupInspectView
    export_filename = "sign-ups"
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["event", "created_at"]

    @property
    def permission_policy(self):
        return SignupPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return SignupStatusForm


@hooks.register("register_admin_viewset")
def register_signup_viewset():
    return EventSignupViewSet("signups")


def _signups_button(page, user, priority):
    """A link from an event to the list of its own sign-ups, for those who may see it."""
    if on_hub() or not issubclass(page.specific_class or Page, _event_model()):
        return None
    if not SignupPermissionPolicy(EventSignup).user_has_permission(user, "view"):
        return None
    return Button(
        "Sign-ups",
        url=f"{reverse('signups:index')}?event={page.pk}",
        icon_name="group",
        priority=priority,
        attrs={"aria-label": f"Sign-ups to “{page.title}”"},
    )


def _event_model():
    return EventSignup._meta.get_field("event").related_model


@hooks.register("register_page_header_buttons")
def signups_of_this_event_in_the_editor(page, user, view_name=None, next_url=None):
    button = _signups_button(page, user, priority=25)
    return [button] if button else []


@hooks.register("register_page_listing_more_buttons")
def signups_of_this_event_in_the_page_listing(page, user, next_url=None):
    button = _signups_button(page, user, priority=45)
    return [button] if button else []


def _people_signed_up_under(pages) -> int:
    """How many people still hold a place, or a place in the queue, at these pages or
    any event below them."""
    if on_hub():
        return 0  # the hub's pages hold no events
    under = Q()
    for page in pages:
        under |= Q(event__path__startswith=page.path)
    return EventSignup.objects.holding().filter(under).count() if pages else 0


def _refuse_deleting(request, count: int, what: str):
    people = "1 person has" if count == 1 else f"{count} people have"
    messages.error(
        request,
        f"{people} signed up to {what}, so it can't be deleted yet. Cancel their places "
        "in Sign-ups first (each person is emailed), or unpublish it to take it off the site.",
    )
    return redirect(request.META.get("HTTP_REFERER") or "wagtailadmin_home")


@hooks.register("before_delete_page")
def keep_events_people_have_signed_up_to(request, page):
    count = _people_signed_up_under([page])
    if count:
        return _refuse_deleting(request, count, f"“{page.title}”")
    return None


@hooks.register("before_bulk_action")
def keep_events_people_have_signed_up_to_in_bulk(request, action_type, objects, action):
    if action_type != "delete" or Page not in getattr(action, "models", []):
        return None
    count = _people_signed_up_under(objects)
    if count:
        return _refuse_deleting(request, count, "events among these pages")
    return None
