from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance of online presence"
    admin_belongs_on = "hub"  # central staff's; hidden in constituencies' admins
    admin_menu_items = ("governance-register", "governance-compliance", "governance-audit")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the named receivers (needs models)
