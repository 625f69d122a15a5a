"""What ``manage.py import_knowledge`` knows about the pages it made: source path and hash.

Kept out of the page model on purpose: a page's fields are stored in every revision and put
back when a revision is published, so the import's bookkeeping would travel back in time.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedFile(models.Model):
    """One imported file and the guidance page made from it."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="imported_file",
        verbose_name=_("Seite"),
    )
    source = models.CharField(
        _("Quelldatei"),
        max_length=500,
        db_index=True,
        help_text=_("Pfad relativ zum importierten Ordner."),
    )
    content_hash = models.CharField(_("SHA-256 des Inhalts"), max_length=64, db_index=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("Fassung des letzten Imports"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Gibt es neuere Fassungen, wurde die Seite seitdem im CMS bearbeitet."),
    )
    imported_at = models.DateTimeField(_("zuletzt importiert"), auto_now=True)

    class Meta:
        verbose_name = _("importierte Datei")
        verbose_name_plural = _("importierte Dateien")

    def __str__(self) -> str:
        return self.source
