"""The Verteilungsschlüssel: indicators and their values per Kommune and year, the keys
(weights, total VZÄ, step, floor) with their scenarios, the adoption by a Beschluss of the
Lenkungsgruppe, and the Zuständigkeiten of the case managers (docs/apps/verteilung.md)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from knowledge.models import Kommune
from spaces.models import Beschluss, Gremium

# Weekly hours of a full-time post (TVöD); a Kreis with other hours sets the setting.
DEFAULT_VOLLZEIT_WOCHENSTUNDEN = Decimal("39")


def vollzeit_wochenstunden() -> Decimal:
    return Decimal(
        str(getattr(settings, "KIM_VOLLZEIT_WOCHENSTUNDEN", DEFAULT_VOLLZEIT_WOCHENSTUNDEN))
    )


def beschluss_gremium_arten() -> tuple[str, ...]:
    """The kinds of Gremium whose Beschlüsse may put a key into force (setting
    ``KIM_VERTEILUNG_GREMIEN``; default: the Lenkungsgruppe)."""
    return tuple(getattr(settings, "KIM_VERTEILUNG_GREMIEN", (Gremium.Kind.LENKUNGSGRUPPE,)))


class Indikator(models.Model):
    """A figure the key may weight: the four standard ones and any the Kreis adds."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=60, unique=True)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    einheit = models.CharField(_("Einheit"), max_length=40, default="Personen")
    standard = models.BooleanField(_("Standardindikator"), default=False, editable=False)
    reihenfolge = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("beschreibung"),
        FieldRowPanel([FieldPanel("einheit"), FieldPanel("reihenfolge")]),
    ]

    class Meta:
        ordering = ["reihenfolge", "name"]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self) -> str:
        return self.name


class KennzahlQuerySet(models.QuerySet):
    def table(self, jahr: int) -> dict[int, dict[int, Kennzahl]]:
        """Kommune id -> Indikator id -> Kennzahl of ``jahr`` (one query)."""
        result: dict[int, dict[int, Kennzahl]] = {}
        for kennzahl in self.filter(jahr=jahr):
            result.setdefault(kennzahl.kommune_id, {})[kennzahl.indikator_id] = kennzahl
        return result


class Kennzahl(models.Model):
    """The value of an indicator for a Kommune and year, with its source and date."""

    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, related_name="kennzahlen", verbose_name=_("Indikator")
    )
    kommune = models.ForeignKey(
        Kommune, on_delete=models.CASCADE, related_name="kennzahlen", verbose_name=_("Kommune")
    )
    jahr = models.PositiveSmallIntegerField(_("Jahr"))
    wert = models.DecimalField(
        _("Wert"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    quelle = models.CharField(_("Quelle"), max_length=200)
    stand = models.DateField(_("Stand"))
    geaendert_am = models.DateTimeField(_("geändert am"), auto_now=True)
    geaendert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geändert von"),
    )

    objects = KennzahlQuerySet.as_manager()

    class Meta:
        ordering = ["jahr", "kommune__name", "indikator__reihenfolge"]
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "kommune", "jahr"], name="verteilung_kennzahl_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.kommune} {self.jahr}"


class SchluesselQuerySet(models.QuerySet):
    def beschlossen(self) -> SchluesselQuerySet:
        """Keys that are or were in force (readable by the Integrationsbeauftragte)."""
        return self.exclude(status=Verteilungsschluessel.Status.ENTWURF)

    def in_kraft(self) -> Verteilungsschluessel | None:
        return (
            self.filter(status=Verteilungsschluessel.Status.IN_KRAFT)
            .select_related("beschluss__gremium")
            .order_by("-in_kraft_seit", "-pk")
            .first()
        )


