from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    label = "reporting"
    verbose_name = "Berichte"

    def ready(self) -> None:
        from reporting import cache

        cache.connect()
