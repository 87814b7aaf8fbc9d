from django.apps import AppConfig


class ExpertsConfig(AppConfig):
    name = "experts"
    verbose_name = "Wie weet wat"

    def ready(self):
        from experts import signals

        signals.verbind()
