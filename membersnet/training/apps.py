from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "membersnet.training"
    label = "training"
    verbose_name = "Training"
    admin_belongs_on = "hub"  # curated on the hub; hidden in constituencies' admins
    admin_menu_items = ("training",)
