"""The register's admin areas.

On the hub, central staff get one "Online presence" menu (named "governance-register",
which constituency sites hide): every register entry, the reports queue, and the units
(add branches and Local Campaign Forums). In a constituency's admin, its officers get
their own "Online presence" menu: the register of the units it looks after and, for its
designated administrators, the reports about them. The screens behind both menus are
the same (register_admin_views), narrowed to what each request may see."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from governance.models import (
    PartyUnit,
)
from governance.register import views
from governance.register.forms import (
    PartyUnitForm,
)
from governance.register.units import (
    delete_unit,
    record_unit_saved,
    why_unit_cannot_be_deleted,
)
from labourhub.tenancy import on_hub
from roles.admin_access import CentralStaffOnHubMenuItem


class HubOnlyPermissionPolicy(ModelPermissionPolicy):
    """Units are managed on the hub: a constituency's admin, which reaches the same table
    through its search path, grants nothing on them."""

    def user_has_permission(self, user, action):
        return on_hub() and super().user_has_permission(user, action)


# Units


class UnitIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("constituency")
            .prefetch_related("constituencies")
            .annotate(entry_count=Count("presence", distinct=True))
        )


def _clps_of(unit: PartyUnit) -> str:
    if unit.kind == PartyUnit.Kind.LCF:
        return ", ".join(constituency.name for constituency in unit.constituencies.all())
    return unit.constituency.name if unit.constituency else ""


class UnitCreateView(CreateView):
    def save_instance(self):
        unit = super().save_instance()
        record_unit_saved(unit, created=True, changed=self.form.changed_data, by=self.request.user)
        return unit


class UnitEditView(EditView):
    def save_instance(self):
        unit = super().save_instance()
        if self.form.changed_data:
            record_unit_saved(
                unit, created=False, changed=self.form.changed_data, by=self.request.user
            )
        return unit


class UnitDeleteView(DeleteView):
    """A CLP is never deleted (there is one per constituency), nor a unit with register
    entries or reports, which would go with it or lose their unit."""

    def get(self, request, *args, **kwargs):
        return self._refuse() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse() or super().post(request, *args, **kwargs)

    def _refuse(self):
        refusal = why_unit_cannot_be_deleted(self.object)
        if refusal is None:
            return None
        messages.error(self.request, refusal)
        return redirect(self.edit_url_name, self.object.pk)

    def delete_action(self):
        delete_unit(self.object, by=self.request.user)


class UnitViewSet(ModelViewSet):
    model = PartyUnit
    name = "governance_units"
    url_prefix = "governance/units"
    icon = "group"
    menu_label = "Units"
    menu_item_class = CentralStaffOnHubMenuItem
    index_view_class = UnitIndexView
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView
    list_display = [
        "name",
        Column("kind", label="Kind", accessor="get_kind_display"),
        Column("clps", label="CLPs", accessor=_clps_of),
        Column("entry_count", label="Register entries"),
    ]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["kind", "name"]
    copy_view_enabled = False
    add_to_reference_index = False
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("name"),
            FieldPanel("constituency"),
            FieldPanel("constituencies"),
        ],
        base_form_class=PartyUnitForm,
    )

    @cached_property
    def permission_policy(self):
        return HubOnlyPermissionPolicy(self.model)


# The register and the reports


class RegisterViewSet(ViewSet):
    name = "online_presence"
    url_prefix = "online-presence"
    icon = "globe"
    menu_label = "Register"
    menu_item_class = CentralStaffOnHubMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.RegisterIndexView.as_view(), name="index"),
            path("add/", views.ChooseUnitView.as_view(), name="choose_unit"),
            path("add/<int:unit_pk>/", views.AddEntryView.as_view(), name="add"),
            path("<int:pk>/edit/", views.EditEntryView.as_view(), name="edit"),
            path("<int:pk>/remove/", views.RemoveEntryView.as_view(), name="remove"),
            path("<int:pk>/reviewed/", views.ConfirmControlView.as_view(), name="reviewed"),
            path("<int:pk>/check/", views.CheckControlView.as_view(), name="check"),
        ]
