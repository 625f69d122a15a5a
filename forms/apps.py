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

        from django.db.models.signals import post_delete, post_save

        from forms.models import Thema
        from forms.reference_data import reference_data_changed
        from knowledge.models import Kommune

        for model in (Kommune, Thema):
            for signal in (post_save, post_delete):
                signal.connect(
                    reference_data_changed,
                    sender=model,
                    dispatch_uid=f"meldeboegen-reference-{model.__name__}",
                )
