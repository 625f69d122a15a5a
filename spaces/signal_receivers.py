"""Receivers of the spaces' own signals (connected in SpacesConfig.ready)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from spaces.signals import protokoll_status_changed


@receiver(protokoll_status_changed, dispatch_uid="spaces_distribute_beschluesse")
def distribute_beschluesse_on_approval(sender, protokoll, to_status, **kwargs) -> None:
    """Approved minutes make the Sitzung's Beschlüsse final: e-mail them to who may see them."""
    from spaces.models import ProtokollStatus
    from spaces.notifications import send_beschluesse

    if to_status == ProtokollStatus.GENEHMIGT:
        send_beschluesse(protokoll)


@receiver(protokoll_status_changed, dispatch_uid="spaces_notify_members_on_circulation")
def notify_members_on_circulation(sender, protokoll, to_status, **kwargs) -> None:
    """Minutes circulated for comment: tell who may read them (after the commit, so the
    Verlauf row naming who circulated them is there)."""
    from spaces.models import ProtokollStatus
    from spaces.notifications import notify_verteilt

    if to_status == ProtokollStatus.VERTEILT:
        transaction.on_commit(lambda: notify_verteilt(protokoll.pk))


@receiver(post_save, sender="spaces.Kommentar", dispatch_uid="spaces_notify_on_comment")
def notify_on_comment(sender, instance, created=False, raw=False, **kwargs) -> None:
    """A new comment on circulated minutes: tell the person who circulated them."""
    if raw or not created:
        return
    from spaces.notifications import notify_kommentar

    kommentar_id = instance.pk
    transaction.on_commit(lambda: notify_kommentar(kommentar_id))


@receiver(protokoll_status_changed, dispatch_uid="spaces_notify_assignees_on_status")
def notify_assignees_on_status(sender, protokoll, to_status, **kwargs) -> None:
    """Circulated minutes make their tasks visible to the assignees: tell them now."""
    from spaces.notifications import notify_assignees

    transaction.on_commit(lambda: notify_assignees(protokoll.pk))


@receiver(post_save, sender="spaces.Aufgabe", dispatch_uid="spaces_notify_assignee_on_save")
def notify_assignee_on_save(sender, instance, raw=False, **kwargs) -> None:
    """A task set or reassigned (in the admin or on the minutes page) is mailed to its
    assignee once the transaction is committed."""
    if raw:
        return
    from spaces.notifications import notify_assignees

    protokoll_id = instance.protokoll_id
    transaction.on_commit(lambda: notify_assignees(protokoll_id))
