"""The Beschlüsse register: numbered decisions per Gremium and year."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from portal.transitions import TransitionFormMixin

from .gremium import Gremium, sees_all_spaces, viewer_gremium_ids
from .record import FROZEN_BESCHLUSS, RecordFrozen, disable_fields
from .sitzung import Sitzung

# The wording of a Beschluss: frozen once it is part of the official record, versioned always.
CONTENT_FIELDS = (
    "gremium_id",
    "sitzung_id",
    "tagesordnungspunkt_id",
    "decided_on",
    "title",
    "text",
    "refers_to",
    "vote_yes",
    "vote_no",
    "vote_abstain",
)
VERSIONED_FIELDS = ("title", "text", "refers_to", "decided_on")


class BeschlussQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BeschlussQuerySet":
        """Beschlüsse of visible Gremien, plus those released to all logged-in users."""
        if sees_all_spaces(user):
            return self.all()
        if not (user.is_authenticated and user.is_active):
            return self.none()
        # Beyond the Gremium a released Beschluss is visible only once it is part of the
        # official record (its minutes approved, or approved on its own when added later).
        return self.filter(
            Q(gremium_id__in=viewer_gremium_ids(user))
            | Q(shared_with_all=True, festgestellt_am__isnull=False)
            # Recorded without a Sitzung (e.g. by circulation): no minutes to wait for.
            | Q(shared_with_all=True, sitzung__isnull=True)
        )

    def festgestellt(self) -> "BeschlussQuerySet":
        return self.filter(festgestellt_am__isnull=False)


class BeschlussForm(TransitionFormMixin, WagtailAdminModelForm):
    """The status field offers the declared transitions (spaces.transitions), with a Verlauf.

    A Beschluss that is part of the record (``festgestellt_am``) is shown with its wording
    read-only; status and release stay editable."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_frozen:
            disable_fields(self, keep=("status", "shared_with_all", self.reason_field))

    @property
    def is_frozen(self) -> bool:
        return bool(
            self.instance.pk
            and Beschluss.objects.filter(
                pk=self.instance.pk, festgestellt_am__isnull=False
            ).exists()
        )


