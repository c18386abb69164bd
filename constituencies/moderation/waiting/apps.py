from django.apps import AppConfig


class WaitingDraftsConfig(AppConfig):
    """The hub's index of drafts waiting for approval in every constituency, in the
    shared schema (the drafts themselves live in each constituency's)."""

    name = "constituencies.moderation.waiting"
    label = "moderation_waiting"
    verbose_name = "Drafts waiting for approval"
