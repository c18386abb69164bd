from django.contrib import messages
from django.db import transaction
from django.urls import path
from wagtail import hooks
from wagtail.admin.views.generic import DeleteView, EditView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from privacy.staff_access import personal_data_seen, record_of

from .admin_views import MemberImportStatusView, MemberImportView
from .joining import email_changed
from .membership import Standing, membership_changed
from .models import Member


def _say_offices_ended(request, appointments) -> None:
    for appointment in appointments:
        messages.warning(
            request,
            f"{appointment.user} is no longer {appointment.get_role_display()} of "
            f"{appointment.constituency.name}: officers must be current members. They, "
            "the CLP's other officers and central staff have been emailed.",
        )


def _say_record_seen(request, member) -> None:
    personal_data_seen(
        "member.viewed",
        f"Member record {member.membership_number} viewed",
        by=request.user,
        record=record_of(member),
        people=[member.email],
        constituency=member.constituency,
    )


class MemberInspectView(InspectView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        _say_record_seen(request, self.object)
        return response


class MemberEditView(EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        _say_record_seen(request, self.object)
        return response

    def save_instance(self):
        before = Standing.stored(self.object)
        member = super().save_instance()
        if "email" in self.form.changed_data and email_changed(member):
            messages.info(self.request, f"A new invitation is on its way to {member.email}.")
        ended = membership_changed(
            member, before, by=self.request.user, source="member record edited by central staff"
        )
        _say_offices_ended(self.request, ended)
        return member


class MemberDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            ended = membership_changed(
                self.object,
                Standing.stored(self.object),
                removed=True,
                by=self.request.user,
                source="member record removed by central staff",
            )
            super().delete_action()
        _say_offices_ended(self.request, ended)


class MemberViewSet(ModelViewSet):
    model = Member
    edit_view_class = MemberEditView
    inspect_view_class = MemberInspectView
    delete_view_class = MemberDeleteView
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
