from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "cycle"
    label = "cycle"
    verbose_name = "KIM-Zyklus"

    def ready(self) -> None:
        from cycle import transitions  # noqa: F401 - registers the status transitions
        from cycle.search_index import register_provider

        register_provider()
