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

    def of_user(self, user) -> "Kommune | None":
        """The Kommune of the user's profile (Integrationsbeauftragte), if any (one query)."""
        if not user.is_authenticated:
            return None
        return self.filter(profiles__user=user).only("name", "slug").first()


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


class Zielgruppe(models.Model):
    """Whom an advice service is for (Erwachsene, Jugendliche, Familien, Geflüchtete ...)."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Sprache(models.Model):
    """A language an advice service is offered in."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=100, unique=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug")])]

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def for_directory(self) -> "OrganisationQuerySet":
        """With what a directory entry shows: Kommunen, target groups, languages."""
        return self.prefetch_related(
            models.Prefetch("kommunen", queryset=Kommune.objects.only("name", "slug")),
            "zielgruppen",
            "sprachen",
        )


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
    zielgruppen = models.ManyToManyField(
        Zielgruppe, verbose_name=_("Zielgruppen"), related_name="organisationen", blank=True
    )
    sprachen = models.ManyToManyField(
        Sprache,
        verbose_name=_("Beratungssprachen"),
        related_name="organisationen",
        blank=True,
        help_text=_("Sprachen, in denen beraten wird (Deutsch eingeschlossen)."),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    opening_hours = models.TextField(
        _("Öffnungszeiten"),
        blank=True,
        help_text=_("z. B. „Mo–Do 9–12 Uhr, Sprechstunde in Balve: Di 14–16 Uhr im Rathaus“"),
    )

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent_name")]),
        FieldPanel("kommunen", widget=CheckboxSelectMultiple),
        FieldPanel("description"),
        FieldRowPanel(
            [
                FieldPanel("zielgruppen", widget=CheckboxSelectMultiple),
                FieldPanel("sprachen", widget=CheckboxSelectMultiple),
            ]
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("opening_hours"),
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

    @property
    def address(self) -> str:
        """E.g. "Hauptstraße 1, 58802 Balve" (only the parts that are filled)."""
        town = " ".join(filter(None, [self.postcode, self.city]))
        return ", ".join(filter(None, [self.street, town]))

    @property
    def has_contact(self) -> bool:
        return any(
            [self.street, self.city, self.phone, self.email, self.website, self.opening_hours]
        )
