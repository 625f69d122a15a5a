"""Vier-Augen-Freigabe: a change to a binding text is published only after someone else approved it.

- :class:`VierAugenFreigabeTask` is a Wagtail workflow task like the group approval task, but
  its "Freigeben" action is refused to everyone who made the change under review (who
  submitted it, the author of the revision under review and of the latest revision).
- :func:`requires_four_eyes` says whether an object's workflow contains such a task; then no
  one but a superuser may publish it directly (``FourEyesPagePermissionTester`` for pages,
  ``FourEyesPermissionPolicy`` for snippets), so the KIM-Koordination cannot publish around it.
- :func:`publish_workflow_state` (``WAGTAIL_FINISH_WORKFLOW_ACTION``) publishes an approved
  object: the approval of the task authorises the publication, not the reviewer's right to
  publish directly.
- The editor's note „Was hat sich geändert“ (``change_note``) is stored in every revision;
  :func:`change_log` lists the published versions with date and note for readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, TaskState
from wagtail.models.audit_log import ModelLogEntry
from wagtail.models.pages import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.workflows import publish_workflow_state as wagtail_publish_workflow_state

OWN_CHANGE_REFUSED = _(
    "Vier-Augen-Freigabe: Sie haben diese Änderung verfasst oder eingereicht und können sie "
    "deshalb nicht selbst freigeben. Eine andere berechtigte Person muss sie prüfen."
)
CHANGE_LOG_LENGTH = 20

CHANGE_NOTE_HELP = _(
    "Kurz für die Leserinnen und Leser: was diese Fassung gegenüber der vorigen ändert. "
    "Erscheint nach der Freigabe unter „Was hat sich geändert“."
)


def change_note_field() -> models.CharField:
    return models.CharField(
        _("Was hat sich geändert?"), max_length=300, blank=True, help_text=CHANGE_NOTE_HELP
    )


class VierAugenFreigabeTask(AbstractGroupApprovalTask):
    """Group approval in which nobody approves their own change."""

    class Meta:
        verbose_name = _("Vier-Augen-Freigabe")
        verbose_name_plural = _("Vier-Augen-Freigaben")

    @classmethod
    def get_description(cls):
        return _(
            "Mitglieder der gewählten Gruppen geben frei – aber nie eine Änderung, die sie "
            "selbst verfasst oder eingereicht haben."
        )

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and user.pk in authors_of_change(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and user.pk in authors_of_change(
            task_state.workflow_state.content_object, task_state
        ):
            raise PermissionDenied(OWN_CHANGE_REFUSED)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The dashboard's „Zur Prüfung“ lists only other people's changes."""
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)


def authors_of_change(obj, task_state: TaskState | None = None) -> set[int]:
    """Ids of the users who made the change under review: the submitter, the author of the
    revision under review and the author of the latest revision (an edit during review)."""
    if task_state is None:
        task_state = getattr(obj, "current_workflow_task_state", None)
    authors = set()
    if task_state is not None:
        authors.add(task_state.workflow_state.requested_by_id)
        authors.add(task_state.revision.user_id if task_state.revision_id else None)
    latest = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    if latest is not None:
        authors.add(latest.user_id)
    authors.discard(None)
    return authors


def workflow_requires_four_eyes(workflow) -> bool:
    return bool(
        workflow is not None
        and workflow.active
        and VierAugenFreigabeTask.objects.filter(
            workflow_tasks__workflow=workflow, active=True
        ).exists()
    )


def requires_four_eyes(obj) -> bool:
    """Whether ``obj`` (a page or snippet) may be published only through a four-eyes review."""
    cache = "_requires_four_eyes"
    if not hasattr(obj, cache):
        setattr(obj, cache, workflow_requires_four_eyes(obj.get_workflow()))
    return getattr(obj, cache)


def four_eyes_workflow():
    """The active workflow with a Vier-Augen-Freigabe (migration 0012 creates one)."""
    from wagtail.models import Workflow

    return (
        Workflow.objects.filter(
            active=True,
            workflow_tasks__task__in=VierAugenFreigabeTask.objects.filter(active=True),
        )
        .order_by("pk")
        .first()
    )


class FourEyesPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        if not self.user.is_superuser and requires_four_eyes(self.page.specific_deferred):
            return False
        return super().can_publish()


class FourEyesPermissionPolicy(ModelPermissionPolicy):
    """Snippets under four-eyes review: the right to publish directly is the superuser's only."""

    def _blocked(self, user, action) -> bool:
        if action != "publish" or user.is_superuser:
            return False
        return workflow_requires_four_eyes(self.model.get_default_workflow())

    def user_has_permission(self, user, action):
        return not self._blocked(user, action) and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return not self._blocked(user, action) and super().user_has_permission_for_instance(
            user, action, instance
        )


def publish_workflow_state(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: after a Vier-Augen-Freigabe the approval authorises
    the publication (the reviewer may not publish directly); other workflows as in Wagtail."""
    obj = workflow_state.content_object
    if workflow_requires_four_eyes(workflow_state.workflow):
        obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
    else:
        wagtail_publish_workflow_state(workflow_state, user=user)


@dataclass(frozen=True)
class ChangeLogEntry:
    published_at: datetime
    note: str


def change_log(obj, limit: int = CHANGE_LOG_LENGTH) -> list[ChangeLogEntry]:
    """The published versions of ``obj``, newest first, with their „Was hat sich geändert“.

    Two queries, whatever the number of versions: the publish log entries, then their
    revisions' notes."""
    from wagtail.models import PageLogEntry

    if isinstance(obj, Page):
        entries = PageLogEntry.objects.filter(page_id=obj.pk)
    else:
        from django.contrib.contenttypes.models import ContentType

        entries = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )
    rows = list(
        entries.filter(action="wagtail.publish", revision__isnull=False)
        .order_by("-timestamp", "-pk")
        .values_list("timestamp", "revision_id")[:limit]
    )
    notes = dict(
        Revision.objects.filter(pk__in=[revision_id for _t, revision_id in rows]).values_list(
            "pk", "content__change_note"
        )
    )
    return [
        ChangeLogEntry(published_at=timestamp, note=(notes.get(revision_id) or "").strip())
        for timestamp, revision_id in rows
    ]
