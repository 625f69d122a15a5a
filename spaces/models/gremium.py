"""Gremien with their seats (Sitze) and the dated membership history (Mitgliedschaften)."""

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from knowledge.models import Kommune, Organisation
from portal.capabilities import user_group_ids
from spaces.capabilities import EDIT_MINUTES, SEE_ALL_SPACES

# Path segments under /gremien/ that belong to other views, never to a Gremium.
RESERVED_SLUGS = frozenset({"beschluesse", "kalender", "zielsysteme", "aufgaben"})


class GremiumQuerySet(models.QuerySet):
    def visible_to(self, user) -> "GremiumQuerySet":
        """Gremien whose space ``user`` may open (the rule at the end of this module)."""
        if sees_all_spaces(user):
            return self.all()
        return self.filter(id__in=viewer_gremium_ids(user))


class Gremium(index.Indexed, ClusterableModel):
    """A body of the KIM: Lenkungsgruppe, Arbeitsgruppe, Facharbeitskreis and the like."""

    class Kind(models.TextChoices):
        LENKUNGSGRUPPE = "lenkungsgruppe", _("Lenkungsgruppe")
        ARBEITSGRUPPE = "arbeitsgruppe", _("Arbeitsgruppe")
        FACHARBEITSKREIS = "facharbeitskreis", _("Facharbeitskreis")
        LOKALER_ARBEITSKREIS = "lokaler_arbeitskreis", _("lokaler Arbeitskreis")
        SONSTIGES = "sonstiges", _("sonstiges Gremium")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("Kurzname (URL)"),
        max_length=100,
        unique=True,
        help_text=_("Erscheint in der Adresse, z. B. /gremien/lenkungsgruppe/."),
    )
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    prefix = models.CharField(
        _("Kürzel für Beschlussnummern"),
        max_length=10,
        unique=True,
        help_text=_("z. B. „LG“ ergibt die Beschlussnummern LG-2026-01, LG-2026-02, …"),
    )
    mandate = models.TextField(_("Auftrag"), blank=True)
    theme = models.CharField(
        _("Thema"),
        max_length=200,
        blank=True,
        help_text=_("Für Arbeitsgruppen: das Thema, an dem sie arbeitet."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="untergremien",
        verbose_name=_("eingesetzt von"),
        help_text=_("Für Arbeitsgruppen: das Gremium, das sie eingesetzt hat."),
    )
    established_by = models.ForeignKey(
        "spaces.Beschluss",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eingesetzte_gremien",
        verbose_name=_("eingesetzt durch Beschluss"),
    )
    rules_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Geschäftsordnung"),
    )
    shared_groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="geteilte_gremien",
        verbose_name=_("geteilt mit Gruppen"),
        help_text=_(
            "Alle Personen dieser Gruppen lesen den Raum mit (Sitzungen, Protokolle, "
            "Beschlüsse, Dokumente), ohne Mitglied zu sein."
        ),
    )
    shared_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="geteilte_gremien",
        verbose_name=_("geteilt mit Personen"),
        help_text=_("Diese Personen lesen den Raum mit, ohne Mitglied zu sein."),
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("Sammlung der Dokumente"),
    )

    objects = GremiumQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("prefix")]),
        FieldPanel("mandate"),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("parent"), FieldPanel("established_by")],
            heading=_("Für Arbeitsgruppen"),
        ),
        FieldPanel("rules_document"),
        MultiFieldPanel(
            [
                FieldPanel("shared_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("shared_users"),
            ],
            heading=_("Geteilt mit (nur lesen)"),
        ),
        InlinePanel("sitze", heading=_("Sitze"), label=_("Sitz")),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("mandate"),
        index.SearchField("theme"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Dieser Kurzname ist für eine andere Seite reserviert.")}
            )
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError(
                {"parent": _("Ein Gremium kann sich nicht selbst eingesetzt haben.")}
            )
        if self.established_by_id and self.pk and self.established_by.gremium_id == self.pk:
            raise ValidationError(
                {"established_by": _("Der Beschluss muss von einem anderen Gremium stammen.")}
            )

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("spaces:gremium", kwargs={"slug": self.slug})


class Sitz(Orderable):
    """A seat of a Gremium as its rules define it; a seat may be vacant."""

    class Role(models.TextChoices):
        VORSITZ = "vorsitz", _("Vorsitz")
        STELLVERTRETUNG = "stellvertretung", _("stellvertretender Vorsitz")
        MITGLIED = "mitglied", _("Mitglied")
        GAST = "gast", _("Gast")
        GESCHAEFTSFUEHRUNG = "geschaeftsfuehrung", _("Geschäftsführung")

    gremium = ParentalKey(
        Gremium, on_delete=models.CASCADE, related_name="sitze", verbose_name=_("Gremium")
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.MITGLIED)
    label = models.CharField(
        _("Bezeichnung"),
        max_length=200,
        help_text=_("Wofür der Sitz steht, z. B. „Leitung des Fachbereichs Jugend und Bildung“."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gremiensitze",
        verbose_name=_("vertretene Organisation"),
    )
    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gremiensitze",
        verbose_name=_("vertretene Kommune"),
    )

    panels = [
        FieldRowPanel([FieldPanel("role"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("kommune")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Sitz")
        verbose_name_plural = _("Sitze")

    def __str__(self) -> str:
        return f"{self.gremium}: {self.label} ({self.get_role_display()})"

    @property
    def represents(self) -> str:
        parts = [str(x) for x in (self.organisation, self.kommune) if x is not None]
        return ", ".join(parts)


class MitgliedschaftQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> "MitgliedschaftQuerySet":
        """Memberships that give access on ``on`` (default: today)."""
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


class Mitgliedschaft(models.Model):
    """A person on a seat from ``started_on`` until the day before ``ended_on``.

    History is kept: a membership is ended by setting ``ended_on``, never rewritten to another
    person or seat, and never deleted (the KIM-Koordination has no delete permission).
    """

    sitz = models.ForeignKey(
        Sitz, on_delete=models.CASCADE, related_name="mitgliedschaften", verbose_name=_("Sitz")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="gremium_mitgliedschaften",
        verbose_name=_("Person"),
    )
    started_on = models.DateField(_("Beginn"), default=timezone.localdate)
    ended_on = models.DateField(
        _("Ende"),
        null=True,
        blank=True,
        help_text=_("Ab diesem Tag hat die Person keinen Zugang mehr zum Gremium."),
    )

    objects = MitgliedschaftQuerySet.as_manager()

    panels = [
        FieldPanel("sitz"),
        FieldPanel("user"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
    ]

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("started_on")),
                name="mitgliedschaft_ends_after_start",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.get_username()} – {self.sitz.label}"

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.started_on <= on and (self.ended_on is None or self.ended_on > on)

    def end(self, on: datetime.date | None = None) -> None:
        """End the membership (access ends at the start of ``on``, default today)."""
        self.ended_on = on or timezone.localdate()
        self.full_clean()
        self.save(update_fields=["ended_on"])

    def clean(self) -> None:
        super().clean()
        if self.pk:
            stored = Mitgliedschaft.objects.filter(pk=self.pk).values(
                "sitz_id", "user_id", "started_on"
            )
            stored = stored.first()
            if stored and (
                stored["sitz_id"] != self.sitz_id
                or stored["user_id"] != self.user_id
                or stored["started_on"] != self.started_on
            ):
                raise ValidationError(
                    _(
                        "Eine Mitgliedschaft wird nicht umgeschrieben, damit die Geschichte "
                        "des Gremiums erhalten bleibt. Beenden Sie sie mit einem Enddatum und "
                        "legen Sie eine neue an."
                    )
                )
        if self.sitz_id and self.started_on:
            overlapping = Mitgliedschaft.objects.filter(sitz_id=self.sitz_id).exclude(pk=self.pk)
            if self.ended_on:
                overlapping = overlapping.filter(started_on__lt=self.ended_on)
            overlapping = overlapping.filter(
                Q(ended_on__isnull=True) | Q(ended_on__gt=self.started_on)
            )
            if overlapping.exists():
                raise ValidationError(
                    _(
                        "Dieser Sitz ist in diesem Zeitraum schon besetzt. Beenden Sie zuerst "
                        "die bisherige Mitgliedschaft."
                    )
                )


# -- THE visibility rule of the spaces (documented and re-exported by spaces.visibility) --------
# It lives next to the membership models it reads, so the other models use it without
# importing anything above the models.

_CACHE_ATTR = "_kim_sees_all_spaces"


def _active(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def sees_all_spaces(user: User | AnonymousUser) -> bool:
    """Superusers and holders of :data:`SEE_ALL_SPACES` see every space (cached on the user)."""
    if not _active(user):
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = SEE_ALL_SPACES.allows(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


@dataclass(frozen=True)
class SpaceAccess:
    """The Gremien a user reaches today: by a seat (and which of them with a
    Geschäftsführung seat) and by sharing with the user or one of the user's groups."""

    member: frozenset[int] = frozenset()
    geschaeftsfuehrung: frozenset[int] = frozenset()
    shared: frozenset[int] = frozenset()

    @property
    def viewer(self) -> frozenset[int]:
        return self.member | self.shared


_NO_ACCESS = SpaceAccess()
_ACCESS_ATTR = "_kim_space_access"
# Marks the rows of shared Gremien in space_access's union (no seat role is spelt so).
_SHARED = "~shared"


def space_access(user: User | AnonymousUser) -> SpaceAccess:
    """What :func:`member_gremium_ids` and its siblings read: one query per user object (a
    request's ``request.user``), remembered on that object only, never across requests, so
    a seat that ends today ends the access today and a new share counts on the next request.
    Every ``visible_to`` and ``may_*`` rule of the spaces asks this instead of building
    subqueries of its own (issue 13: they cost more CPU to build than to run)."""
    if not _active(user):
        return _NO_ACCESS
    cached = getattr(user, _ACCESS_ATTR, None)
    if cached is not None:
        return cached
    seats = (
        Mitgliedschaft.objects.active()
        .filter(user=user.pk)
        .order_by()
        .values_list("sitz__gremium_id", "sitz__role")
    )
    shares = Q(shared_users=user.pk)
    group_ids = user_group_ids(user)
    if group_ids:
        shares |= Q(shared_groups__in=group_ids)
    shared_rows = Gremium.objects.filter(shares).order_by().values_list("pk", models.Value(_SHARED))
    member, geschaeftsfuehrung, shared = set(), set(), set()
    for gremium_id, role in seats.union(shared_rows, all=True):
        if role == _SHARED:
            shared.add(gremium_id)
            continue
        member.add(gremium_id)
        if role == Sitz.Role.GESCHAEFTSFUEHRUNG:
            geschaeftsfuehrung.add(gremium_id)
    cached = SpaceAccess(frozenset(member), frozenset(geschaeftsfuehrung), frozenset(shared))
    setattr(user, _ACCESS_ATTR, cached)
    return cached


def member_gremium_ids(user: User | AnonymousUser) -> frozenset[int]:
    """Ids of the Gremien in which ``user`` holds a seat today."""
    return space_access(user).member


def viewer_gremium_ids(user: User | AnonymousUser) -> frozenset[int]:
    """Ids of the Gremien whose space ``user`` may read as member or by sharing."""
    return space_access(user).viewer


def geschaeftsfuehrung_gremium_ids(user: User | AnonymousUser) -> frozenset[int]:
    """Ids of the Gremien in which ``user`` holds a Geschäftsführung seat today."""
    return space_access(user).geschaeftsfuehrung


def may_edit_minutes(user: User | AnonymousUser, gremium_id: int) -> bool:
    """The KIM-Koordination and the Gremium's Geschäftsführung write the minutes: attendance,
    Aufgaben, status changes."""
    if not _active(user):
        return False
    if EDIT_MINUTES.allows(user):
        return True
    return gremium_id in geschaeftsfuehrung_gremium_ids(user)


def writes_minutes_somewhere(user: User | AnonymousUser) -> bool:
    """Whether ``user`` may write and circulate minutes in any Gremium (the KIM-Koordination,
    a Geschäftsführung): who can hear of comments on their minutes."""
    if not _active(user):
        return False
    return EDIT_MINUTES.allows(user) or bool(geschaeftsfuehrung_gremium_ids(user))


def may_manage_sitzung(user: User | AnonymousUser, gremium_id: int) -> bool:
    """Who moves (date, time, place) or cancels a Sitzung in the portal: holders of
    ``spaces.change_sitzung`` (the KIM-Koordination) and the Gremium's Geschäftsführung."""
    if not _active(user):
        return False
    if user.has_perm("spaces.change_sitzung"):
        return True
    return gremium_id in geschaeftsfuehrung_gremium_ids(user)


def works_in_space(user: User | AnonymousUser, gremium_id: int) -> bool:
    """Members and the KIM-Koordination contribute (comments, documents); sharing only reads."""
    if sees_all_spaces(user):
        return True
    if not _active(user):
        return False
    return gremium_id in member_gremium_ids(user)
