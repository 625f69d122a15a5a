"""User profile. API tokens are Wagtail's own ``wagtail.models.APIToken``."""

from django.conf import settings
from django.db import models
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
