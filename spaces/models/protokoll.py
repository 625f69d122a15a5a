"""Protokoll (minutes) of a Sitzung: per agenda item the discussion; a small status workflow.

The workflow is data in spaces/transitions.py (``PROTOKOLL``, a portal.transitions machine):
every change appends a row to the Protokoll's Verlauf (who, when, from, to).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from portal.models import Verlaufseintrag
from portal.transitions import InlineTransitionsFormMixin, TransitionRefused, machine_for
from spaces.capabilities import EDIT_MINUTES
from spaces.richtext import FEATURES, sanitize, to_text
from spaces.signals import protokoll_status_changed

from .gremium import (
    geschaeftsfuehrung_gremium_ids,
    may_edit_minutes,
    sees_all_spaces,
    viewer_gremium_ids,
)
from .record import FROZEN_PROTOKOLL, RecordFrozen, disable_fields
from .sitzung import Sitzung, Tagesordnungspunkt

#: What stays editable in an Aufgabe of approved minutes (its wording and TOP are the record).
AUFGABE_MANAGEMENT_FIELDS = ("assignee", "due_on", "status")


def protokoll_is_approved(protokoll_id: int | None) -> bool:
    """Whether the stored minutes are approved (the database decides, not a stale instance)."""
    return bool(
        protokoll_id
        and Protokoll.objects.filter(pk=protokoll_id, status=ProtokollStatus.GENEHMIGT).exists()
    )


def refuse_if_approved(protokoll_id: int | None) -> None:
    if protokoll_is_approved(protokoll_id):
        raise RecordFrozen(FROZEN_PROTOKOLL)


def check_sitzung_for_minutes(sitzung: Sitzung) -> None:
    """Minutes exist only for a Sitzung that took place: not cancelled, not in the future."""
    if sitzung.status == Sitzung.Status.ABGESAGT:
        raise ValidationError(
            {"sitzung": _("Die Sitzung ist abgesagt; für sie gibt es kein Protokoll.")}
        )
    if sitzung.starts_at > timezone.now():
        raise ValidationError(
            {
                "sitzung": _(
                    "Die Sitzung hat noch nicht stattgefunden; das Protokoll lässt sich erst "
                    "ab ihrem Beginn anlegen."
                )
            }
        )


def minutes_refusal(sitzung: Sitzung) -> str:
    """Why no minutes can be started for ``sitzung`` ("" if they can)."""
    try:
        check_sitzung_for_minutes(sitzung)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


class ProtokollStatus(models.TextChoices):
    ENTWURF = "entwurf", _("Entwurf")
    VERTEILT = "verteilt", _("zur Kommentierung verteilt")
    GENEHMIGT = "genehmigt", _("genehmigt")


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


class ProtokollForm(InlineTransitionsFormMixin, WagtailAdminModelForm):
    """The Aufgaben's status fields offer their transitions (spaces.transitions.AUFGABE);
    each change is made through the machine, with a Verlauf row.

    An approved Protokoll is shown read-only (``NOTICE_PROTOKOLL`` above it, from the
    viewset): only its Aufgaben's management data (assignee, due date, status) stay editable."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_frozen:
            disable_fields(self, keep=AUFGABE_MANAGEMENT_FIELDS)

    @property
    def is_frozen(self) -> bool:
        return bool(
            self.instance.pk
            and Protokoll.objects.filter(
                pk=self.instance.pk, status=ProtokollStatus.GENEHMIGT
            ).exists()
        )


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

    verlauf = GenericRelation("portal.Verlaufseintrag")

    objects = ProtokollQuerySet.as_manager()

    base_form_class = ProtokollForm
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

    def clean(self) -> None:
        super().clean()
        refuse_if_approved(self.pk)
        if self.sitzung_id:
            check_sitzung_for_minutes(self.sitzung)

    def save(self, *args, **kwargs) -> None:
        refuse_if_approved(self.pk)
        if self._state.adding and self.sitzung_id:
            check_sitzung_for_minutes(self.sitzung)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_approved(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == ProtokollStatus.GENEHMIGT

    @property
    def open_for_comments(self) -> bool:
        return self.status == ProtokollStatus.VERTEILT

    def allowed_transitions(self) -> tuple[str, ...]:
        return machine_for(Protokoll).targets(self.status)

    def change_status(self, to: str, user) -> Verlaufseintrag:
        """Move the minutes to status ``to`` (spaces.transitions.PROTOKOLL), with a Verlauf row;
        raises TransitionRefused for what is not allowed."""
        machine = machine_for(Protokoll)

        if not may_edit_minutes(user, self.sitzung.gremium_id):
            raise TransitionRefused(
                "Nur die Geschäftsführung des Gremiums oder die KIM-Koordination ändert den "
                "Status eines Protokolls.",
                "permission",
            )
        with transaction.atomic():
            current = Protokoll.objects.select_for_update().get(pk=self.pk)
            if to not in machine.targets(current.status):
                raise TransitionRefused(
                    f"Ein Protokoll im Status „{current.get_status_display()}“ kann nicht "
                    f"„{machine.label(to)}“ werden. Genehmigte Protokolle bleiben unverändert.",
                    "not_allowed",
                )
            change = machine.apply(self, to, by=user)
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
    # Rich text (spaces.richtext: paragraphs, bold, italic, lists, links), Wagtail's format.
    discussion = RichTextField(_("Beratung und Ergebnis"), features=FEATURES)

    panels = [FieldPanel("tagesordnungspunkt"), FieldPanel("discussion")]

    def save(self, *args, **kwargs) -> None:
        refuse_if_approved(self.protokoll_id)
        self.discussion = sanitize(self.discussion)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_approved(self.protokoll_id)
        return super().delete(*args, **kwargs)

    @property
    def discussion_text(self) -> str:
        return to_text(self.discussion)

    class Meta(Orderable.Meta):
        verbose_name = _("Protokollpunkt")
        verbose_name_plural = _("Protokollpunkte")
