"""Models of the KIM cycle: Fallrekonstruktionen and generative Themen, and the record of the
feedback e-mails to reporters.

The chain the portal traces is

    Meldebogen -> Fallrekonstruktion -> GenerativesThema -> Tagesordnungspunkt of a
    Lenkungsgruppe Sitzung -> Beschluss -> Arbeitsgruppe -> Zielsystem (with Indikatoren)

Status changes of reports and the links to spaces are made through cycle.actions only (one
place for the business rules); the admin edits the descriptive fields.
"""

from django import forms as django_forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin

from forms.models import Meldebogen, Rechtskreis, labels_for
from knowledge.models import Organisation
from portal.transitions import TransitionFormMixin
from spaces.models import Beschluss, Gremium, Tagesordnungspunkt, Zielsystem


def personal_data_error(text: str) -> str | None:
    """A German error if ``text`` looks like it holds personal data (invitations leave the
    portal by e-mail), else None."""
    from forms.anonymity import find_personal_data

    findings = find_personal_data(text)
    if not findings:
        return None
    listed = "; ".join(f"{finding.label}: „{finding.text}“" for finding in findings)
    return (
        "Der Text geht per E-Mail an die Beteiligten und darf keine personenbezogenen Daten "
        f"enthalten. Gefunden: {listed}"
    )


# --- Fallrekonstruktion ----------------------------------------------------------------------


class Fallrekonstruktion(ClusterableModel):
    """A moderated reconstruction of one or more reported cases across offices."""

    class Status(models.TextChoices):
        GEPLANT = "geplant", _("geplant")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")

    title = models.CharField(
        _("Titel"),
        max_length=200,
        help_text=_("z. B. „Wartezeit auf den Integrationskurs in Werdohl“"),
    )
    date = models.DateField(_("Datum"))
    time = models.TimeField(_("Uhrzeit"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    purpose = models.TextField(
        _("Anlass und Ziel"),
        help_text=_(
            "Steht in der Einladung an die Beteiligten. Beschreiben Sie die Fragestellung, "
            "nie eine Person; Texte aus Meldebögen gehören nicht hierher."
        ),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderierte_fallrekonstruktionen",
        verbose_name=_("Moderation"),
    )
    meldeboegen = models.ManyToManyField(
        Meldebogen,
        blank=True,
        related_name="fallrekonstruktionen",
        verbose_name=_("Meldebögen"),
    )
    findings = models.TextField(
        _("Erkenntnisse"),
        blank=True,
        help_text=_("Was die Rekonstruktion über die Zusammenarbeit der Stellen gezeigt hat."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.GEPLANT, editable=False
    )
    completed_at = models.DateTimeField(_("abgeschlossen am"), null=True, editable=False)
    verlauf = GenericRelation("portal.Verlaufseintrag")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("time"), FieldPanel("place")]),
        FieldPanel("purpose"),
        FieldPanel("moderator"),
        InlinePanel(
            "teilnahmen",
            heading=_("Beteiligte Organisationen"),
            label=_("Beteiligte Organisation"),
        ),
        InlinePanel(
            "schritte",
            heading=_("Ergebnis: die Dienstleistungskette"),
            label=_("Schritt"),
            help_text=_("Der Weg des Falls durch die Stellen, in zeitlicher Reihenfolge."),
        ),
        FieldPanel("findings"),
    ]

    class Meta:
        verbose_name = _("Fallrekonstruktion")
        verbose_name_plural = _("Fallrekonstruktionen")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d.%m.%Y})" if self.date else self.title

    def get_absolute_url(self) -> str:
        return reverse("cycle:rekonstruktion", kwargs={"pk": self.pk})

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.ABGESCHLOSSEN

    def clean(self) -> None:
        super().clean()
        error = personal_data_error(self.purpose or "")
        if error:
            raise ValidationError({"purpose": error})
        if self.is_completed and self.date and self.completed_at:
            completed_on = timezone.localdate(self.completed_at)
            if self.date > completed_on:
                raise ValidationError(
                    {
                        "date": _(
                            "Die Fallrekonstruktion wurde am %(completed)s abgeschlossen; ihr "
                            "Datum kann nicht danach liegen."
                        )
                        % {"completed": f"{completed_on:%d.%m.%Y}"}
                    }
                )


