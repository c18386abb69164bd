from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance of online presence"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
