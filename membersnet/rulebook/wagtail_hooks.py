"""Central staff edit the rulebook, the procedures and CLPs' standing orders in the hub's
admin, under "Rulebook" (hidden on constituency sites by constituencies.website)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from labourhub.tenancy import on_hub

from .models import Chapter, Clause, Edition, Procedure, Section, StandingOrders


class CentralStaffOnHubPolicy(ModelPermissionPolicy):
    """Only central staff, and only in the hub's admin. The rulebook's tables live in
    the shared schema, which every constituency's search path reaches too, so the
    admin of a constituency site must not offer them even to someone with a stray
    model permission."""

    def _allowed(self, user) -> bool:
        return on_hub() and user.is_authenticated and user.is_central_staff

    def user_has_permission(self, user, action):
        return self._allowed(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return self._allowed(user) and super().user_has_any_permission(user, actions)


class RulebookViewSet(ModelViewSet):
    related_querysets: dict = {}
    list_select_related: tuple = ()

    @property
    def permission_policy(self):
        return CentralStaffOnHubPolicy(self.model)

    def get_index_view_kwargs(self, **kwargs):
        if self.list_select_related:
            kwargs.setdefault(
                "queryset", self.model._default_manager.select_related(*self.list_select_related)
            )
        return super().get_index_view_kwargs(**kwargs)

    def formfield_for_dbfield(self, db_field, **kwargs):
        # A choice of sections or chapters names each with its edition: fetch them
        # together rather than one query per option.
        if db_field.name in self.related_querysets:
            kwargs["queryset"] = self.related_querysets[db_field.name]()
        return super().formfield_for_dbfield(db_field, **kwargs)


class EditionViewSet(RulebookViewSet):
    model = Edition
    icon = "doc-full-inverse"
    menu_label = "Editions"
    list_display = ["year", "title", "published_on"]
    search_fields = ["title"]
    form_fields = ["year", "title", "note", "published_on"]


class ChapterViewSet(RulebookViewSet):
    model = Chapter
    icon = "folder-open-inverse"
    list_display = ["__str__", "edition", "number"]
    list_filter = ["edition"]
    search_fields = ["title"]
    ordering = ["-edition__year", "number"]
    form_fields = ["edition", "number", "title", "intro"]
    list_select_related = ("edition",)


class SectionViewSet(RulebookViewSet):
    model = Section
    icon = "list-ul"
    list_display = ["__str__", "chapter"]
    list_filter = ["chapter__edition"]
    search_fields = ["title"]
    ordering = ["-chapter__edition__year", "chapter__number", "number"]
    form_fields = ["chapter", "number", "title"]
    related_querysets = {"chapter": lambda: Chapter.objects.select_related("edition")}
    list_select_related = ("chapter__edition",)


class ClauseViewSet(RulebookViewSet):
    model = Clause
    icon = "pilcrow"
    list_display = ["__str__", "section", "text"]
    list_filter = ["section__chapter__edition"]
    search_fields = ["text"]
    ordering = [
        "-section__chapter__edition__year",
        "section__chapter__number",
        "section__number",
        "number",
    ]
    form_fields = ["section", "number", "text", "key"]
    related_querysets = {"section": lambda: Section.objects.select_related("chapter__edition")}
    list_select_related = ("section__chapter__edition",)


class ProcedureViewSet(RulebookViewSet):
    model = Procedure
    icon = "doc-full"
    list_display = ["title", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "summary"]
    form_fields = ["kind", "title", "slug", "summary", "body", "file"]


class StandingOrdersViewSet(RulebookViewSet):
    model = StandingOrders
    icon = "doc-empty-inverse"
    menu_label = "CLP standing orders"
    list_display = ["title", "constituency", "adopted_on", "uploaded_by"]
    list_filter = ["constituency"]
    search_fields = ["title"]
    form_fields = ["constituency", "title", "adopted_on", "file", "text"]
    list_select_related = ("constituency", "uploaded_by")


class RulebookGroup(ModelViewSetGroup):
    menu_label = "Rulebook"
    menu_name = "rulebook"
    menu_icon = "doc-full-inverse"
    menu_order = 320
    items = (
        EditionViewSet("rulebook_editions"),
        ChapterViewSet("rulebook_chapters"),
        SectionViewSet("rulebook_sections"),
        ClauseViewSet("rulebook_clauses"),
        ProcedureViewSet("rulebook_procedures"),
        StandingOrdersViewSet("rulebook_standing_orders"),
    )


@hooks.register("register_admin_viewset")
def register_rulebook_viewsets():
    return RulebookGroup()
