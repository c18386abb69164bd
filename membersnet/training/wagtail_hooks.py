from django.conf import settings
from django.contrib import messages
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from constituencies.public_urls import site_url
from labourhub.safe_spreadsheet_export import SafeSpreadsheetExportMixin
from labourhub.tenancy import current_tenant
from roles.access import current_roles

from .expiry import redate_certificates
from .models import Course, CourseCompletion, Lesson
from .progress import is_trained_to_publish, publishing_course


class CourseEditView(EditView):
    def save_instance(self):
        course = super().save_instance()
        if "months_valid" in self.form.changed_data:
            changed = redate_certificates(course)
            if changed:
                messages.info(
                    self.request,
                    f"{changed} certificate{'s' if changed != 1 else ''} of this course "
                    "now expire on a new date.",
                )
        return course


class CourseViewSet(ModelViewSet):
    model = Course
    edit_view_class = CourseEditView
    icon = "doc-full-inverse"
    list_display = ["title", "is_published", "required_for_publishing", "pass_mark", "months_valid"]
    list_filter = ["is_published", "required_for_publishing"]
    search_fields = ["title", "summary"]
    inspect_view_enabled = True


class LessonViewSet(ModelViewSet):
    model = Lesson
    icon = "media"
    list_display = ["title", "course", "position", "transcript_status"]
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
    list_display = [
        "name_on_certificate",
        "course",
        "completed_at",
        "renewed_at",
        "expires_on",
        "certificate_code",
    ]
    list_filter = ["course"]
    search_fields = ["name_on_certificate", "certificate_code"]
    list_export = [
        "name_on_certificate",
        "course",
        "completed_at",
        "renewed_at",
        "expires_on",
        "certificate_code",
    ]
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


# Officers who may not publish yet are told why, on the admin's home and in the editor.


def _publishing_locked_for(request):
    """The required course, if the user holds a role on this site but may not publish
    yet because they have not completed it; else None."""
    user = request.user
    tenant = current_tenant()
    if user.is_central_staff or not getattr(tenant, "is_site", False):
        return None
    if not current_roles(user, tenant) or is_trained_to_publish(user):
        return None
    return publishing_course()


def _course_link(request, course) -> str:
    return site_url(settings.HUB_DOMAINS[0], request, course.get_absolute_url())


class PublishingLockedPanel(Component):
    name = "publishing_locked"
    order = 10
    template_name = "roles/admin/publishing_locked_panel.html"

    def __init__(self, course, link, expired):
        self.course, self.link, self.expired = course, link, expired

    def get_context_data(self, parent_context):
        return {"course": self.course, "link": self.link, "expired": self.expired}


@hooks.register("construct_homepage_panels")
def tell_untrained_officers_why_they_cannot_publish(request, panels):
    course = _publishing_locked_for(request)
    if course:
        # Locked out with a certificate means the certificate has expired.
        expired = CourseCompletion.objects.filter(user=request.user, course=course).first()
        panels.insert(0, PublishingLockedPanel(course, _course_link(request, course), expired))


def _warn_in_editor(request, *args):
    course = _publishing_locked_for(request)
    if course and request.method == "GET":
        messages.warning(
            request,
            format_html(
                "You can save drafts, but you can't publish until you complete "
                '<a href="{}">{}</a> on Membersnet.',
                _course_link(request, course),
                course.title,
            ),
        )


hooks.register("before_create_page", _warn_in_editor)
hooks.register("before_edit_page", _warn_in_editor)
