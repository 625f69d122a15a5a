"""Receivers of the forms app: deadlines follow the coordination's edits of the service levels."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from forms.models import Bearbeitungsfristen


@receiver(post_save, sender=Bearbeitungsfristen, dispatch_uid="meldeboegen_recompute_fristen")
def recompute_deadlines_after_edit(sender, instance: Bearbeitungsfristen, **kwargs) -> None:
    from forms.service_levels import recompute_deadlines

    transaction.on_commit(lambda: recompute_deadlines(instance))
