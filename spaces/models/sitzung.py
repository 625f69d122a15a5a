"""Sitzungen (meetings) of a Gremium with their Tagesordnung (agenda)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.transitions import TransitionFormMixin

from .gremium import Gremium, sees_all_spaces, viewer_gremium_ids


class SitzungQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SitzungQuerySet":
        """Sitzungen of the Gremien whose space ``user`` may open (see spaces.visibility)."""
        if sees_all_spaces(user):
            return self.all()
        return self.filter(gremium_id__in=viewer_gremium_ids(user))

    def upcoming(self) -> "SitzungQuerySet":
        return self.filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "SitzungQuerySet":
        return self.filter(starts_at__lt=timezone.now()).order_by("-starts_at")


class SitzungForm(TransitionFormMixin, WagtailAdminModelForm):
    """The status field offers the declared transitions (spaces.transitions), with a Verlauf."""


class Sitzung(index.Indexed, ClusterableModel):
    class Status(models.TextChoices):
        GEPLANT = "geplant", _("geplant")
        EINGELADEN = "eingeladen", _("eingeladen")
        DURCHGEFUEHRT = "durchgefuehrt", _("durchgeführt")
        ABGESAGT = "abgesagt", _("abgesagt")

    gremium = models.ForeignKey(
        Gremium, on_delete=models.PROTECT, related_name="sitzungen", verbose_name=_("Gremium")
    )
    title = models.CharField(_("Titel"), max_length=200, help_text=_("z. B. „12. Sitzung“"))
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    location = models.CharField(_("Ort"), max_length=300, blank=True)
    video_url = models.URLField(_("Link zur Videokonferenz"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.GEPLANT
    )
    # RFC 5545 SEQUENCE of the Sitzung's calendar entry (feed and mails); raised by
    # spaces.calendar_updates when what a calendar shows changes.
    ics_sequence = models.PositiveIntegerField(
        _("Änderungsstand im Kalender"), default=0, editable=False
    )

    verlauf = GenericRelation("portal.Verlaufseintrag")

    objects = SitzungQuerySet.as_manager()
    base_form_class = SitzungForm

    panels = [
        FieldRowPanel([FieldPanel("gremium"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("video_url")]),
        FieldPanel("status"),
        FieldPanel(TransitionFormMixin.reason_field),
        InlinePanel("tagesordnung", heading=_("Tagesordnung"), label=_("Tagesordnungspunkt")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.FilterField("gremium_id"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="sitzung_ends_after_start",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            )
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at).strftime("%d.%m.%Y")
        return f"{self.gremium}: {self.title} ({when})"

    def get_absolute_url(self) -> str:
        return reverse("spaces:sitzung", kwargs={"slug": self.gremium.slug, "pk": self.pk})

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at >= timezone.now()


class Tagesordnungspunkt(Orderable):
    """One item of a Sitzung's agenda; the order of the inline gives the TOP number."""

    sitzung = ParentalKey(
        Sitzung, on_delete=models.CASCADE, related_name="tagesordnung", verbose_name=_("Sitzung")
    )
    title = models.CharField(_("Thema"), max_length=300)
    description = models.TextField(_("Erläuterung"), blank=True)
    presenter = models.CharField(_("Berichterstattung"), max_length=200, blank=True)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Unterlage (Dokument)"),
        help_text=_("Ein Dokument des Gremiums oder aus dem Wissensbereich."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("weiterer Inhalt (Seite)"),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("presenter"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("page")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")

    def __str__(self) -> str:
        return self.title
