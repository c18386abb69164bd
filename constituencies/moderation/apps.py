from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Drafts that get approved: each constituency's pages go through one workflow whose
    approvers are its current, trained Secretary and Social Media Officer."""

    name = "constituencies.moderation"
    label = "moderation"
    verbose_name = "Moderation"
    # Its task's table is in constituency schemas only: the hub may not make one.
    admin_belongs_on = "constituencies"
    admin_paths = ("/admin/workflows/tasks/add/moderation/",)

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)

        receivers.replace_wagtails_workflow_emails()
