from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    label = "meldeboegen"
    verbose_name = "Meldebögen"

    def ready(self) -> None:
        from forms import (
            signal_receivers,  # noqa: F401 - connects the receivers
            workflow,  # noqa: F401 - registers the Meldebogen's transitions
        )
        from forms.search_index import register_provider

        register_provider()
