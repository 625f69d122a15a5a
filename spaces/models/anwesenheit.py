"""Structured attendance of a Sitzung: per seat anwesend / entschuldigt / vertreten / abwesend,
and guests by name. Recorded by the Geschäftsführung or the KIM-Koordination with the minutes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .gremium import Sitz
from .protokoll import Protokoll, refuse_if_approved


class Anwesenheit(Orderable):
    """One line of the attendance list: a seat (with the person who held it) or a guest."""

    class Status(models.TextChoices):
        ANWESEND = "anwesend", _("anwesend")
        ENTSCHULDIGT = "entschuldigt", _("entschuldigt")
        VERTRETEN = "vertreten", _("vertreten")
        ABWESEND = "abwesend", _("abwesend")

    protokoll = ParentalKey(
        Protokoll,
        on_delete=models.CASCADE,
        related_name="anwesenheiten",
        verbose_name=_("Protokoll"),
    )
    sitz = models.ForeignKey(
        Sitz,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Sitz"),
        help_text=_("Leer lassen für einen Gast."),
    )
    name = models.CharField(
        _("Name"),
        max_length=200,
        blank=True,
        help_text=_("Die Person auf dem Sitz zur Sitzung, bei Gästen mit Organisation."),
    )
    status = models.CharField(
        _("Anwesenheit"), max_length=20, choices=Status.choices, default=Status.ANWESEND
    )
    vertreten_durch = models.CharField(
        _("vertreten durch"),
        max_length=200,
        blank=True,
        help_text=_("Name der Vertretung oder der Sitz, der die Stimme übernimmt."),
    )

    panels = [
        FieldRowPanel([FieldPanel("sitz"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("vertreten_durch")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheit")
        constraints = [
            models.UniqueConstraint(
                fields=["protokoll", "sitz"],
                condition=Q(sitz__isnull=False),
                name="anwesenheit_one_line_per_seat",
                violation_error_message=_("Jeder Sitz steht nur einmal in der Anwesenheitsliste."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.describe()}"

    @property
    def is_guest(self) -> bool:
        return self.sitz_id is None

    @property
    def label(self) -> str:
        return self.sitz.label if self.sitz_id else _("Gast")

    def describe(self) -> str:
        if self.status == self.Status.VERTRETEN:
            return f"{self.get_status_display()} durch {self.vertreten_durch}"
        return str(self.get_status_display())

    def save(self, *args, **kwargs) -> None:
        refuse_if_approved(self.protokoll_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_if_approved(self.protokoll_id)
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        refuse_if_approved(self.protokoll_id)
        errors = {}
        if self.sitz_id is None:
            if not self.name.strip():
                errors["name"] = _("Bitte geben Sie den Namen des Gastes an.")
            if self.status != self.Status.ANWESEND:
                errors["status"] = _("Gäste werden nur eingetragen, wenn sie anwesend waren.")
        if self.status == self.Status.VERTRETEN and not self.vertreten_durch.strip():
            errors["vertreten_durch"] = _(
                "Bitte geben Sie an, wer den Sitz vertreten hat (Name oder Sitz)."
            )
        if self.status != self.Status.VERTRETEN and self.vertreten_durch.strip():
            errors["vertreten_durch"] = _(
                "Eine Vertretung gibt es nur bei „vertreten“. Wählen Sie „vertreten“ oder "
                "leeren Sie das Feld."
            )
        if (
            self.sitz_id
            and self.protokoll_id
            and self.sitz.gremium_id != self.protokoll.sitzung.gremium_id
        ):
            errors["sitz"] = _("Der Sitz gehört zu einem anderen Gremium.")
        if errors:
            raise ValidationError(errors)
