from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from labourhub.safe_spreadsheet_export import SafeSpreadsheetExportMixin

from .models import Course, CourseCompletion, Lesson


class CourseViewSet(ModelViewSet):
    model = Course
    icon = "doc-full-inverse"
    list_display = ["title", "is_published", "required_for_publishing", "pass_mark"]
    list_filter = ["is_published", "required_for_publishing"]
    search_fields = ["title", "summary"]
    inspect_view_enabled = True


class LessonViewSet(ModelViewSet):
    model = Lesson
    icon = "media"
    list_display = ["title", "course", "position"]
    list_filter = ["course"]
    search_fields = ["title"]
    ordering = ["course", "position"]


class CompletionIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


class CompletionViewSet(ModelViewSet):
    """Who has completed which course: a read-only record, exportable."""

    model = CourseCompletion
    index_view_class = CompletionIndexView
    icon = "tick-inverse"
    menu_label = "Completions"
    list_display = ["name_on_certificate", "course", "completed_at", "certificate_code"]
    list_filter = ["course"]
    search_fields = ["name_on_certificate", "certificate_code"]
    list_export = ["name_on_certificate", "course", "completed_at", "certificate_code"]
    export_filename = "course-completions"
    inspect_view_enabled = True
    form_fields = ["name_on_certificate"]


class TrainingGroup(ModelViewSetGroup):
    menu_label = "Training"
    menu_name = "training"
    menu_icon = "doc-full-inverse"
    menu_order = 310
    items = (CourseViewSet("courses"), LessonViewSet("lessons"), CompletionViewSet("completions"))


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingGroup()
