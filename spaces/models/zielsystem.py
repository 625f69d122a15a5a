"""Zielsysteme: Grundsatzziel -> Rahmenziel -> Ergebnisziel -> Aktivität, with Indikatoren.

A Zielsystem belongs to the Gremium that works it out (usually an Arbeitsgruppe) and follows
that Gremium's visibility (spaces.visibility). Once the Lenkungsgruppe has adopted it
("beschlossen", with the adopting Beschluss) it may be released to all logged-in users.
Each Ergebnisziel carries Aktivitäten and Indikatoren; an Indikator has dated Messwerte.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from knowledge.models import Organisation
from portal.transitions import InlineTransitionsFormMixin, TransitionFormMixin

from .beschluss import Beschluss
from .gremium import Gremium, sees_all_spaces, viewer_gremium_ids


class ZielsystemQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ZielsystemQuerySet":
        """Zielsysteme of visible Gremien, plus adopted ones released to all logged-in users."""
        if sees_all_spaces(user):
            return self.all()
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(
            Q(gremium_id__in=viewer_gremium_ids(user))
            | Q(shared_with_all=True, status=Zielsystem.Status.BESCHLOSSEN)
        )


class ZielsystemForm(TransitionFormMixin, WagtailAdminModelForm):
    """The status field offers the declared transitions (spaces.transitions), with a Verlauf."""


class ErgebniszielForm(InlineTransitionsFormMixin, WagtailAdminModelForm):
    """The Aktivitäten's status fields offer their transitions (spaces.transitions.AKTIVITAET);
    each change is made through the machine, with a Verlauf row."""


class Zielsystem(ClusterableModel):
    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        BESCHLOSSEN = "beschlossen", _("beschlossen")

    gremium = models.ForeignKey(
        Gremium,
        on_delete=models.PROTECT,
        related_name="zielsysteme",
        verbose_name=_("Gremium"),
        help_text=_("Das Gremium (meist eine Arbeitsgruppe), das das Zielsystem erarbeitet."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.ENTWURF
    )
    adopted_by = models.ForeignKey(
        Beschluss,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beschlossene_zielsysteme",
        verbose_name=_("beschlossen durch"),
    )
    shared_with_all = models.BooleanField(
        _("für alle Akteure freigegeben"),
        default=False,
        help_text=_(
            "Nur für beschlossene Zielsysteme: Dann sehen alle angemeldeten Personen "
            "das Zielsystem und sein Monitoring."
        ),
    )

    verlauf = GenericRelation("portal.Verlaufseintrag")

    objects = ZielsystemQuerySet.as_manager()
    base_form_class = ZielsystemForm

    panels = [
        FieldRowPanel([FieldPanel("gremium"), FieldPanel("title")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel(TransitionFormMixin.reason_field),
                FieldPanel("adopted_by"),
                FieldPanel("shared_with_all"),
            ],
            heading=_("Beschluss"),
        ),
        InlinePanel("grundsatzziele", heading=_("Grundsatzziele"), label=_("Grundsatzziel")),
    ]

    class Meta:
        verbose_name = _("Zielsystem")
        verbose_name_plural = _("Zielsysteme")
        ordering = ["gremium__name", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.gremium})"

    def get_absolute_url(self) -> str:
        return reverse("spaces:zielsystem", kwargs={"slug": self.gremium.slug, "pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.status == self.Status.BESCHLOSSEN and not self.adopted_by_id:
            raise ValidationError(
                {"adopted_by": _("Ein beschlossenes Zielsystem braucht den Beschluss.")}
            )
        if self.adopted_by_id and self.gremium_id:
            own = {self.gremium_id, self.gremium.parent_id}
            if self.adopted_by.gremium_id not in own:
                raise ValidationError(
                    {
                        "adopted_by": _(
                            "Ein Zielsystem beschließt das eigene Gremium oder das Gremium, das "
                            "es eingesetzt hat – nicht „{other}“."
                        ).format(other=self.adopted_by.gremium)
                    }
                )
        if self.shared_with_all and self.status != self.Status.BESCHLOSSEN:
            raise ValidationError(
                {"shared_with_all": _("Freigeben lässt sich nur ein beschlossenes Zielsystem.")}
            )


class Grundsatzziel(Orderable, ClusterableModel):
    """Set by the Lenkungsgruppe."""

    zielsystem = ParentalKey(
        Zielsystem,
        on_delete=models.CASCADE,
        related_name="grundsatzziele",
        verbose_name=_("Zielsystem"),
    )
    title = models.CharField(_("Grundsatzziel"), max_length=400)
    description = models.TextField(_("Erläuterung"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("Grundsatzziel")
        verbose_name_plural = _("Grundsatzziele")

    def __str__(self) -> str:
        return f"{self.zielsystem.title}: {self.title}"


class Rahmenziel(Orderable, ClusterableModel):
    grundsatzziel = ParentalKey(
        Grundsatzziel,
        on_delete=models.CASCADE,
        related_name="rahmenziele",
        verbose_name=_("Grundsatzziel"),
    )
    title = models.CharField(_("Rahmenziel"), max_length=400)
    description = models.TextField(_("Erläuterung"), blank=True)

    panels = [
        FieldPanel("grundsatzziel"),
        FieldPanel("title"),
        FieldPanel("description"),
        InlinePanel("ergebnisziele", heading=_("Ergebnisziele"), label=_("Ergebnisziel")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Rahmenziel")
        verbose_name_plural = _("Rahmenziele")

    def __str__(self) -> str:
        return self.title


class Ergebnisziel(Orderable, ClusterableModel):
    rahmenziel = ParentalKey(
        Rahmenziel,
        on_delete=models.CASCADE,
        related_name="ergebnisziele",
        verbose_name=_("Rahmenziel"),
    )
    title = models.CharField(_("Ergebnisziel"), max_length=400)

    panels = [
        FieldPanel("rahmenziel"),
        FieldPanel("title"),
        InlinePanel("aktivitaeten", heading=_("Aktivitäten"), label=_("Aktivität")),
        InlinePanel("indikatoren", heading=_("Indikatoren"), label=_("Indikator")),
    ]
    base_form_class = ErgebniszielForm

    class Meta(Orderable.Meta):
        verbose_name = _("Ergebnisziel")
        verbose_name_plural = _("Ergebnisziele")

    def __str__(self) -> str:
        return self.title


class Aktivitaet(Orderable):
    class Status(models.TextChoices):
        GEPLANT = "geplant", _("geplant")
        LAUFEND = "laufend", _("laufend")
        ERLEDIGT = "erledigt", _("erledigt")

    ergebnisziel = ParentalKey(
        Ergebnisziel,
        on_delete=models.CASCADE,
        related_name="aktivitaeten",
        verbose_name=_("Ergebnisziel"),
    )
    title = models.CharField(_("Aktivität"), max_length=400)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktivitaeten",
        verbose_name=_("verantwortlich"),
    )
    due_on = models.DateField(_("fällig am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.GEPLANT
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("due_on"), FieldPanel("status")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")

    def __str__(self) -> str:
        return self.title


class Indikator(Orderable, ClusterableModel):
    class Direction(models.TextChoices):
        STEIGEND = "steigend", _("je höher, desto besser")
        FALLEND = "fallend", _("je niedriger, desto besser")

    ergebnisziel = ParentalKey(
        Ergebnisziel,
        on_delete=models.CASCADE,
        related_name="indikatoren",
        verbose_name=_("Ergebnisziel"),
    )
    name = models.CharField(_("Indikator"), max_length=400)
    unit = models.CharField(_("Einheit"), max_length=40, help_text=_("z. B. „%“ oder „Tage“"))
    baseline = models.DecimalField(_("Ausgangswert"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("Zielwert"), max_digits=12, decimal_places=2)
    direction = models.CharField(
        _("Richtung"), max_length=10, choices=Direction.choices, default=Direction.STEIGEND
    )

    panels = [
        FieldPanel("ergebnisziel"),
        FieldPanel("name"),
        FieldRowPanel(
            [
                FieldPanel("unit"),
                FieldPanel("baseline"),
                FieldPanel("target"),
                FieldPanel("direction"),
            ]
        ),
        InlinePanel("messwerte", heading=_("Messwerte"), label=_("Messwert")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.baseline is None or self.target is None:
            return
        wrong_way = (
            self.target < self.baseline
            if self.direction == self.Direction.STEIGEND
            else self.target > self.baseline
        )
        if wrong_way:
            raise ValidationError(
                {"target": _("Der Zielwert passt nicht zur Richtung des Indikators.")}
            )


class Messwert(models.Model):
    indikator = ParentalKey(
        Indikator, on_delete=models.CASCADE, related_name="messwerte", verbose_name=_("Indikator")
    )
    measured_on = models.DateField(_("Stichtag"))
    value = models.DecimalField(_("Wert"), max_digits=12, decimal_places=2)
    comment = models.CharField(_("Anmerkung"), max_length=400, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("measured_on"), FieldPanel("value")]),
        FieldPanel("comment"),
    ]

    class Meta:
        verbose_name = _("Messwert")
        verbose_name_plural = _("Messwerte")
        ordering = ["measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.value} ({self.measured_on:%d.%m.%Y})"
