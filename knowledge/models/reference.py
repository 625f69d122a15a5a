"""Reference data: the Kommunen of the Kreis and the organisations working in them."""

from django.core.validators import RegexValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

ags_validator = RegexValidator(
    r"^\d{8}$", _("Der Amtliche Gemeindeschlüssel besteht aus genau acht Ziffern.")
)


class KommuneQuerySet(models.QuerySet):
    def with_own_auslaenderbehoerde(self) -> "KommuneQuerySet":
        return self.filter(has_auslaenderbehoerde=True)


class Kommune(index.Indexed, models.Model):
    """A kreisangehörige Kommune (city or municipality) of the Kreis."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=100, unique=True)
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"),
        max_length=8,
        unique=True,
        validators=[ags_validator],
        help_text=_("Acht Ziffern, z. B. 05962028 für Iserlohn."),
    )
    has_auslaenderbehoerde = models.BooleanField(_("eigene Ausländerbehörde"), default=False)
    has_einbuergerungsbehoerde = models.BooleanField(
        _("eigene Einbürgerungsbehörde"), default=False
    )
    has_jugendamt = models.BooleanField(_("eigenes Jugendamt"), default=False)

    objects = KommuneQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("ags"),
        MultiFieldPanel(
            [
                FieldPanel("has_auslaenderbehoerde"),
                FieldPanel("has_einbuergerungsbehoerde"),
                FieldPanel("has_jugendamt"),
            ],
            heading=_("Eigene Behörden"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("ags"),
    ]

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(index.Indexed, models.Model):
    """An office, welfare organisation, advice service, school or migrant organisation."""

    class Kind(models.TextChoices):
        JOBCENTER = "jobcenter", _("Jobcenter")
        ARBEITSAGENTUR = "arbeitsagentur", _("Agentur für Arbeit")
        AUSLAENDERBEHOERDE = "abh", _("Ausländerbehörde")
        EINBUERGERUNGSBEHOERDE = "ebh", _("Einbürgerungsbehörde")
        JUGENDAMT = "jugendamt", _("Jugendamt")
        SOZIALAMT = "sozialamt", _("Sozialamt")
        KOMMUNALVERWALTUNG = "verwaltung", _("Kommunalverwaltung")
        KOMMUNALES_INTEGRATIONSZENTRUM = "ki", _("Kommunales Integrationszentrum")
        WOHLFAHRTSVERBAND = "wohlfahrtsverband", _("Wohlfahrtsverband")
        MBE = "mbe", _("Migrationsberatung für Erwachsene (MBE)")
        JMD = "jmd", _("Jugendmigrationsdienst (JMD)")
        INTEGRATIONSAGENTUR = "integrationsagentur", _("Integrationsagentur")
        FLUECHTLINGSBERATUNG = "fluechtlingsberatung", _("Flüchtlingsberatung")
        BERATUNGSSTELLE = "beratungsstelle", _("Beratungsstelle")
        VOLKSHOCHSCHULE = "vhs", _("Volkshochschule")
        BAMF = "bamf", _("Bundesamt für Migration und Flüchtlinge")
        SCHULE = "schule", _("Schule / Bildungsträger")
        MSO = "mso", _("Migrantenselbstorganisation (MSO)")
        EHRENAMT = "ehrenamt", _("Ehrenamtliche Initiative")
        SONSTIGE = "sonstige", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    parent_name = models.CharField(
        _("Träger"), max_length=200, blank=True, help_text=_("z. B. Caritasverband, AWO, Kreis")
    )
    kommunen = models.ManyToManyField(
        Kommune,
        verbose_name=_("zuständig für die Kommunen"),
        related_name="organisationen",
        blank=True,
    )
    description = models.TextField(_("Angebot"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent_name")]),
        FieldPanel("kommunen", widget=CheckboxSelectMultiple),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading=_("Kontakt"),
        ),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("parent_name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.RelatedFields("kommunen", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind")
        ]

    def __str__(self) -> str:
        return self.name