class Teilnahme(Orderable):
    """An organisation taking part in a Fallrekonstruktion, optionally with a named contact.

    The invitation goes to the contact's address, else to the organisation's address from the
    directory (knowledge.Organisation.email).
    """

    fallrekonstruktion = ParentalKey(
        Fallrekonstruktion,
        on_delete=models.CASCADE,
        related_name="teilnahmen",
        verbose_name=_("Fallrekonstruktion"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="fallrekonstruktion_teilnahmen",
        verbose_name=_("Organisation"),
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("E-Mail der Ansprechperson"),
        blank=True,
        help_text=_("Leer lassen: Die Einladung geht an die Adresse der Organisation."),
    )
    invited_at = models.DateTimeField(_("eingeladen am"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Beteiligte Organisation")
        verbose_name_plural = _("Beteiligte Organisationen")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def invitation_address(self) -> str:
        return self.contact_email or self.organisation.email


class Kettenglied(Orderable):
    """One step of the Dienstleistungskette: which office did what, and the break found."""

    fallrekonstruktion = ParentalKey(
        Fallrekonstruktion,
        on_delete=models.CASCADE,
        related_name="schritte",
        verbose_name=_("Fallrekonstruktion"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kettenglieder",
        verbose_name=_("Stelle (Verzeichnis)"),
    )
    stelle = models.CharField(
        _("Stelle"),
        max_length=200,
        blank=True,
        help_text=_("Falls die Stelle nicht im Verzeichnis steht, z. B. „Kursträger“."),
    )
    rechtskreis = models.CharField(
        _("Rechtskreis"), max_length=20, choices=Rechtskreis.choices, blank=True
    )
    geschehen = models.TextField(_("Was ist geschehen?"))
    bruch = models.TextField(
        _("Festgestellter Bruch"),
        blank=True,
        help_text=_("Wo die Kette gerissen ist: Wartezeit, fehlende Weitergabe, Zuständigkeit …"),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("organisation"), FieldPanel("stelle"), FieldPanel("rechtskreis")]
        ),
        FieldPanel("geschehen"),
        FieldPanel("bruch"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Schritt der Dienstleistungskette")
        verbose_name_plural = _("Dienstleistungskette")

    def __str__(self) -> str:
        return f"{self.stelle_label}: {self.geschehen[:60]}"

    @property
    def stelle_label(self) -> str:
        if self.organisation_id and self.stelle:
            return f"{self.organisation} ({self.stelle})"
        return str(self.organisation) if self.organisation_id else self.stelle

    def clean(self) -> None:
        super().clean()
        if not self.organisation_id and not self.stelle:
            raise ValidationError(
                {"stelle": _("Wählen Sie eine Stelle aus dem Verzeichnis oder benennen Sie sie.")}
            )


# --- GenerativesThema ------------------------------------------------------------------------


class GenerativesThemaQuerySet(models.QuerySet):
    def open(self) -> "GenerativesThemaQuerySet":
        """Themes still being worked on (not gelöst, not nicht lösbar)."""
        return self.exclude(status__in=GenerativesThema.CLOSED_STATUSES)

    def for_meldebogen(self, meldebogen_id: int) -> "GenerativesThemaQuerySet":
        """Themes a report belongs to: assigned directly or through a Fallrekonstruktion."""
        return self.filter(
            Q(meldeboegen=meldebogen_id) | Q(fallrekonstruktionen__meldeboegen=meldebogen_id)
        ).distinct()


class GenerativesThemaForm(TransitionFormMixin, WagtailAdminModelForm):
    """Admin form: the Rechtskreise (a JSON list on the model) as checkboxes."""

    rechtskreise = django_forms.MultipleChoiceField(
        label=_("Betroffene Rechtskreise"),
        choices=Rechtskreis.choices,
        widget=django_forms.CheckboxSelectMultiple,
        required=False,
    )


class GenerativesThema(RevisionMixin, ClusterableModel):
    """A recurring, structural problem found in reports and reconstructions."""

    class Status(models.TextChoices):
        IN_KLAERUNG = "in_klaerung", _("in Klärung")
        LENKUNGSGRUPPE_VORGELEGT = "lenkungsgruppe_vorgelegt", _("der Lenkungsgruppe vorgelegt")
        AN_AG_UEBERGEBEN = "an_ag_uebergeben", _("an Arbeitsgruppe übergeben")
        GELOEST = "geloest", _("gelöst")
        NICHT_LOESBAR = "nicht_loesbar", _("nicht lösbar")

    # Aliases so that callers can write GenerativesThema.IN_KLAERUNG.
    IN_KLAERUNG = Status.IN_KLAERUNG
    LENKUNGSGRUPPE_VORGELEGT = Status.LENKUNGSGRUPPE_VORGELEGT
    AN_AG_UEBERGEBEN = Status.AN_AG_UEBERGEBEN
    GELOEST = Status.GELOEST
    NICHT_LOESBAR = Status.NICHT_LOESBAR
    CLOSED_STATUSES = (Status.GELOEST, Status.NICHT_LOESBAR)

    title = models.CharField(_("Titel"), max_length=200, unique=True)
    description = models.TextField(
        _("Beschreibung des strukturellen Problems"),
        help_text=_("Was immer wieder schiefgeht, zwischen welchen Stellen, mit welchen Folgen."),
    )
    rechtskreise = models.JSONField(_("Betroffene Rechtskreise"), default=list, blank=True)
    stellen = ParentalManyToManyField(
        Organisation,
        blank=True,
        related_name="generative_themen",
        verbose_name=_("Betroffene Stellen"),
    )
    status = models.CharField(
        _("Status"),
        max_length=30,
        choices=Status.choices,
        default=Status.IN_KLAERUNG,
        db_index=True,
    )
    # Assigned through cycle.actions (reports change status), not in the admin form.
    meldeboegen = models.ManyToManyField(
        Meldebogen,
        blank=True,
        related_name="generative_themen",
        verbose_name=_("Meldebögen"),
    )
    fallrekonstruktionen = models.ManyToManyField(
        Fallrekonstruktion,
        blank=True,
        related_name="generative_themen",
        verbose_name=_("Fallrekonstruktionen"),
    )
    # Set by cycle.actions (put on the agenda, link the decision), not in the admin form.
    tagesordnungspunkt = models.ForeignKey(
        Tagesordnungspunkt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="generative_themen",
        verbose_name=_("Tagesordnungspunkt der Lenkungsgruppe"),
        editable=False,
    )
    beschluss = models.ForeignKey(
        Beschluss,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="generative_themen",
        verbose_name=_("Beschluss der Lenkungsgruppe"),
        editable=False,
    )
    arbeitsgruppe = models.ForeignKey(
        Gremium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="generative_themen",
        verbose_name=_("Arbeitsgruppe"),
        editable=False,
    )
    zielsystem = models.ForeignKey(
        Zielsystem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="generative_themen",
        verbose_name=_("Zielsystem"),
        editable=False,
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert am"), auto_now=True)

    objects = GenerativesThemaQuerySet.as_manager()

    base_form_class = GenerativesThemaForm
    verlauf = GenericRelation("portal.Verlaufseintrag")
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("rechtskreise"), FieldPanel("stellen")],
            heading=_("Betroffen"),
        ),
        FieldPanel("status"),
        FieldPanel(TransitionFormMixin.reason_field),
    ]

    class Meta:
        verbose_name = _("Generatives Thema")
        verbose_name_plural = _("Generative Themen")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cycle:thema", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    def rechtskreise_labels(self) -> list[str]:
        return labels_for(Rechtskreis, self.rechtskreise)


# --- Rückmeldung -----------------------------------------------------------------------------


class Rueckmeldung(models.Model):
    """Record that a reporter was told by e-mail that their report contributed to a decision.

    One row per report and Beschluss: the e-mail goes out once, however often the link is set.
    """

    meldebogen = models.ForeignKey(
        Meldebogen,
        on_delete=models.CASCADE,
        related_name="rueckmeldungen",
        verbose_name=_("Meldebogen"),
    )
    beschluss = models.ForeignKey(
        Beschluss,
        on_delete=models.CASCADE,
        related_name="rueckmeldungen",
        verbose_name=_("Beschluss"),
    )
    thema = models.ForeignKey(
        GenerativesThema,
        on_delete=models.SET_NULL,
        null=True,
        related_name="rueckmeldungen",
        verbose_name=_("Generatives Thema"),
    )
    sent_at = models.DateTimeField(_("verschickt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Rückmeldung an die meldende Person")
        verbose_name_plural = _("Rückmeldungen an meldende Personen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meldebogen", "beschluss"], name="rueckmeldung_once_per_beschluss"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meldebogen} – {self.beschluss}"
