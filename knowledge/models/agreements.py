"""Kooperationsvereinbarungen between the Kreis and its Kommunen (and partner organisations)."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from knowledge.models.reference import Kommune, Organisation
from knowledge.models.review import change_note_field
from portal.capabilities import is_active_user
from portal.privacy import visible_pages

EVALUATION_WARNING_DAYS = 60


@dataclass(frozen=True)
class EvaluationState:
    code: str  # "ueberfaellig", "faellig", "geplant", "ohne_termin", "entfaellt"
    label: str

    @property
    def needs_attention(self) -> bool:
        return self.code in ("ueberfaellig", "faellig")


class KooperationsvereinbarungQuerySet(models.QuerySet):
    def live(self) -> "KooperationsvereinbarungQuerySet":
        """Published agreements; drafts and agreements in review stay in the admin."""
        return self.filter(live=True)

    def visible_to(self, user) -> "KooperationsvereinbarungQuerySet":
        """What ``user`` may read: those who may view agreements in the admin see every
        agreement (drafts too); other active users see the published ones, if they may see the
        knowledge base they are shown in (page privacy)."""
        index_page = apps.get_model("knowledge", "KnowledgeIndexPage")  # pages imports us
        if not is_active_user(user):
            return self.none()
        if user.has_perm("knowledge.view_kooperationsvereinbarung"):
            return self
        if not visible_pages(user, index_page.objects.all()).exists():
            return self.none()
        return self.live()

    def evaluation_overdue(
        self, today: datetime.date | None = None
    ) -> "KooperationsvereinbarungQuerySet":
        """Agreements whose next evaluation date has passed (not the ones that ran out);
        the same rule as ``evaluation_state`` "ueberfaellig"."""
        today = today or timezone.localdate()
        return self.filter(next_evaluation_on__lt=today).exclude(
            status=Kooperationsvereinbarung.Status.AUSGELAUFEN
        )


class KooperationsvereinbarungForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if (
            instance.pk
            and instance.live
            and not self.is_bound
            and instance.live_revision_id
            and instance.live_revision_id == instance.latest_revision_id
        ):
            # A new version starts with an empty note; the published one stays in the log.
            self.initial["change_note"] = ""


class Kooperationsvereinbarung(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model
):
    """The agreement with one Kommune, or with one partner organisation in that Kommune.

    Edited like a page: drafts, review by the KIM-Koordination in Wagtail's workflow, then
    published. The row holds the published version; readers see only live agreements.
    """

    class Status(models.TextChoices):
        IN_VERHANDLUNG = "in_verhandlung", _("in Verhandlung")
        UNTERZEICHNET = "unterzeichnet", _("unterzeichnet")
        IN_EVALUATION = "in_evaluation", _("in Evaluation")
        AUSGELAUFEN = "ausgelaufen", _("ausgelaufen")

    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.PROTECT,
        related_name="kooperationsvereinbarungen",
        verbose_name=_("Kommune"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="kooperationsvereinbarungen",
        verbose_name=_("Partnerorganisation"),
        null=True,
        blank=True,
        help_text=_("Leer lassen für die Vereinbarung mit der Kommune selbst."),
    )
    parties = models.TextField(
        _("Vertragsparteien"), help_text=_("Eine Partei je Zeile, mit vertretender Person.")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.IN_VERHANDLUNG
    )
    signed_on = models.DateField(_("unterzeichnet am"), null=True, blank=True)
    valid_from = models.DateField(_("Laufzeit ab"), null=True, blank=True)
    valid_until = models.DateField(
        _("Laufzeit bis"),
        null=True,
        blank=True,
        help_text=_("Leer lassen bei unbefristeter Laufzeit."),
    )
    next_evaluation_on = models.DateField(_("nächste Evaluation am"), null=True, blank=True)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unterzeichnete Fassung (PDF)"),
    )
    text = RichTextField(
        _("Vereinbarter Inhalt"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link"],
    )
    change_note = change_note_field()

    objects = KooperationsvereinbarungQuerySet.as_manager()
    base_form_class = KooperationsvereinbarungForm

    panels = [
        FieldRowPanel([FieldPanel("kommune"), FieldPanel("organisation")]),
        FieldPanel("parties"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("signed_on"),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldPanel("next_evaluation_on"),
            ],
            heading=_("Termine"),
        ),
        FieldPanel("document"),
        FieldPanel("text"),
        FieldPanel("change_note"),
    ]

    class Meta:
        verbose_name = _("Kooperationsvereinbarung")
        verbose_name_plural = _("Kooperationsvereinbarungen")
        ordering = ["kommune__name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune"],
                condition=Q(organisation__isnull=True),
                name="kooperationsvereinbarung_one_per_kommune",
                violation_error_message=_(
                    "Für diese Kommune gibt es schon eine Kooperationsvereinbarung."
                ),
            ),
            models.UniqueConstraint(
                fields=["kommune", "organisation"],
                name="kooperationsvereinbarung_one_per_organisation",
                violation_error_message=_(
                    "Mit dieser Organisation gibt es in dieser Kommune schon eine "
                    "Kooperationsvereinbarung."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.organisation_id:
            return f"Kooperationsvereinbarung {self.kommune} – {self.organisation}"
        return f"Kooperationsvereinbarung {self.kommune}"

    def clean(self):
        errors = {}
        signed = (self.Status.UNTERZEICHNET, self.Status.IN_EVALUATION, self.Status.AUSGELAUFEN)
        if self.status in signed and not self.signed_on:
            errors["signed_on"] = _(
                "Bitte geben Sie an, wann die Vereinbarung unterzeichnet wurde."
            )
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Das Ende der Laufzeit liegt vor ihrem Beginn.")
        if self.document_id and self.document.file_extension.lower() != "pdf":
            errors["document"] = _("Bitte laden Sie die unterzeichnete Fassung als PDF hoch.")
        if errors:
            raise ValidationError(errors)

    def evaluation_state(self, today: datetime.date | None = None) -> EvaluationState:
        """Whether the next evaluation is overdue, due within 60 days, planned or not set."""
        today = today or timezone.localdate()
        if self.status == self.Status.AUSGELAUFEN:
            return EvaluationState("entfaellt", _("entfällt (ausgelaufen)"))
        if self.next_evaluation_on is None:
            return EvaluationState("ohne_termin", _("kein Termin festgelegt"))
        days = (self.next_evaluation_on - today).days
        date = self.next_evaluation_on.strftime("%d.%m.%Y")
        if days < 0:
            return EvaluationState("ueberfaellig", _("überfällig seit %(date)s") % {"date": date})
        if days <= EVALUATION_WARNING_DAYS:
            return EvaluationState("faellig", _("fällig am %(date)s") % {"date": date})
        return EvaluationState("geplant", _("geplant für %(date)s") % {"date": date})


def agreement_overview(today: datetime.date | None = None) -> dict:
    """Every Kommune with its agreements and their evaluation state (two queries)."""
    today = today or timezone.localdate()
    agreements = Kooperationsvereinbarung.objects.live().select_related("organisation", "document")
    kommunen = Kommune.objects.prefetch_related(
        Prefetch("kooperationsvereinbarungen", queryset=agreements.order_by("organisation__name"))
    )
    rows = []
    overdue = due = 0
    for kommune in kommunen:
        entries = []
        for agreement in kommune.kooperationsvereinbarungen.all():
            state = agreement.evaluation_state(today)
            overdue += state.code == "ueberfaellig"
            due += state.code == "faellig"
            entries.append((agreement, state))
        rows.append((kommune, entries))
    return {
        "rows": rows,
        "overdue_count": overdue,
        "due_count": due,
        "warning_days": EVALUATION_WARNING_DAYS,
        "today": today,
    }
