from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "constituencies.contact"
    label = "contact"
    verbose_name = "Messages to the MP or candidate"
