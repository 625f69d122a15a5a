"""Receivers of the spaces' own signals (connected in SpacesConfig.ready)."""

from django.dispatch import receiver

from spaces.signals import protokoll_status_changed


@receiver(protokoll_status_changed, dispatch_uid="spaces_distribute_beschluesse")
def distribute_beschluesse_on_approval(sender, protokoll, to_status, **kwargs) -> None:
    """Approved minutes make the Sitzung's Beschlüsse final: e-mail them to who may see them."""
    from spaces.models import ProtokollStatus
    from spaces.notifications import send_beschluesse

    if to_status == ProtokollStatus.GENEHMIGT:
        send_beschluesse(protokoll)
