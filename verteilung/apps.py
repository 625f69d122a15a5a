from django.apps import AppConfig


class VerteilungConfig(AppConfig):
    name = "verteilung"
    label = "verteilung"
    verbose_name = "Verteilungsschlüssel"

    def ready(self) -> None:
        from verteilung import transitions  # noqa: F401 - registers the status transitions
        from verteilung.search_index import register_provider

        register_provider()
