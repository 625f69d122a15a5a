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
