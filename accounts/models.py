"""User profile. API tokens are Wagtail's own ``wagtail.models.APIToken``."""

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from knowledge.models import Kommune, Organisation


class Profile(models.Model):
    """What the portal knows about a user beyond the login: organisation, Kommune, function.

    Used to prefill the Meldebogen and to show the right content on the home page.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("Benutzer"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("Organisation"),
    )
    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("Kommune"),
        help_text=_("Für Integrationsbeauftragte: die Kommune, die sie vertreten."),
    )
    function = models.CharField(_("Funktion"), max_length=150, blank=True)

    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("kommune"),
        FieldPanel("function"),
    ]

    class Meta:
        verbose_name = _("Benutzerprofil")
        verbose_name_plural = _("Benutzerprofile")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Anmeldesperre(AccessAttempt):
    """django-axes' failure counter of an account and address, as the Wagtail admin shows it
    (Einstellungen > Anmeldesperren): German names instead of axes' "Attempted Access: …"."""

    class Meta:
        proxy = True
        verbose_name = _("Anmeldesperre")
        verbose_name_plural = _("Anmeldesperren")

    def __str__(self) -> str:
        return _("Fehlversuche von „%(username)s“ (%(address)s)") % {
            "username": self.username,
            "address": self.ip_address,
        }


class Fehlanmeldung(AccessFailureLog):
    """One failed login in django-axes' log, as the Wagtail admin shows it."""

    class Meta:
        proxy = True
        verbose_name = _("Fehlgeschlagene Anmeldung")
        verbose_name_plural = _("Fehlgeschlagene Anmeldungen")

    def __str__(self) -> str:
        return _("Fehlgeschlagene Anmeldung von „%(username)s“ am %(time)s") % {
            "username": self.username,
            "time": formats.date_format(timezone.localtime(self.attempt_time), "DATETIME_FORMAT"),
        }


class EinladungQuerySet(models.QuerySet):
    def pending(self) -> "EinladungQuerySet":
        """Neither accepted nor withdrawn (their link may still have expired)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Einladung(models.Model):
    """An invitation of a person by e-mail, with the role, Kommune or Organisation and (through
    other apps' invitation extensions, accounts/invitations.py) Gremium memberships they get.

    The link in the mail carries a token of Django's token machinery (accounts/tokens.py) that
    depends on ``sent_at``: sending again makes earlier links invalid; an accepted or withdrawn
    invitation's link no longer works.
    """

    email = models.EmailField(_("E-Mail-Adresse"))
    first_name = models.CharField(_("Vorname"), max_length=150)
    last_name = models.CharField(_("Nachname"), max_length=150)
    role = models.ForeignKey(
        "auth.Group", on_delete=models.PROTECT, related_name="+", verbose_name=_("Rolle")
    )
    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Organisation"),
    )
    function = models.CharField(_("Funktion"), max_length=150, blank=True)
    # Choices of other apps' invitation extensions: {"extension key": [values]}
    extras = models.JSONField(_("Weitere Zuordnungen"), default=dict, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Eingeladen von"),
    )
    created_at = models.DateTimeField(_("Eingeladen am"), default=timezone.now)
    sent_at = models.DateTimeField(_("Zuletzt gesendet"), default=timezone.now)
    send_count = models.PositiveSmallIntegerField(_("Anzahl Sendungen"), default=1)
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)
    terms_version = models.CharField(
        _("Angenommene Nutzungsbedingungen (Fassung)"), max_length=20, blank=True
    )
    withdrawn_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="einladung",
        verbose_name=_("Angelegtes Konto"),
    )

    objects = EinladungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-sent_at"]
        permissions = [
            ("manage_accounts", _("Personen einladen und Konten deaktivieren")),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def expires_at(self):
        from datetime import timedelta

        return self.sent_at + timedelta(days=settings.KIM_INVITATION_VALID_DAYS)

    @property
    def is_expired(self) -> bool:
        return timezone.now() > self.expires_at

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None


class Kontoereignis(models.Model):
    """One entry of the audit log of accounts: sign-ins, failed sign-ins, invitations, role
    changes, deactivations. Written only by accounts/audit.py; never changed."""

    class Art(models.TextChoices):
        ANMELDUNG = "anmeldung", _("Anmeldung")
        FEHLANMELDUNG = "fehlanmeldung", _("Fehlgeschlagene Anmeldung")
        ABMELDUNG = "abmeldung", _("Abmeldung")
        EINLADUNG = "einladung", _("Einladung gesendet")
        EINLADUNG_ERNEUT = "einladung_erneut", _("Einladung erneut gesendet")
        EINLADUNG_ZURUECKGEZOGEN = "einladung_zurueckgezogen", _("Einladung zurückgezogen")
        EINLADUNG_ANGENOMMEN = "einladung_angenommen", _("Einladung angenommen")
        ROLLE_ERTEILT = "rolle_erteilt", _("Rolle erteilt")
        ROLLE_ENTZOGEN = "rolle_entzogen", _("Rolle entzogen")
        DEAKTIVIERUNG = "deaktivierung", _("Konto deaktiviert")
        REAKTIVIERUNG = "reaktivierung", _("Konto wieder aktiviert")
        ZWEI_FAKTOR_ZURUECKGESETZT = (
            "zwei_faktor_zurueckgesetzt",
            _("Zwei-Faktor-Anmeldung zurückgesetzt"),
        )

    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    kind = models.CharField(_("Ereignis"), max_length=30, choices=Art.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Konto"),
    )
    # As given (failed sign-ins name accounts that may not exist), or the e-mail of an invitation
    username = models.CharField(_("Benutzername"), max_length=254, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ausgelöst von"),
    )
    detail = models.CharField(_("Einzelheiten"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kontoereignis")
        verbose_name_plural = _("Protokoll der Konten")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username}"
