"""The personal calendar subscription: a secret, revocable feed address per user."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class KalenderAbo(models.Model):
    """Only a digest of the token is stored; the address is shown once, when it is made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kalender_abo",
        verbose_name=_("Person"),
    )
    token_digest = models.CharField(_("Prüfsumme des Schlüssels"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("erzeugt am"), default=timezone.now)
    last_used_at = models.DateTimeField(_("zuletzt abgerufen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kalenderabonnement")
        verbose_name_plural = _("Kalenderabonnements")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def issue(cls, user) -> str:
        """A new secret token for ``user``; any earlier address stops working."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(
            user=user,
            defaults={
                "token_digest": token_digest(token),
                "created_at": timezone.now(),
                "last_used_at": None,
            },
        )
        return token

    @classmethod
    def revoke(cls, user) -> None:
        cls.objects.filter(user=user).delete()

    @classmethod
    def user_for(cls, token: str):
        """The active user this token belongs to, or None."""
        abo = (
            cls.objects.filter(token_digest=token_digest(token), user__is_active=True)
            .select_related("user")
            .first()
        )
        if abo is None:
            return None
        now = timezone.now()
        if abo.last_used_at is None or (now - abo.last_used_at).total_seconds() > 300:
            cls.objects.filter(pk=abo.pk).update(last_used_at=now)
        return abo.user
