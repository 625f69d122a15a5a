"""Aufgaben (tasks) from the minutes: who does what until when, per agenda item.

An Aufgabe is part of a Protokoll (edited inline with it) and visible wherever its Protokoll is
(``Protokoll.objects.visible_to``): so a task in a draft stays with the KIM-Koordination until the
minutes are circulated. Open tasks appear on the assignee's home page until marked done.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .protokoll import Protokoll, check_own_top, protokoll_is_approved, refuse_if_approved
from .record import FROZEN_PROTOKOLL, RecordFrozen
from .sitzung import Tagesordnungspunkt


class AufgabeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AufgabeQuerySet":
        """Tasks of the minutes ``user`` may read (see ProtokollQuerySet.visible_to)."""
        return self.filter(protokoll__in=Protokoll.objects.visible_to(user))

    def open(self) -> "AufgabeQuerySet":
        return self.filter(status=Aufgabe.Status.OFFEN)

    def done(self) -> "AufgabeQuerySet":
        return self.filter(status=Aufgabe.Status.ERLEDIGT)

    def overdue(self) -> "AufgabeQuerySet":
        return self.open().filter(due_on__lt=timezone.localdate())


class Aufgabe(Orderable):
    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        ERLEDIGT = "erledigt", _("erledigt")

    protokoll = ParentalKey(
        Protokoll, on_delete=models.CASCADE, related_name="aufgaben", verbose_name=_("Protokoll")
    )
    tagesordnungspunkt = models.ForeignKey(
        Tagesordnungspunkt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Tagesordnungspunkt"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="gremium_aufgaben",
        verbose_name=_("zuständig"),
    )
    text = models.TextField(_("Aufgabe"))
    due_on = models.DateField(_("bis"), null=True, blank=True)
    # Changed only through spaces.transitions.AUFGABE (with a Verlauf row), which also writes
    # ``done_at``.
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True, editable=False)
    notified_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("benachrichtigt"),
        help_text=_("Wer zuletzt per E-Mail über diese Aufgabe informiert wurde."),
    )

    objects = AufgabeQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("tagesordnungspunkt"), FieldPanel("assignee")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("status")]),
    ]

    class Meta(Orderable.Meta):
        indexes = [
            models.Index(fields=["assignee", "status"], name="spaces_aufgabe_assignee_status")
        ]
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")

    def __str__(self) -> str:
        return self.text[:80]

    def _check_record(self) -> None:
        """In approved minutes an Aufgabe's wording and TOP stay; assignee, due date and
        "erledigt" remain management data and may change."""
        if not protokoll_is_approved(self.protokoll_id):
            return
        if self._state.adding or not self.pk:
            raise RecordFrozen(FROZEN_PROTOKOLL)
        stored = Aufgabe.objects.filter(pk=self.pk).values("text", "tagesordnungspunkt_id").first()
        if stored and (
            stored["text"] != self.text
            or stored["tagesordnungspunkt_id"] != self.tagesordnungspunkt_id
        ):
            raise RecordFrozen(FROZEN_PROTOKOLL)

    def clean(self) -> None:
        super().clean()
        self._check_record()
        check_own_top(self)

    def delete(self, *args, **kwargs):
        refuse_if_approved(self.protokoll_id)
        return super().delete(*args, **kwargs)

    def save(self, *args, **kwargs) -> None:
        self._check_record()
        # ``notified_assignee`` is written only by spaces.notifications.notify_assignees; a
        # later save of a stale instance must not reset it (that would mail the task again).
        if not self._state.adding and self.pk and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "notified_assignee"
            ]
        super().save(*args, **kwargs)

    @property
    def done(self) -> bool:
        return self.status == Aufgabe.Status.ERLEDIGT

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_on is not None and self.due_on < timezone.localdate()

    def may_be_closed_by(self, user) -> bool:
        """The assignee, the KIM-Koordination and the Gremium's Geschäftsführung."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if user.pk == self.assignee_id:
            return True
        from spaces.models.gremium import may_edit_minutes

        return may_edit_minutes(user, self.protokoll.sitzung.gremium_id)

    def mark_done(self, by=None) -> None:
        """Mark the task "erledigt" through its transition (spaces.transitions.AUFGABE), with a
        Verlauf row; ``by=None`` only for the system (tests, demo)."""
        from portal.transition_registry import machine_for

        if not self.done:
            machine_for(Aufgabe).apply(
                self, Aufgabe.Status.ERLEDIGT, by=by, check_permission=by is not None
            )
