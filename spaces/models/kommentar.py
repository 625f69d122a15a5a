"""Comments on circulated minutes, per agenda item or on the whole Protokoll.

Members (and the KIM-Koordination) comment while the minutes are "zur Kommentierung verteilt";
the comments are visible wherever the Protokoll is; once approved no new comment is accepted.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .gremium import works_in_space
from .protokoll import Protokoll, ProtokollStatus
from .sitzung import Tagesordnungspunkt


class KommentarRefused(Exception):
    """A comment that is not accepted; the message says why, in German."""


class KommentarQuerySet(models.QuerySet):
    def visible_to(self, user) -> "KommentarQuerySet":
        """Comments of the minutes ``user`` may read (see ProtokollQuerySet.visible_to)."""
        return self.filter(protokoll__in=Protokoll.objects.visible_to(user))


class Kommentar(models.Model):
    protokoll = models.ForeignKey(
        Protokoll, on_delete=models.CASCADE, related_name="kommentare", verbose_name=_("Protokoll")
    )
    tagesordnungspunkt = models.ForeignKey(
        Tagesordnungspunkt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Tagesordnungspunkt"),
        help_text=_("Leer: ein Kommentar zum ganzen Protokoll."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="protokoll_kommentare",
        verbose_name=_("von"),
    )
    text = models.TextField(_("Kommentar"))
    created_at = models.DateTimeField(_("am"), default=timezone.now)

    objects = KommentarQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kommentar zum Protokoll")
        verbose_name_plural = _("Kommentare zu Protokollen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @classmethod
    def add(cls, protokoll: Protokoll, user, text: str, tagesordnungspunkt=None) -> "Kommentar":
        """Record a comment, or refuse with a German reason."""
        if protokoll.status == ProtokollStatus.GENEHMIGT:
            raise KommentarRefused(
                "Das Protokoll ist genehmigt; Kommentare sind nur möglich, solange es zur "
                "Kommentierung verteilt ist."
            )
        if protokoll.status != ProtokollStatus.VERTEILT:
            raise KommentarRefused(
                "Das Protokoll ist noch nicht zur Kommentierung verteilt; Kommentare sind erst "
                "danach möglich."
            )
        if not works_in_space(user, protokoll.sitzung.gremium_id):
            raise KommentarRefused(
                "Kommentieren können die Mitglieder des Gremiums und die KIM-Koordination; "
                "der Raum ist mit Ihnen nur zum Lesen geteilt."
            )
        text = (text or "").strip()
        if not text:
            raise KommentarRefused("Bitte schreiben Sie einen Kommentar, bevor Sie ihn senden.")
        if tagesordnungspunkt is not None and tagesordnungspunkt.sitzung_id != protokoll.sitzung_id:
            raise KommentarRefused("Dieser Tagesordnungspunkt gehört zu einer anderen Sitzung.")
        return cls.objects.create(
            protokoll=protokoll, author=user, text=text, tagesordnungspunkt=tagesordnungspunkt
        )
