"""Models of the Meldebogen: the report itself, its attachments, confirmed anonymity findings,
the editable list of themes, the per-year reference counter and the retention log.

A Meldebogen is one row from the first step on: drafts are saved server-side after every step,
so closing the browser, logging out or an expired session lose nothing. Free text describes a
situation, never a person; see forms/anonymity_guard.py and docs/deletion-concept.md.
"""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from knowledge.models import Kommune, Organisation
from portal.private_files import private_storage

# --- settings with defaults (overridable in the project settings) ----------------------------


def draft_days() -> int:
    """Days a draft is kept after its last change (setting MELDEBOGEN_DRAFT_DAYS)."""
    return int(getattr(settings, "MELDEBOGEN_DRAFT_DAYS", 60))


def draft_warning_days() -> int:
    """Days before expiry from which "Meine Meldebögen" warns (MELDEBOGEN_DRAFT_WARNING_DAYS)."""
    return int(getattr(settings, "MELDEBOGEN_DRAFT_WARNING_DAYS", 7))


def retention_days() -> int:
    """Days after a report's closure (its last status change into a closed status) until its
    free text and attachments are deleted (setting MELDEBOGEN_RETENTION_DAYS)."""
    return int(getattr(settings, "MELDEBOGEN_RETENTION_DAYS", 730))


# --- choices ---------------------------------------------------------------------------------


class Status(models.TextChoices):
    """Life cycle of a report: a draft, then the statuses of the triage (forms/workflow.py holds
    the allowed transitions). Everything but ENTWURF counts as submitted."""

    ENTWURF = "entwurf", _("Entwurf")
    EINGEGANGEN = "eingegangen", _("Eingegangen")
    GESICHTET = "gesichtet", _("Gesichtet")
    ZUR_FALLREKONSTRUKTION = "zur_fallrekonstruktion", _("Zur Fallrekonstruktion vorgesehen")
    REKONSTRUIERT = "rekonstruiert", _("Rekonstruiert")
    THEMA_ZUGEORDNET = "thema_zugeordnet", _("Einem Thema zugeordnet")
    ABGESCHLOSSEN = "abgeschlossen", _("Abgeschlossen")
    ZURUECKGESTELLT = "zurueckgestellt", _("Zurückgestellt")
    NICHT_WEITERVERFOLGT = "nicht_weiterverfolgt", _("Nicht weiterverfolgt")
    DUBLETTE = "dublette", _("Dublette")


# Statuses in which a report's triage is over: the retention period runs from the change into
# one of them (forms/retention.py); reopening stops it. Every other submitted status is open.
CLOSED_STATUSES = (Status.ABGESCHLOSSEN, Status.NICHT_WEITERVERFOLGT, Status.DUBLETTE)


class Zielgruppe(models.TextChoices):
    NEUZUGEWANDERTE = "neuzugewanderte", _("Neuzugewanderte")
    GEFLUECHTETE = "gefluechtete", _("Geflüchtete")
    GEDULDETE = "geduldete", _("Geduldete")
    FAMILIEN = "familien", _("Familien")
    KINDER_JUGENDLICHE = "kinder_jugendliche", _("Kinder und Jugendliche")
    JUNGE_ERWACHSENE = "junge_erwachsene", _("Junge Erwachsene")
    FRAUEN = "frauen", _("Frauen")
    AELTERE = "aeltere", _("Ältere Menschen")
    EU_BUERGER = "eu_buerger", _("EU-Bürgerinnen und -Bürger")
    SONSTIGE = "sonstige", _("Sonstige")


class Rechtskreis(models.TextChoices):
    SGB_II = "sgb2", _("SGB II (Jobcenter)")
    SGB_III = "sgb3", _("SGB III (Agentur für Arbeit)")
    SGB_VIII = "sgb8", _("SGB VIII (Jugendamt)")
    SGB_XII = "sgb12", _("SGB XII (Sozialamt)")
    ASYLBLG = "asylblg", _("AsylbLG")
    AUFENTHG = "aufenthg", _("AufenthG (Ausländerbehörde)")
    STAG = "stag", _("StAG (Einbürgerung)")
    SONSTIGE = "sonstige", _("Anderer Rechtskreis")


