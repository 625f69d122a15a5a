from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Suche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import promotions, signal_receivers
        from search.providers import register_default_providers

        register_default_providers()
        signal_receivers.connect()
        promotions.connect()
