"""Berichtigung: the numbered correction of approved minutes, with its own approval.

Approved minutes and their Beschlüsse never change (models/record.py). A mistake found later is
corrected by a Berichtigung of one Protokollpunkt (the discussion of a TOP) or one Beschluss:
the corrected text, the reason, a number per Protokoll ("Berichtigung Nr. 2"). It starts as a
draft and is approved by the Geschäftsführung or the KIM-Koordination (``spaces.transitions.
BERICHTIGUNG``, with a Verlauf row); then it is shown beside the original with a word diff,
announced to the members, and a corrected Beschluss gets a new Fassung (``BeschlussVersion``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from spaces.richtext import sanitize, to_text

from .beschluss import Beschluss
from .protokoll import Protokoll, Protokollpunkt, ProtokollStatus
from .record import FROZEN_BERICHTIGUNG, RecordFrozen, disable_fields, word_diff


class BerichtigungForm(WagtailAdminModelForm):
    """The admin's form: drafts' wording and reason; an approved Berichtigung read-only."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_frozen:
            disable_fields(self)

    @property
    def is_frozen(self) -> bool:
        return bool(
            self.instance.pk
            and Berichtigung.objects.filter(
                pk=self.instance.pk, status=Berichtigung.Status.GENEHMIGT
            ).exists()
        )


class Berichtigung(models.Model):
    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        GENEHMIGT = "genehmigt", _("genehmigt")

    protokoll = models.ForeignKey(
        Protokoll,
        on_delete=models.PROTECT,
        related_name="berichtigungen",
        verbose_name=_("Protokoll"),
    )
    number = models.PositiveIntegerField(_("Nummer"), editable=False)
    protokollpunkt = models.ForeignKey(
        Protokollpunkt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="berichtigungen",
        verbose_name=_("berichtigt den Protokollpunkt"),
    )
    beschluss = models.ForeignKey(
        Beschluss,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="berichtigungen",
        verbose_name=_("berichtigt den Beschluss"),
    )
    original_text = models.TextField(_("bisheriger Text"), editable=False)
    new_title = models.CharField(
        _("berichtigter Betreff"),
        max_length=300,
        blank=True,
        help_text=_("Nur bei einem Beschluss; leer lassen, wenn der Betreff bleibt."),
    )
    new_text = models.TextField(_("berichtigter Text"))
    reason = models.TextField(
        _("Begründung"), help_text=_("Was war falsch, und wer hat darauf hingewiesen?")
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ENTWURF,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("angelegt von"),
        editable=False,
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    approved_at = models.DateTimeField(_("genehmigt am"), null=True, editable=False)

    verlauf = GenericRelation("portal.Verlaufseintrag")

    base_form_class = BerichtigungForm
    # The target (Protokollpunkt or Beschluss) is chosen on the Sitzung page, where a
    # Berichtigung is made; the admin lists them and edits drafts' wording and reason.
    panels = [FieldPanel("new_title"), FieldPanel("new_text"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("Berichtigung")
        verbose_name_plural = _("Berichtigungen")
        ordering = ["protokoll", "number"]
        constraints = [
            models.UniqueConstraint(fields=["protokoll", "number"], name="berichtigung_number"),
            models.CheckConstraint(
                condition=models.Q(protokollpunkt__isnull=True, beschluss__isnull=False)
                | models.Q(protokollpunkt__isnull=False, beschluss__isnull=True),
                name="berichtigung_one_target",
                violation_error_message=_(
                    "Eine Berichtigung betrifft genau einen Protokollpunkt oder einen Beschluss."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Berichtigung Nr. {self.number} zu {self.protokoll}"

    def save(self, *args, **kwargs) -> None:
        self._refuse_if_approved()
        if self.is_rich:
            self.new_text = sanitize(self.new_text)
        if self.number:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            Protokoll.objects.select_for_update().filter(pk=self.protokoll_id).first()
            last = Berichtigung.objects.filter(protokoll_id=self.protokoll_id).aggregate(
                last=Max("number")
            )["last"]
            self.number = (last or 0) + 1
            self.original_text = self.current_target_text()
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_approved()
        return super().delete(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.GENEHMIGT

    @property
    def target_label(self) -> str:
        if self.beschluss_id:
            return f"Beschluss {self.beschluss.number}"
        punkt = self.protokollpunkt
        if punkt.tagesordnungspunkt_id:
            return f"Protokoll zu „{punkt.tagesordnungspunkt.title}“"
        return "Protokollpunkt"

    @property
    def is_rich(self) -> bool:
        """A Protokollpunkt's discussion is rich text (spaces.richtext); a Beschluss plain."""
        return bool(self.protokollpunkt_id)

    @property
    def original_plain(self) -> str:
        return to_text(self.original_text) if self.is_rich else self.original_text

    @property
    def new_plain(self) -> str:
        return to_text(self.new_text) if self.is_rich else self.new_text

    @cached_property
    def diff(self):
        """Word diff of the texts (of rich text its words; the formatting is not compared)."""
        return word_diff(self.original_plain, self.new_plain)

    def current_target_text(self) -> str:
        """The text the Berichtigung corrects as it stands now (after earlier Berichtigungen)."""
        if self.beschluss_id:
            return Beschluss.objects.values_list("text", flat=True).get(pk=self.beschluss_id)
        latest = (
            Berichtigung.objects.filter(
                protokollpunkt_id=self.protokollpunkt_id, status=self.Status.GENEHMIGT
            )
            .exclude(pk=self.pk)
            .order_by("-number")
            .values_list("new_text", flat=True)
            .first()
        )
        if latest is not None:
            return latest
        return Protokollpunkt.objects.values_list("discussion", flat=True).get(
            pk=self.protokollpunkt_id
        )

    def clean(self) -> None:
        super().clean()
        self._refuse_if_approved()
        if bool(self.protokollpunkt_id) == bool(self.beschluss_id):
            raise ValidationError(
                _(
                    "Wählen Sie genau einen Protokollpunkt oder einen Beschluss, "
                    "den Sie berichtigen."
                )
            )
        if self.protokoll_id:
            if self.protokoll.status != ProtokollStatus.GENEHMIGT:
                raise ValidationError(
                    _(
                        "Berichtigt wird nur ein genehmigtes Protokoll; einen Entwurf oder ein "
                        "verteiltes Protokoll ändern Sie direkt."
                    )
                )
            if self.protokollpunkt_id and self.protokollpunkt.protokoll_id != self.protokoll_id:
                raise ValidationError(
                    {"protokollpunkt": _("Der Punkt gehört zu einem anderen Protokoll.")}
                )
            if self.beschluss_id and self.beschluss.sitzung_id != self.protokoll.sitzung_id:
                raise ValidationError(
                    {"beschluss": _("Der Beschluss wurde in einer anderen Sitzung gefasst.")}
                )
        if (self.protokollpunkt_id or self.beschluss_id) and not self.pk:
            current = self.current_target_text()
            if self.is_rich:
                self.new_text = sanitize(self.new_text)
            if self.new_text.strip() == current.strip() and not self.new_title.strip():
                raise ValidationError(
                    {"new_text": _("Der berichtigte Text ist gleich dem bisherigen.")}
                )

    def _refuse_if_approved(self) -> None:
        if self.pk and (
            Berichtigung.objects.filter(pk=self.pk, status=self.Status.GENEHMIGT).exists()
        ):
            raise RecordFrozen(FROZEN_BERICHTIGUNG)