class Huerde(models.TextChoices):
    FEHLENDER_PARTNER = "fehlender_partner", _("Fehlender Kooperationspartner")
    MANGELNDE_KOOPERATION = "mangelnde_kooperation", _("Mangelnde Kooperation")
    SCHNITTSTELLE = "schnittstelle", _("Schnittstellenproblem")
    SPRACHBARRIERE = "sprachbarriere", _("Sprachbarriere")
    INTERKULTURELL = "interkulturell", _("Interkulturelle Kompetenz")
    FEHLENDES_ANGEBOT = "fehlendes_angebot", _("Fehlendes Angebot")
    DATENSCHUTZ = "datenschutz", _("Datenschutz / Datenaustausch")
    SONSTIGES = "sonstiges", _("Sonstiges")


class Haeufigkeit(models.TextChoices):
    EINZELFALL = "einzelfall", _("Einzelfall")
    WIEDERHOLT = "wiederholt", _("Wiederholt")
    HAEUFIG = "haeufig", _("Häufig")


def labels_for(choices: type[models.TextChoices], values: list[str] | None) -> list[str]:
    """German labels of stored choice values, in the order of the choices."""
    chosen = set(values or [])
    return [str(label) for value, label in choices.choices if value in chosen]


# --- Thema -----------------------------------------------------------------------------------