class Beschluss(index.Indexed, models.Model):
    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        IN_UMSETZUNG = "in_umsetzung", _("in Umsetzung")
        UMGESETZT = "umgesetzt", _("umgesetzt")
        AUFGEHOBEN = "aufgehoben", _("aufgehoben")

    gremium = models.ForeignKey(
        Gremium, on_delete=models.PROTECT, related_name="beschluesse", verbose_name=_("Gremium")
    )
    number = models.CharField(_("Nummer"), max_length=30, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("Jahr"), editable=False)
    sequence = models.PositiveIntegerField(_("laufende Nummer"), editable=False)
    decided_on = models.DateField(_("Datum"), default=timezone.localdate)
    title = models.CharField(_("Betreff"), max_length=300)
    text = models.TextField(_("Beschlusstext"))
    refers_to = models.CharField(
        _("bezieht sich auf"),
        max_length=300,
        blank=True,
        help_text=_("z. B. eine Vorlage, ein Zielsystem oder ein früherer Beschluss"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    sitzung = models.ForeignKey(
        Sitzung,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beschluesse",
        verbose_name=_("gefasst in der Sitzung"),
    )
    shared_with_all = models.BooleanField(
        _("für alle Akteure freigegeben"),
        default=False,
        help_text=_("Dann sehen alle angemeldeten Personen diesen Beschluss im Register."),
    )
    tagesordnungspunkt = models.ForeignKey(
        "spaces.Tagesordnungspunkt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="beschluesse",
        verbose_name=_("unter Tagesordnungspunkt"),
        help_text=_("Der TOP der Sitzung, unter dem der Beschluss gefasst wurde."),
    )

    vote_yes = models.PositiveSmallIntegerField(_("Ja-Stimmen"), null=True, blank=True)
    vote_no = models.PositiveSmallIntegerField(_("Nein-Stimmen"), null=True, blank=True)
    vote_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), null=True, blank=True)
    festgestellt_am = models.DateTimeField(
        _("genehmigt am"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Seit wann der Beschluss amtlich ist: mit der Genehmigung seines Protokolls oder, "
            "nachträglich erfasst, mit seiner eigenen Genehmigung."
        ),
    )

    verlauf = GenericRelation("portal.Verlaufseintrag")

    objects = BeschlussQuerySet.as_manager()
    base_form_class = BeschlussForm

    panels = [
        FieldRowPanel([FieldPanel("gremium"), FieldPanel("sitzung")]),
        FieldPanel("tagesordnungspunkt"),
        FieldRowPanel([FieldPanel("decided_on"), FieldPanel("status")]),
        FieldPanel(TransitionFormMixin.reason_field),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("refers_to"),
        FieldRowPanel([FieldPanel("vote_yes"), FieldPanel("vote_no"), FieldPanel("vote_abstain")]),
        FieldPanel("shared_with_all"),
    ]
    search_fields = [
        index.SearchField("number", boost=3),
        index.SearchField("title", boost=2),
        index.SearchField("text"),
        index.FilterField("gremium_id"),
        index.FilterField("status"),
        index.FilterField("shared_with_all"),
    ]

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["-decided_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["gremium", "year", "sequence"], name="beschluss_unique_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            self._check_frozen(self._stored())
            self._save_numbered(*args, **kwargs)
            self._keep_version()

    def get_absolute_url(self) -> str:
        return reverse("spaces:beschluss", kwargs={"number": self.number})

    def delete(self, *args, **kwargs):
        stored = self._stored()
        if stored and stored["festgestellt_am"] is not None:
            raise RecordFrozen(FROZEN_BESCHLUSS.format(number=self.number))
        return super().delete(*args, **kwargs)

    @property
    def vote_summary(self) -> str:
        """The vote in words: "einstimmig (7 Ja)" or "5 Ja, 1 Nein, 1 Enthaltung"; "" if not
        recorded."""
        yes, no, abstain = self.vote_yes, self.vote_no, self.vote_abstain
        if yes is None and no is None and abstain is None:
            return ""
        yes, no, abstain = yes or 0, no or 0, abstain or 0
        if yes and not no and not abstain:
            return f"einstimmig ({yes} Ja)"
        enthaltung = "Enthaltung" if abstain == 1 else "Enthaltungen"
        return f"{yes} Ja, {no} Nein, {abstain} {enthaltung}"

    def approval_refusal(self) -> str:
        """Why this Beschluss cannot be approved on its own ("" if it can): it is approved
        already, or its Sitzung's minutes are not approved yet (it is approved with them)."""
        if self.is_frozen:
            return "Der Beschluss ist bereits genehmigt."
        if (
            self.sitzung_id
            and not self.sitzung.__class__.objects.filter(
                pk=self.sitzung_id, protokoll__status="genehmigt"
            ).exists()
        ):
            return (
                "Der Beschluss wird mit dem Protokoll seiner Sitzung genehmigt. Nehmen Sie "
                "ihn in das Protokoll auf, bevor es genehmigt wird."
            )
        return ""

    @property
    def is_frozen(self) -> bool:
        return self.festgestellt_am is not None

    def _content(self) -> dict:
        return {name: getattr(self, name) for name in CONTENT_FIELDS}

    def _stored(self) -> dict | None:
        if not self.pk:
            return None
        return (
            Beschluss.objects.filter(pk=self.pk).values("festgestellt_am", *CONTENT_FIELDS).first()
        )

    def _check_frozen(self, stored: dict | None) -> None:
        if getattr(self, "_correction", None) is not None:
            return
        if stored and stored["festgestellt_am"] is not None:
            changed = [n for n in CONTENT_FIELDS if stored[n] != getattr(self, n)]
            if changed:
                raise RecordFrozen(FROZEN_BESCHLUSS.format(number=self.number))

    def _keep_version(self) -> None:
        """Append a BeschlussVersion if the wording differs from the latest one."""
        latest = self.versionen.order_by("-number").first()
        wording = {name: getattr(self, name) for name in VERSIONED_FIELDS}
        if latest and all(getattr(latest, n) == v for n, v in wording.items()):
            return
        BeschlussVersion.objects.create(
            beschluss=self,
            number=(latest.number + 1) if latest else 1,
            berichtigung=getattr(self, "_correction", None),
            **wording,
        )

    def apply_correction(self, berichtigung, *, title: str, text: str) -> None:
        """The one way to change a frozen Beschluss: an approved Berichtigung."""
        self.title, self.text = title or self.title, text
        self._correction = berichtigung
        try:
            self.save()
        finally:
            self._correction = None

    def _save_numbered(self, *args, **kwargs) -> None:
        if self.number:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            # Lock the Gremium row so two decisions cannot take the same number (PostgreSQL);
            # SQLite serialises writers anyway.
            gremium = Gremium.objects.select_for_update().get(pk=self.gremium_id)
            self.year = self.decided_on.year
            last = Beschluss.objects.filter(gremium=gremium, year=self.year).aggregate(
                last=Max("sequence")
            )["last"]
            self.sequence = (last or 0) + 1
            self.number = f"{gremium.prefix}-{self.year}-{self.sequence:02d}"
            super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self._check_frozen(self._stored())
        if self.sitzung_id and self.gremium_id and self.sitzung.gremium_id != self.gremium_id:
            raise ValidationError({"sitzung": _("Die Sitzung gehört zu einem anderen Gremium.")})
        if self.tagesordnungspunkt_id and self.tagesordnungspunkt.sitzung_id != self.sitzung_id:
            raise ValidationError(
                {
                    "tagesordnungspunkt": _(
                        "Der Tagesordnungspunkt gehört nicht zur gewählten Sitzung."
                    )
                }
            )
        if self.pk and self.number:
            stored = Beschluss.objects.filter(pk=self.pk).values("gremium_id", "year").first()
            if stored and (
                stored["gremium_id"] != self.gremium_id
                or (self.decided_on and stored["year"] != self.decided_on.year)
            ):
                raise ValidationError(
                    _(
                        "Gremium und Jahr eines nummerierten Beschlusses bleiben, damit die "
                        "Nummer {number} gültig bleibt. Heben Sie den Beschluss auf und "
                        "fassen Sie einen neuen."
                    ).format(number=self.number)
                )

        today = timezone.localdate()
        if self.decided_on and self.decided_on > today:
            raise ValidationError(
                {"decided_on": _("Ein Beschluss kann nicht in der Zukunft gefasst sein.")}
            )
        if self.sitzung_id:
            sitzung = self.sitzung
            if sitzung.status == Sitzung.Status.ABGESAGT:
                raise ValidationError(
                    {"sitzung": _("In einer abgesagten Sitzung wird nichts beschlossen.")}
                )
            day = timezone.localtime(sitzung.starts_at).date()
            if self.decided_on and self.decided_on != day:
                raise ValidationError(
                    {
                        "decided_on": _("Das Datum muss der Tag der Sitzung sein ({day}).").format(
                            day=day.strftime("%d.%m.%Y")
                        )
                    }
                )


class BeschlussVersion(models.Model):
    """One wording of a Beschluss: the first, every later change and every correction."""

    beschluss = models.ForeignKey(
        Beschluss, on_delete=models.CASCADE, related_name="versionen", verbose_name=_("Beschluss")
    )
    number = models.PositiveIntegerField(_("Fassung"))
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)
    title = models.CharField(_("Betreff"), max_length=300)
    text = models.TextField(_("Beschlusstext"))
    refers_to = models.CharField(_("bezieht sich auf"), max_length=300, blank=True)
    decided_on = models.DateField(_("Datum"))
    berichtigung = models.ForeignKey(
        "spaces.Berichtigung",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("durch Berichtigung"),
    )

    class Meta:
        verbose_name = _("Fassung eines Beschlusses")
        verbose_name_plural = _("Fassungen von Beschlüssen")
        ordering = ["beschluss", "number"]
        constraints = [
            models.UniqueConstraint(fields=["beschluss", "number"], name="beschlussversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.beschluss.number}, Fassung {self.number}"
