from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    label = "meldeboegen"
    verbose_name = "Meldebögen"
