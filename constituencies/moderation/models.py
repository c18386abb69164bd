from wagtail.models import Task, TaskState

from labourhub.tenancy import current_tenant

from .approvers import may_approve


class OfficersApprovalTask(Task):
    """A workflow step approved by the site's constituency's current, trained Secretary
    or Social Media Officer (`approvers`), never by a fixed list of groups: who they are
    is read from the appointments and training records each time it is asked.

    Central staff may see a page waiting here but not approve it; while it waits, only
    the approvers may edit it, so what they approve is what the editor submitted."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = "Approval by the constituency's trained officers"
        verbose_name_plural = "Approvals by the constituency's trained officers"

    def is_approver(self, user) -> bool:
        # Wagtail asks several times per request (editor, menus, dashboard): the answer is
        # kept on the user object, which lives for one request, per site.
        tenant = current_tenant()
        cache = user.__dict__.setdefault("_moderation_approver", {})
        key = getattr(tenant, "pk", None)
        if key not in cache:
            cache[key] = may_approve(user, tenant)
        return cache[key]

    def user_can_access_editor(self, obj, user):
        return self.is_approver(user)

    def locked_for_user(self, obj, user):
        return not self.is_approver(user)

    def user_can_lock(self, obj, user):
        return self.is_approver(user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.is_approver(user):
            return []
        return [
            ("reject", "Request changes", True),
            ("approve", "Approve", False),
            ("approve", "Approve with comment", True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_approver(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)

    @classmethod
    def get_description(cls):
        return (
            "The constituency's current Secretary and Social Media Officer, once trained "
            "to publish, approve (and so publish) or ask for changes."
        )
