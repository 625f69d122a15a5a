"""The portal's own models: the one history of status changes (``Verlaufseintrag``).

Every stateful aggregate (Meldebogen, Protokoll, Sitzung, Fallrekonstruktion, GenerativesThema,
Zielsystem) changes its status only through ``portal.transitions``; each change appends one row
here. The rows are never edited (only the retention run blanks the reasons of anonymised
reports).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.transition_registry import machine_for_content_type


class Verlaufseintrag(models.Model):
    """One status change of one object: who, when, from, to, reason."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("Art")
    )
    object_id = models.PositiveBigIntegerField(_("Objekt"))
    subject = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField(_("von"), max_length=40)
    to_status = models.CharField(_("nach"), max_length=40)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wer"),
    )
    at = models.DateTimeField(_("wann"), default=timezone.now, db_index=True)
    reason = models.TextField(_("Begründung"), blank=True)

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.from_label} → {self.to_label}"

    def _label(self, status: str) -> str:
        machine = machine_for_content_type(self.content_type_id)
        return machine.label(status) if machine else status

    @property
    def from_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)

    @property
    def who(self) -> str:
        if self.by is None:
            return "unbekannt"
        return self.by.get_full_name() or self.by.get_username()


class Postausgang(models.Model):
    """One e-mail to send (portal.mail): written in the transaction that causes it, sent by a
    background task after the commit, retried with backoff; a mail that finally failed stays
    here for the KIM-Koordination to see and send again (admin: "E-Mail-Versand")."""

    kind = models.CharField(_("Anlass"), max_length=100)
    subject = models.CharField(_("Betreff"), max_length=300)
    to = models.JSONField(_("an"), default=list)
    # The complete message (RFC 5322, with attachments such as an .ics file), as sent.
    message = models.BinaryField(_("Nachricht"), editable=False)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), null=True, blank=True)
    last_error = models.TextField(_("letzter Fehler"), blank=True)
    sent_at = models.DateTimeField(_("versendet am"), null=True, blank=True)
    failed_at = models.DateTimeField(_("endgültig fehlgeschlagen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("E-Mail")
        verbose_name_plural = _("E-Mail-Versand")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}"

    @property
    def zustand(self) -> str:
        """What became of the mail, in German."""
        if self.sent_at:
            return "versendet"
        if self.failed_at:
            return "fehlgeschlagen"
        if self.attempts:
            return "wird erneut versucht"
        return "wartet"


class Benachrichtigungseinstellung(models.Model):
    """How one person wants to hear of one kind of event (portal.notifications): at once, in
    the daily digest, or not at all. No row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="benachrichtigungseinstellungen",
        verbose_name=_("Person"),
    )
    kind = models.CharField(_("Art"), max_length=80)
    mode = models.CharField(_("Zustellung"), max_length=20)

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="portal_one_setting_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} = {self.mode}"


class Benachrichtigung(models.Model):
    """One notification for one person: queued for the daily digest, or kept (with a
    ``once_key``) so that a periodic job sends it only once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="benachrichtigungen",
        verbose_name=_("Person"),
    )
    kind = models.CharField(_("Art"), max_length=80)
    mode = models.CharField(_("Zustellung"), max_length=20)
    subject = models.CharField(_("Betreff"), max_length=300)
    body = models.TextField(_("Text"))
    url = models.CharField(_("Adresse"), max_length=500, blank=True)
    about = models.JSONField(
        _("betrifft"), default=list, blank=True, help_text=_("[[app.model, pk], ...]")
    )
    once_key = models.CharField(_("Einmal-Schlüssel"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("erstellt"), default=timezone.now)
    sent_at = models.DateTimeField(_("versandt"), null=True, blank=True)
    dropped = models.BooleanField(
        _("verworfen"), default=False, help_text=_("Beim Versand nicht mehr sichtbar.")
    )

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["mode", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "once_key"],
                condition=~models.Q(once_key=""),
                name="portal_notification_once",
            )
        ]

    def __str__(self) -> str:
        return self.subject
