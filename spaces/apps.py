from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = "Gremien"

    def ready(self) -> None:
        from spaces import (
            signal_receivers,  # noqa: F401 - connects the receivers
            transitions,  # noqa: F401 - registers the status transitions
        )
