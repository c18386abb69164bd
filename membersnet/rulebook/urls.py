"""/membersnet/rulebook/: the rulebook, procedures and standing orders."""

from django.urls import path, register_converter

from . import views


class ClauseRefConverter:
    """A clause number: chapter.section.clause, like 3.2.1."""

    regex = r"\d{1,3}\.\d{1,3}\.\d{1,3}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ClauseRefConverter, "clause_ref")

app_name = "rulebook"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search_view, name="search"),
    path("compare/", views.compare, name="compare"),
    path("clause/<clause_ref:ref>/", views.clause_permalink, name="clause"),
    path("rule/<slug:key>/", views.rule_permalink, name="rule"),
    path("<int:year>/", views.edition_detail, name="edition"),
    path("<int:year>/chapter-<int:number>/", views.chapter_detail, name="chapter"),
    path("<int:year>/clause/<clause_ref:ref>/", views.edition_clause, name="edition_clause"),
    path("procedures/", views.procedure_list, name="procedures"),
    path("procedures/<slug:slug>/", views.procedure_detail, name="procedure"),
    path("standing-orders/", views.standing_orders_home, name="standing_orders_home"),
    path(
        "standing-orders/<slug:slug>/",
        views.clp_standing_orders,
        name="clp_standing_orders",
    ),
    path(
        "standing-orders/<slug:slug>/upload/",
        views.standing_orders_upload,
        name="upload_standing_orders",
    ),
    path(
        "standing-orders/<slug:slug>/<int:pk>/",
        views.standing_orders_detail,
        name="standing_orders",
    ),
    path("files/<path:name>", views.private_file, name="file"),
]
