"""Central staff's view of every constituency's drafts waiting for approval."""

from django.views.generic import TemplateView

from roles.admin_access import StaffView

from .pending import pending_moderation


class PendingModerationView(StaffView, TemplateView):
    template_name = "moderation/admin/pending.html"
    page_title = "Drafts waiting for approval"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = pending_moderation(self.request)
        context.update(waiting=waiting, total=sum(len(entry.drafts) for entry in waiting))
        return context
