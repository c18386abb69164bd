from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "membersnet.members"
    label = "members"
    verbose_name = "Members"
