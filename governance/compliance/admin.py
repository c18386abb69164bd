"""Central staff's compliance screens in the hub's admin: the dashboard
(/admin/compliance/) and the audit log (/admin/audit/). Both answer 404 on a
constituency's admin and are refused to everyone but central staff."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, Subquery
from django.urls import include, path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from constituencies.models import Constituency
from governance.compliance import views as compliance_views
from governance.models import (
    AUDIT_ACTIONS,
    AuditEvent,
)
from labourhub.safe_spreadsheet_export import SafeSpreadsheetExportMixin
from roles.admin_access import CentralStaffOnHubMenuItem, require_central_staff_on_hub

app_name = "governance_compliance"
urlpatterns = [
    path("", compliance_views.ComplianceDashboardView.as_view(), name="dashboard"),
    path("welsh/<int:pk>/", compliance_views.WelshParityView.as_view(), name="welsh_parity"),
]


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [path("compliance/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_compliance_menu_item():
    return CentralStaffOnHubMenuItem(
        "Compliance",
        reverse("governance_compliance:dashboard"),
        name="governance-compliance",
        icon_name="tasks",
        order=160,
    )


class ReadOnlyForCentralStaff(ModelPermissionPolicy):
    """The audit log is a record: central staff may read it, nobody may change it."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_central_staff


class CentralStaffOnHubMixin:
    def dispatch(self, request, *args, **kwargs):
        require_central_staff_on_hub(request)
        return super().dispatch(request, *args, **kwargs)


class AuditIndexView(CentralStaffOnHubMixin, SafeSpreadsheetExportMixin, generic.IndexView):
    page_title = "Audit log"
    queryset = AuditEvent.objects.select_related("actor", "constituency", "unit")

    def filter_queryset(self, queryset):
        # Wagtail ignores filters it cannot read and lists everything: a mistyped email
        # address must not look like a person with the whole log to their name.
        if self.filters and not self.filters.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    @property
    def no_results_message(self):
        if self.filters and not self.filters.is_valid():
            return " ".join(
                f"{self.filters.form[name].label}: {' '.join(errors)}"
                for name, errors in self.filters.form.errors.items()
            )
        return super().no_results_message


class AuditInspectView(CentralStaffOnHubMixin, generic.InspectView):
    pass


def _actions(request=None):
    actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
    return sorted(((action, AUDIT_ACTIONS.get(action, action)) for action in actions), key=_label)


def _label(choice):
    return choice[1]


class EmailFilter(django_filters.CharFilter):
    field_class = forms.EmailField


class AuditEventFilterSet(WagtailFilterSet):
    person = EmailFilter(
        label="Person",
        method="filter_person",
        help_text="An email address: what was seen or done about this person (records "
        "viewed, exports that included them), and what they did.",
        error_messages={"invalid": "Enter an email address, like name@example.org."},
    )
    action = django_filters.ChoiceFilter(label="Action", choices=_actions)
    constituency = django_filters.ModelChoiceFilter(
        label="Constituency", queryset=Constituency.objects.sites().order_by("name")
    )

    class Meta:
        model = AuditEvent
        fields = ["person", "action", "constituency"]

    def filter_person(self, queryset, name, value):
        # One query, two indexes: the GIN index on `people` finds the entries about them,
        # and their account's id (emails are stored lowercased and unique; a scalar
        # subquery, so PostgreSQL can use the actor index beside the GIN one).
        email = value.strip().lower()
        account = get_user_model().objects.filter(email=email).values("pk")[:1]
        return queryset.filter(Q(people__contains=[email]) | Q(actor=Subquery(account)))


def _when(event) -> str:
    """To the second, in UK time: an audit trail is read for exactly when."""
    return date_format(localtime(event.at), "j M Y, H:i:s")


def _who(event) -> str:
    actor = event.actor
    if actor is None:
        return "The system (a command or task)"
    name = actor.get_full_name()
    return f"{name} ({actor.email})" if name else actor.email


def _whose_data(event) -> str:
    """The people whose data an entry is about, short enough for a table cell."""
    shown = ", ".join(event.people[:3])
    more = len(event.people) - 3
    return f"{shown} and {more} more" if more > 0 else shown


class AuditEventViewSet(ModelViewSet):
    """Every governance action, newest first: read, filter, search and export."""

    model = AuditEvent
    icon = "history"
    menu_label = "Audit log"
    menu_name = "governance-audit"
    menu_order = 170
    add_to_admin_menu = True
    url_prefix = "audit"
    menu_item_class = CentralStaffOnHubMenuItem
    index_view_class = AuditIndexView
    index_results_template_name = "governance/admin/audit_index_results.html"
    inspect_view_class = AuditInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        Column("at", label="When", accessor=_when, sort_key="at"),
        Column("actor", label="Who", accessor=_who),
        Column("action_label", label="What"),
        "summary",
        Column("record", label="Which record"),
        Column("people", label="Whose data", accessor=_whose_data),
        "constituency",
    ]
    filterset_class = AuditEventFilterSet
    search_fields = ["summary"]
    search_backend_name = None  # a plain database filter; no search index of the log
    list_export = [
        "at",
        "action_label",
        "action",
        "summary",
        "constituency",
        "unit",
        "actor",
        "record",
        "people_text",
        "details_json",
    ]
    export_headings = {
        "at": "When",
        "action_label": "Action",
        "action": "Action code",
        "actor": "By",
        "record": "Which record",
        "people_text": "Whose data",
        "details_json": "Details (JSON)",
    }
    export_filename = "audit-log"
    ordering = ["-at", "-pk"]
    list_per_page = 50

    @cached_property
    def permission_policy(self):
        return ReadOnlyForCentralStaff(self.model)

    def get_urlpatterns(self):
        # A record is never added, edited, copied or deleted: only these views exist.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEventViewSet("governance_audit")
