from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "membersnet.training"
    label = "training"
    verbose_name = "Training"
