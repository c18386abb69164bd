from django.contrib import messages
from django.urls import path
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import MemberImportStatusView, MemberImportView
from .joining import email_changed
from .models import Member


class MemberEditView(EditView):
    def save_instance(self):
        member = super().save_instance()
        if "email" in self.form.changed_data and email_changed(member):
            messages.info(self.request, f"A new invitation is on its way to {member.email}.")
        return member


class MemberViewSet(ModelViewSet):
    model = Member
    edit_view_class = MemberEditView
    icon = "group"
    menu_label = "Members"
    list_display = ["name", "membership_number", "email", "constituency", "status"]
    list_filter = ["status"]
    search_fields = ["name", "email", "membership_number"]
    form_fields = ["name", "email", "constituency", "status", "digest_opt_in"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Member.objects.select_related("constituency")


class MemberImportViewSet(ViewSet):
    icon = "upload"
    menu_label = "Import members"

    def get_urlpatterns(self):
        return [
            path("", MemberImportView.as_view(), name="index"),
            path("<int:pk>/", MemberImportStatusView.as_view(), name="detail"),
        ]


class MembersGroup(ViewSetGroup):
    menu_label = "Members"
    menu_name = "members"
    menu_icon = "group"
    menu_order = 300
    items = (MemberViewSet("member-records"), MemberImportViewSet("member-import"))


@hooks.register("register_admin_viewset")
def register_member_viewsets():
    return MembersGroup()
