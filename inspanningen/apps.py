from django.apps import AppConfig


class InspanningenConfig(AppConfig):
    name = "inspanningen"
    verbose_name = "Inspanningen en matrix"
