from django.contrib import messages
from django.urls import include, path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import admin_views

app_name = "roles_admin"
urlpatterns = [
    path("new/<int:pk>/", admin_views.AppointView.as_view(), name="appoint"),
    path("<int:pk>/end/", admin_views.EndAppointmentView.as_view(), name="end"),
]


@hooks.register("register_admin_urls")
def register_appointment_admin_urls():
    return [path("appointments/", include((urlpatterns, app_name), namespace=app_name))]


def _publishing_locked_for(request):
    """The required course, if the user holds a role on this site but may not publish
    yet because they have not completed it; else None."""
    from labourhub.tenancy import current_tenant
    from membersnet.training.progress import publishing_course

    from .access import current_roles
    from .appointments import is_trained_to_publish

    user = request.user
    tenant = current_tenant()
    if user.is_central_staff or not getattr(tenant, "is_site", False):
        return None
    if not current_roles(user, tenant) or is_trained_to_publish(user):
        return None
    return publishing_course()


def _course_link(request, course) -> str:
    from django.conf import settings

    from constituencies.addresses import site_url

    return site_url(settings.HUB_DOMAINS[0], request, course.get_absolute_url())


class PublishingLockedPanel(Component):
    name = "publishing_locked"
    order = 10
    template_name = "roles/admin/publishing_locked_panel.html"

    def __init__(self, course, link):
        self.course, self.link = course, link

    def get_context_data(self, parent_context):
        return {"course": self.course, "link": self.link}


@hooks.register("construct_homepage_panels")
def tell_untrained_officers_why_they_cannot_publish(request, panels):
    course = _publishing_locked_for(request)
    if course:
        panels.insert(0, PublishingLockedPanel(course, _course_link(request, course)))


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
