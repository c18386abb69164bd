from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "membersnet.rulebook"
    label = "rulebook"
    verbose_name = "Rulebook, procedures and standing orders"