class Thema(models.Model):
    """A theme (Handlungsfeld) a report is filed under; the list is edited by the coordination."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=100)
    active = models.BooleanField(
        _("auswählbar"),
        default=True,
        help_text=_("Nicht mehr auswählbare Themen bleiben an bestehenden Meldebögen erhalten."),
    )

    panels = [FieldPanel("name"), FieldPanel("sort_order"), FieldPanel("active")]

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


# --- Meldebogen ------------------------------------------------------------------------------


class MeldebogenQuerySet(models.QuerySet):
    def owned_by(self, user) -> "MeldebogenQuerySet":
        """The reports a user created (drafts and submitted ones)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def drafts(self) -> "MeldebogenQuerySet":
        return self.filter(status=Status.ENTWURF)

    def submitted(self) -> "MeldebogenQuerySet":
        return self.exclude(status=Status.ENTWURF)

    def counted(self) -> "MeldebogenQuerySet":
        """Submitted reports as the statistics count them: a Dublette counts once, with the
        report it duplicates, so it is left out."""
        return self.submitted().exclude(status=Status.DUBLETTE)

    def closed(self) -> "MeldebogenQuerySet":
        return self.filter(status__in=CLOSED_STATUSES)

    def expired_drafts(self, now: datetime.datetime | None = None) -> "MeldebogenQuerySet":
        return self.drafts().filter(draft_expires_at__lte=now or timezone.now())

    def due_for_anonymisation(self, now: datetime.datetime | None = None) -> "MeldebogenQuerySet":
        """Closed reports whose closure (the last status change, into a closed status) lies
        MELDEBOGEN_RETENTION_DAYS back; a report still in the triage is never due."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
        closed_before = Q(status_changed_at__lte=cutoff) | Q(
            status_changed_at__isnull=True, submitted_at__lte=cutoff
        )
        return self.closed().filter(closed_before, free_text_deleted_at__isnull=True)


class Meldebogen(models.Model):
    """The report of a case-related integration barrier (Integrationshürde)."""

    # Free-text fields: checked by the anonymity guard, blanked after the retention period.
    FREE_TEXT_FIELDS = ("situation", "beteiligte_stellen", "versucht", "vorschlag")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="meldeboegen",
        verbose_name=_("gemeldet von"),
    )
    status = models.CharField(
        _("Status"), max_length=30, choices=Status.choices, default=Status.ENTWURF, db_index=True
    )
    reference = models.CharField(
        _("Meldebogen-Nummer"), max_length=20, unique=True, null=True, blank=True, editable=False
    )

    # Schritt 1: Wer meldet
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meldeboegen",
        verbose_name=_("Organisation (Verzeichnis)"),
    )
    organisation_name = models.CharField(_("Meldende Organisation"), max_length=200, blank=True)
    rolle = models.CharField(_("Funktion der meldenden Person"), max_length=150, blank=True)
    kommunen = models.ManyToManyField(
        Kommune, blank=True, related_name="meldeboegen", verbose_name=_("Betroffene Kommunen")
    )

    # Schritt 2: Situation
    thema = models.ForeignKey(
        Thema,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meldeboegen",
        verbose_name=_("Thema"),
    )
    zielgruppen = models.JSONField(_("Zielgruppen"), default=list, blank=True)
    rechtskreise = models.JSONField(_("Beteiligte Rechtskreise"), default=list, blank=True)
    situation = models.TextField(_("Beschreibung der Situation"), blank=True)

    # Schritt 3: Hürde
    huerden = models.JSONField(_("Art der Hürde"), default=list, blank=True)
    beteiligte_stellen = models.TextField(_("Beteiligte Stellen und Organisationen"), blank=True)
    versucht = models.TextField(_("Was wurde bereits versucht?"), blank=True)
    haeufigkeit = models.CharField(
        _("Wie oft kommt das vor?"), max_length=20, choices=Haeufigkeit.choices, blank=True
    )

    # Schritt 4: Vorschlag und Einverständnis
    vorschlag = models.TextField(_("Vorschlag zur Lösung"), blank=True)
    fallrekonstruktion = models.BooleanField(
        _("Bereit zur Mitwirkung an einer Fallrekonstruktion"), null=True, blank=True
    )

    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert am"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    draft_expires_at = models.DateTimeField(_("Entwurf gültig bis"), null=True, blank=True)
    # Triage (forms/workflow.py): the version counter guards against lost updates, the time of
    # the last status change and the deadline of the current status (forms/service_levels.py).
    version = models.PositiveIntegerField(_("Version"), default=0, editable=False)
    # The status history (portal.transitions); deleted with the report.
    verlauf = GenericRelation("portal.Verlaufseintrag")
    status_changed_at = models.DateTimeField(
        _("Status geändert am"), null=True, blank=True, editable=False
    )
    frist = models.DateField(
        _("Frist im aktuellen Status"), null=True, blank=True, editable=False, db_index=True
    )
    free_text_deleted_at = models.DateTimeField(
        _("Freitexte gelöscht am"), null=True, blank=True, editable=False
    )
    # Written by the closing transitions (forms/workflow.py), shown to the reporter instead of
    # the internal reason; cleared when the report is reopened, blanked with the free text.
    reporter_reason = models.TextField(
        _("Begründung für die meldende Person"), blank=True, editable=False
    )
    # Set with the transition to "Dublette": the report this one duplicates (never a Dublette).
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dubletten",
        verbose_name=_("Dublette von"),
        editable=False,
    )
    # The reporter may switch off the e-mails on status changes of this report.
    status_mails = models.BooleanField(
        _("E-Mail bei Statusänderungen"),
        default=True,
        help_text=_("Die meldende Person erhält eine E-Mail, wenn sich der Status ändert."),
    )

    objects = MeldebogenQuerySet.as_manager()

    class Meta:
        verbose_name = _("Meldebogen")
        verbose_name_plural = _("Meldebögen")
        ordering = ["-submitted_at", "-updated_at"]
        # Filing reports is a capability of its own (forms.permissions.REPORT): add_meldebogen
        # would also open the admin's create view, which nobody should use.
        permissions = [("einreichen_meldebogen", "Darf Meldebögen einreichen")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.ENTWURF) | Q(reference__isnull=False),
                name="meldebogen_submitted_has_reference",
            ),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | Q(status=Status.DUBLETTE),
                name="meldebogen_only_dublette_has_original",
            ),
        ]

    def __str__(self) -> str:
        if self.reference:
            return self.reference
        return f"Entwurf vom {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("forms:detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == Status.ENTWURF

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def retention_starts_at(self) -> datetime.datetime | None:
        """When the retention period began (the closure), None while the report is open."""
        return self.status_changed_at if self.is_closed else None

    def free_text_deleted_after(self) -> datetime.datetime | None:
        """When the free text will be deleted if the report stays closed (None: open)."""
        start = self.retention_starts_at()
        if start is None or self.free_text_deleted_at is not None:
            return None
        return start + datetime.timedelta(days=retention_days())

    def touch_draft(self) -> None:
        """Move the draft's expiry forward (called on every save from the wizard)."""
        self.draft_expires_at = timezone.now() + datetime.timedelta(days=draft_days())

    def expires_soon(self, now: datetime.datetime | None = None) -> bool:
        if not self.is_draft or self.draft_expires_at is None:
            return False
        now = now or timezone.now()
        return self.draft_expires_at - now <= datetime.timedelta(days=draft_warning_days())

    # display helpers for templates and mails
    def zielgruppen_labels(self) -> list[str]:
        return labels_for(Zielgruppe, self.zielgruppen)

    def rechtskreise_labels(self) -> list[str]:
        return labels_for(Rechtskreis, self.rechtskreise)

    def huerden_labels(self) -> list[str]:
        return labels_for(Huerde, self.huerden)


