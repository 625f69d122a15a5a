from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "cycle"
    label = "cycle"
    verbose_name = "KIM-Zyklus"
