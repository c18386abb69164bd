from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "membersnet.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge bank"