def attachment_path(instance: "Anhang", filename: str) -> str:
    """A random file name: the original name may carry personal data and is kept in the row."""
    suffix = PurePath(filename).suffix.lower()
    return f"meldeboegen/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Anhang(models.Model):
    """A file attached to a Meldebogen, in the private storage (no URL; served only through a
    view that checks access, portal.private_files.serve_private_file)."""

    meldebogen = models.ForeignKey(
        Meldebogen, on_delete=models.CASCADE, related_name="anhaenge", verbose_name=_("Meldebogen")
    )
    file = models.FileField(
        _("Datei"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe in Bytes"))
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("forms:attachment", kwargs={"pk": self.pk})

    def delete_file(self) -> None:
        if self.file:
            self.file.delete(save=False)


class ConfirmedFinding(models.Model):
    """A span the anonymity check flagged and the reporter confirmed as not personal data.

    Kept for the KIM-Koordination to review; deleted with the free text after the retention
    period.
    """

    meldebogen = models.ForeignKey(
        Meldebogen,
        on_delete=models.CASCADE,
        related_name="confirmed_findings",
        verbose_name=_("Meldebogen"),
    )
    field = models.CharField(_("Feld"), max_length=50)
    kind = models.CharField(_("Art"), max_length=30)
    text = models.CharField(_("Gefundener Text"), max_length=300)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )
    confirmed_at = models.DateTimeField(_("bestätigt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Bestätigter Fund der Anonymitätsprüfung")
        verbose_name_plural = _("Bestätigte Funde der Anonymitätsprüfung")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meldebogen", "field", "kind", "text"], name="confirmed_finding_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.text}"

    @property
    def kind_label(self) -> str:
        from forms.anonymity import KIND_LABELS

        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def field_label(self) -> str:
        try:
            return str(Meldebogen._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:
            return self.field


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (locked while a number is allocated)."""

    year = models.PositiveIntegerField(_("Jahr"), unique=True)
    last_number = models.PositiveIntegerField(_("zuletzt vergebene Nummer"), default=0)

    class Meta:
        verbose_name = _("Nummernkreis")
        verbose_name_plural = _("Nummernkreise")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class RetentionLog(models.Model):
    """Record of one run of the retention job: what was deleted or anonymised, never the data."""

    run_at = models.DateTimeField(_("ausgeführt am"), auto_now_add=True)
    drafts_deleted = models.PositiveIntegerField(_("gelöschte Entwürfe"), default=0)
    reports_anonymised = models.PositiveIntegerField(_("anonymisierte Meldebögen"), default=0)
    attachments_deleted = models.PositiveIntegerField(_("gelöschte Anhänge"), default=0)
    references = models.JSONField(
        _("betroffene Meldebogen-Nummern"), default=list, blank=True, editable=False
    )
    draft_days = models.PositiveIntegerField(_("Aufbewahrung Entwürfe (Tage)"))
    retention_days = models.PositiveIntegerField(_("Aufbewahrung Freitexte (Tage)"))

    class Meta:
        verbose_name = _("Löschprotokoll")
        verbose_name_plural = _("Löschprotokolle")
        ordering = ["-run_at"]

    def __str__(self) -> str:
        return f"Löschlauf {timezone.localtime(self.run_at):%d.%m.%Y %H:%M}"


# --- Triage: history, notes, questions to the reporter, saved filters, deadlines -------------


class Notiz(models.Model):
    """An internal note of the coordination on a report; never shown to the reporter."""

    meldebogen = models.ForeignKey(
        Meldebogen, on_delete=models.CASCADE, related_name="notizen", verbose_name=_("Meldebogen")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verfasst von"),
    )
    created_at = models.DateTimeField(_("verfasst am"), default=timezone.now)
    text = models.TextField(_("Interne Notiz"))

    class Meta:
        verbose_name = _("Interne Notiz")
        verbose_name_plural = _("Interne Notizen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Notiz vom {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"


class RueckfrageQuerySet(models.QuerySet):
    def open(self) -> "RueckfrageQuerySet":
        return self.filter(answered_at__isnull=True)


class Rueckfrage(models.Model):
    """A question of the coordination to the reporter, answered on the reporter's report page.

    The reporter sees the question and their answer, never who in the coordination asked.
    """

    meldebogen = models.ForeignKey(
        Meldebogen,
        on_delete=models.CASCADE,
        related_name="rueckfragen",
        verbose_name=_("Meldebogen"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gestellt von"),
    )
    asked_at = models.DateTimeField(_("gestellt am"), default=timezone.now)
    question = models.TextField(_("Rückfrage"))
    answer = models.TextField(_("Antwort"), blank=True)
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)

    objects = RueckfrageQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rückfrage")
        verbose_name_plural = _("Rückfragen")
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"Rückfrage vom {timezone.localtime(self.asked_at):%d.%m.%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class GespeicherterFilter(models.Model):
    """A named filter of the work list, saved by one coordinator for themselves."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldebogen_filter",
        verbose_name=_("Benutzer"),
    )
    name = models.CharField(_("Name"), max_length=80)
    query = models.CharField(_("Filter (Abfrage)"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("Gespeicherter Filter")
        verbose_name_plural = _("Gespeicherte Filter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="gespeicherter_filter_unique")
        ]

    def __str__(self) -> str:
        return self.name


def _frist_field(label: str, default: int | None) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        default=default,
        help_text=_("Arbeitstage (ohne Wochenenden und Feiertage in NRW); leer = keine Frist."),
    )


@register_setting(icon="time")
class Bearbeitungsfristen(BaseGenericSetting):
    """Service levels of the triage: working days a report may stay in a status."""

    eingegangen = _frist_field(_("Erste Sichtung (Status „Eingegangen“)"), 10)
    gesichtet = _frist_field(_("Nach der Sichtung (Status „Gesichtet“)"), 20)
    zur_fallrekonstruktion = _frist_field(
        _("Bis zur Fallrekonstruktion (Status „Zur Fallrekonstruktion vorgesehen“)"), 40
    )
    rekonstruiert = _frist_field(_("Nach der Fallrekonstruktion (Status „Rekonstruiert“)"), 20)
    thema_zugeordnet = _frist_field(_("Einem Thema zugeordnet"), None)
    zurueckgestellt = _frist_field(_("Wiedervorlage (Status „Zurückgestellt“)"), 60)

    STATUS_FIELDS = (
        "eingegangen",
        "gesichtet",
        "zur_fallrekonstruktion",
        "rekonstruiert",
        "thema_zugeordnet",
        "zurueckgestellt",
    )

    panels = [
        HelpPanel(
            content=_(
                "Fristen in Arbeitstagen ab dem Wechsel in den Status. Wochenenden und "
                "gesetzliche Feiertage in Nordrhein-Westfalen zählen nicht mit. Überfällige "
                "Meldebögen sind in der Sichtung markiert und stehen in der täglichen "
                "Übersicht per E-Mail."
            )
        ),
        *[FieldPanel(name) for name in STATUS_FIELDS],
    ]

    class Meta:
        verbose_name = _("Bearbeitungsfristen Meldebögen")

    def days_for(self, status: str) -> int | None:
        """Working days allowed in ``status``; None: no deadline."""
        if status not in self.STATUS_FIELDS:
            return None
        return getattr(self, status)


PLACEHOLDER = "[bitte ergänzen: {}]"


@register_setting(icon="doc-full")
class Verarbeitungsverzeichnis(BaseGenericSetting):
    """The parts of the Art. 30 DSGVO record that only the installation knows: who is
    responsible, how to reach the data-protection officer, who receives data and whether any is
    transferred. forms/processing_record.py shows them with the rest of the record;
    ``manage.py setup_portal`` fills them (placeholders until the Kreis completes them)."""

    verantwortlicher = models.TextField(
        _("Verantwortlicher"),
        blank=True,
        help_text=_(
            "Name und Anschrift der verantwortlichen Stelle, z. B. „Kreis Unna, Der Landrat, "
            "Friedrich-Ebert-Straße 17, 59425 Unna“."
        ),
    )
    datenschutzbeauftragte = models.TextField(
        _("Kontakt der oder des Datenschutzbeauftragten"),
        blank=True,
        help_text=_("Funktionsadresse genügt, z. B. „datenschutz@kreis-unna.de“."),
    )
    empfaenger = models.TextField(
        _("Empfänger"),
        blank=True,
        help_text=_("Wer Daten aus Meldebögen erhält, intern und extern (z. B. IT-Dienstleister)."),
    )
    uebermittlungen = models.TextField(
        _("Übermittlungen an Drittländer oder internationale Organisationen"),
        blank=True,
    )

    panels = [
        FieldPanel("verantwortlicher"),
        FieldPanel("datenschutzbeauftragte"),
        FieldPanel("empfaenger"),
        FieldPanel("uebermittlungen"),
    ]

    DEFAULTS = {
        "verantwortlicher": PLACEHOLDER.format("Name und Anschrift der verantwortlichen Stelle"),
        "datenschutzbeauftragte": PLACEHOLDER.format(
            "Kontakt der oder des Datenschutzbeauftragten"
        ),
        "empfaenger": (
            "KIM-Koordination (Sichtung und Auswertung). Die Lenkungsgruppe erhält nur "
            "zusammengefasste Themen. Die meldende Person sieht Status, Rückmeldungen und "
            "Rückfragen zu ihren eigenen Meldebögen, nie Notizen. "
            + PLACEHOLDER.format("IT-Dienstleister, der das Portal betreibt")
        ),
        "uebermittlungen": "Keine Übermittlung in Drittländer oder an internationale "
        "Organisationen.",
    }

    class Meta:
        verbose_name = _("Verzeichnis von Verarbeitungstätigkeiten (Meldebögen)")

    def fill_defaults(self, **given: str) -> list[str]:
        """Fill empty fields from ``given`` or the defaults; returns the names of the fields
        still holding a placeholder."""
        for name, default in self.DEFAULTS.items():
            value = (given.get(name) or "").strip()
            if value:
                setattr(self, name, value)
            elif not getattr(self, name).strip():
                setattr(self, name, default)
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.DEFAULTS
            if "[bitte ergänzen" in getattr(self, name)
        ]
