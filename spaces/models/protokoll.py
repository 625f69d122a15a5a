"""Protokoll (minutes) of a Sitzung: per agenda item the discussion; a small status workflow.

The workflow is data: ``ALLOWED_TRANSITIONS`` says which status may follow which. Every change
is a new ``ProtokollStatusAenderung`` row (who, when, from, to), never an edit of the history.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from spaces.capabilities import EDIT_MINUTES
from spaces.signals import protokoll_status_changed

from .gremium import (
    geschaeftsfuehrung_gremium_ids,
    may_edit_minutes,
    sees_all_spaces,
    viewer_gremium_ids,
)
from .sitzung import Sitzung, Tagesordnungspunkt


class ProtokollStatus(models.TextChoices):
    ENTWURF = "entwurf", _("Entwurf")
    VERTEILT = "verteilt", _("zur Kommentierung verteilt")
    GENEHMIGT = "genehmigt", _("genehmigt")


ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ProtokollStatus.ENTWURF: (ProtokollStatus.VERTEILT,),
    ProtokollStatus.VERTEILT: (ProtokollStatus.ENTWURF, ProtokollStatus.GENEHMIGT),
    ProtokollStatus.GENEHMIGT: (),
}


class TransitionRefused(Exception):
    """A status change the workflow does not allow; the message says why, in German."""


class ProtokollQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProtokollQuerySet":
        """The space's viewers see circulated and approved minutes; drafts only those who
        edit minutes (``EDIT_MINUTES``, held by the KIM-Koordination, and the Gremium's
        Geschäftsführung): the rule of :func:`may_edit_minutes`, and of the search."""
        all_spaces = sees_all_spaces(user)
        all_minutes = EDIT_MINUTES.allows(user)
        if all_spaces and all_minutes:
            return self.all()
        readers = ~Q(status=ProtokollStatus.ENTWURF)
        if not all_spaces:
            readers &= Q(sitzung__gremium_id__in=viewer_gremium_ids(user))
        if all_minutes:
            editors = Q(status=ProtokollStatus.ENTWURF)
        else:
            editors = Q(sitzung__gremium_id__in=geschaeftsfuehrung_gremium_ids(user))
        return self.filter(readers | editors)


class Protokoll(ClusterableModel):
    sitzung = models.OneToOneField(
        Sitzung, on_delete=models.PROTECT, related_name="protokoll", verbose_name=_("Sitzung")
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=ProtokollStatus.choices,
        default=ProtokollStatus.ENTWURF,
        editable=False,
    )
    attendance = models.TextField(
        _("Bemerkungen zur Anwesenheit"),
        blank=True,
        help_text=_("Freitext, z. B. für ältere Protokolle ohne Anwesenheit je Sitz"),
    )

    objects = ProtokollQuerySet.as_manager()

    panels = [
        FieldPanel("sitzung"),
        InlinePanel(
            "anwesenheiten",
            heading=_("Anwesenheit je Sitz und Gäste"),
            label=_("Eintrag"),
        ),
        FieldPanel("attendance"),
        InlinePanel("punkte", heading=_("Protokoll je Tagesordnungspunkt"), label=_("Punkt")),
        InlinePanel("aufgaben", heading=_("Aufgaben (wer, was, bis wann)"), label=_("Aufgabe")),
    ]

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")

    def __str__(self) -> str:
        return f"Protokoll: {self.sitzung}"

    @property
    def is_approved(self) -> bool:
        return self.status == ProtokollStatus.GENEHMIGT

    @property
    def open_for_comments(self) -> bool:
        return self.status == ProtokollStatus.VERTEILT

    def allowed_transitions(self) -> tuple[str, ...]:
        return ALLOWED_TRANSITIONS[self.status]

    def change_status(self, to: str, user) -> "ProtokollStatusAenderung":
        """Move the minutes to status ``to``, recording who did it; refuse what is not allowed."""
        if not may_edit_minutes(user, self.sitzung.gremium_id):
            raise TransitionRefused(
                "Nur die Geschäftsführung des Gremiums oder die KIM-Koordination ändert den "
                "Status eines Protokolls."
            )
        with transaction.atomic():
            current = Protokoll.objects.select_for_update().get(pk=self.pk)
            if to not in ALLOWED_TRANSITIONS[current.status]:
                raise TransitionRefused(
                    f"Ein Protokoll im Status „{current.get_status_display()}“ kann nicht "
                    f"„{ProtokollStatus(to).label if to in ProtokollStatus.values else to}“ "
                    "werden. Genehmigte Protokolle bleiben unverändert."
                )
            change = ProtokollStatusAenderung.objects.create(
                protokoll=current, from_status=current.status, to_status=to, changed_by=user
            )
            Protokoll.objects.filter(pk=self.pk).update(status=to)
            self.status = to
        protokoll_status_changed.send(
            sender=Protokoll, protokoll=self, from_status=change.from_status, to_status=to
        )
        return change


class Protokollpunkt(Orderable):
    protokoll = ParentalKey(Protokoll, on_delete=models.CASCADE, related_name="punkte")
    tagesordnungspunkt = models.ForeignKey(
        Tagesordnungspunkt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Tagesordnungspunkt"),
    )
    discussion = models.TextField(_("Beratung und Ergebnis"))

    panels = [FieldPanel("tagesordnungspunkt"), FieldPanel("discussion")]

    class Meta(Orderable.Meta):
        verbose_name = _("Protokollpunkt")
        verbose_name_plural = _("Protokollpunkte")


class ProtokollStatusAenderung(models.Model):
    protokoll = models.ForeignKey(
        Protokoll, on_delete=models.CASCADE, related_name="statusaenderungen"
    )
    from_status = models.CharField(_("von"), max_length=20, choices=ProtokollStatus.choices)
    to_status = models.CharField(_("nach"), max_length=20, choices=ProtokollStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("am"), default=timezone.now)

    class Meta:
        verbose_name = _("Statusänderung eines Protokolls")
        verbose_name_plural = _("Statusänderungen von Protokollen")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.protokoll}: {self.from_status} → {self.to_status}"