class Verteilungsschluessel(models.Model):
    """A key: how many VZÄ, in which steps, weighted how. A draft or scenario until a Beschluss
    of the Lenkungsgruppe puts it into force; then it is frozen (``ergebnis``)."""

    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        IN_KRAFT = "in_kraft", _("in Kraft")
        ABGELOEST = "abgeloest", _("abgelöst")

    titel = models.CharField(_("Titel"), max_length=200)
    datenjahr = models.PositiveSmallIntegerField(
        _("Datenjahr"), help_text=_("Das Jahr der Kennzahlen, nach denen verteilt wird.")
    )
    gesamt_vzae = models.DecimalField(
        _("zu verteilende VZÄ"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    schritt = models.DecimalField(
        _("Schrittweite (VZÄ)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Auf Vielfache dieses Werts wird gerundet, z. B. 0,25 VZÄ."),
    )
    mindest_vzae = models.DecimalField(
        _("Mindestausstattung je Kommune (VZÄ)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0, wenn der Kreis keine Mindestausstattung beschlossen hat."),
    )
    erlaeuterung = models.TextField(_("Erläuterung"), blank=True)
    ist_szenario = models.BooleanField(_("Szenario"), default=False)
    vorlage = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kopien",
        verbose_name=_("kopiert von"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.ENTWURF
    )
    beschluss = models.ForeignKey(
        Beschluss,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verteilungsschluessel",
        verbose_name=_("Beschluss"),
    )
    in_kraft_seit = models.DateField(_("in Kraft seit"), null=True, blank=True)
    # The computation as adopted (list of rows, values as strings), frozen at adoption.
    ergebnis = models.JSONField(
        _("Ergebnis bei Beschluss"), default=dict, blank=True, editable=False
    )
    erstellt_am = models.DateTimeField(_("angelegt am"), default=timezone.now, editable=False)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )

    verlauf = GenericRelation("portal.Verlaufseintrag")
    objects = SchluesselQuerySet.as_manager()

    class Meta:
        ordering = ["-datenjahr", "-pk"]
        verbose_name = _("Verteilungsschlüssel")
        verbose_name_plural = _("Verteilungsschlüssel")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="entwurf")
                | Q(beschluss__isnull=False, in_kraft_seit__isnull=False),
                name="verteilung_schluessel_beschluss",
                violation_error_message=_(
                    "Ein Verteilungsschlüssel gilt nur mit einem Beschluss der Lenkungsgruppe."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("verteilung:schluessel", kwargs={"pk": self.pk})

    @property
    def is_entwurf(self) -> bool:
        return self.status == self.Status.ENTWURF

    def clean(self) -> None:
        super().clean()
        if self.status != self.Status.ENTWURF and self.beschluss_id is None:
            raise ValidationError(
                {
                    "beschluss": "Ein Verteilungsschlüssel gilt nur mit einem Beschluss der "
                    "Lenkungsgruppe."
                }
            )
        if self.beschluss_id is not None:
            validate_beschluss(self.beschluss)
        if self.schritt and self.gesamt_vzae and (self.gesamt_vzae / self.schritt) % 1:
            raise ValidationError(
                {
                    "gesamt_vzae": "Die zu verteilenden VZÄ müssen ein Vielfaches der "
                    "Schrittweite sein."
                }
            )
        if self.schritt and self.mindest_vzae and (self.mindest_vzae / self.schritt) % 1:
            raise ValidationError(
                {
                    "mindest_vzae": "Die Mindestausstattung muss ein Vielfaches der "
                    "Schrittweite sein."
                }
            )


def validate_beschluss(beschluss: Beschluss) -> None:
    """A key takes effect only through a Beschluss of the Lenkungsgruppe (or the Gremium kinds
    the Kreis names) that has not been lifted."""
    if beschluss.gremium.kind not in beschluss_gremium_arten():
        raise ValidationError(
            {
                "beschluss": f"Der Beschluss {beschluss.number} ist kein Beschluss der "
                "Lenkungsgruppe; nur sie kann einen Verteilungsschlüssel in Kraft setzen."
            }
        )
    if beschluss.status == Beschluss.Status.AUFGEHOBEN:
        raise ValidationError({"beschluss": f"Der Beschluss {beschluss.number} ist aufgehoben."})


class Gewichtung(models.Model):
    schluessel = models.ForeignKey(
        Verteilungsschluessel, on_delete=models.CASCADE, related_name="gewichtungen"
    )
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="+")
    gewicht = models.DecimalField(
        _("Gewicht (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["indikator__reihenfolge", "indikator__name"]
        verbose_name = _("Gewichtung")
        verbose_name_plural = _("Gewichtungen")
        constraints = [
            models.UniqueConstraint(
                fields=["schluessel", "indikator"], name="verteilung_gewichtung_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.gewicht} %"


class Annahme(models.Model):
    """A scenario's assumed change of a figure: "Asylerstanträge in Balve +20 %" (all Kommunen
    when ``kommune`` is empty)."""

    schluessel = models.ForeignKey(
        Verteilungsschluessel, on_delete=models.CASCADE, related_name="annahmen"
    )
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="+")
    kommune = models.ForeignKey(
        Kommune, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    prozent = models.DecimalField(_("Änderung (%)"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Annahme")
        verbose_name_plural = _("Annahmen")

    def __str__(self) -> str:
        wo = self.kommune.name if self.kommune_id else "alle Kommunen"
        sign = "+" if self.prozent >= 0 else "−"
        return f"{self.indikator.name} ({wo}) {sign}{abs(self.prozent):n} %".replace(".", ",")


class Zustaendigkeit(models.Model):
    """Which case manager covers a Kommune: hours, consultation days and place."""

    person = models.CharField(_("Case Managerin / Case Manager"), max_length=150)
    kontakt = models.CharField(
        _("Kontakt"), max_length=200, blank=True, help_text=_("Telefon oder E-Mail-Adresse")
    )
    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.CASCADE,
        related_name="zustaendigkeiten",
        verbose_name=_("Kommune"),
    )
    wochenstunden = models.DecimalField(
        _("Wochenstunden"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    sprechtage = models.CharField(
        _("Sprechtage"),
        max_length=200,
        help_text=_("z. B. dienstags 9–12 Uhr, donnerstags 14–17 Uhr"),
    )
    ort = models.CharField(_("Ort"), max_length=200, help_text=_("z. B. Rathaus Balve, Raum 12"))

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("kontakt")]),
        FieldRowPanel([FieldPanel("kommune"), FieldPanel("wochenstunden")]),
        FieldPanel("sprechtage"),
        FieldPanel("ort"),
    ]

    class Meta:
        ordering = ["kommune__name", "person"]
        verbose_name = _("Zuständigkeit im Case Management")
        verbose_name_plural = _("Zuständigkeiten im Case Management")

    def __str__(self) -> str:
        return f"{self.person} – {self.kommune}"

    @property
    def vzae(self) -> Decimal:
        return (self.wochenstunden / vollzeit_wochenstunden()).quantize(Decimal("0.01"))
