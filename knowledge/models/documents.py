"""The portal's Wagtail document model: private files with their text extracted for search."""

import os

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from knowledge.extraction import EXTRACTABLE, ExtractionError, extract_text
from portal.private_files import clean_original_name, private_storage, random_file_name


def document_file_path(instance: "KnowledgeDocument", filename: str) -> str:
    """A random name in the private storage; the uploader's name is kept in the row."""
    instance.original_filename = clean_original_name(filename)
    return random_file_name("documents", filename)


class KnowledgeDocument(AbstractDocument):
    """A Wagtail document (PDF, DOCX, ODT, ...) whose text is read when its file changes.

    The file lives in the private storage (portal/private_files.py) under a random name and is
    delivered only by Wagtail's serve view after the collection's privacy check (or, for a
    space's document, by the spaces view); ``filename`` is the name it was uploaded with.
    A file that cannot be read is still stored; ``extraction_error`` says why in German.
    """

    file = models.FileField(
        _("Datei"), upload_to=document_file_path, storage=private_storage, max_length=255
    )
    original_filename = models.CharField(
        _("Dateiname beim Hochladen"), max_length=255, blank=True, editable=False
    )
    extracted_text = models.TextField(_("ausgelesener Text"), blank=True, editable=False)
    extraction_error = models.CharField(
        _("Hinweis zur Texterkennung"), max_length=300, blank=True, editable=False
    )
    extracted_at = models.DateTimeField(_("Text ausgelesen am"), null=True, editable=False)

    admin_form_fields = Document.admin_form_fields
    search_fields = [*AbstractDocument.search_fields, index.SearchField("extracted_text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    @property
    def filename(self) -> str:
        """The name the file was uploaded with (in URLs and Content-Disposition)."""
        return self.original_filename or os.path.basename(self.file.name)

    @property
    def search_text(self) -> str:
        """The text the portal search indexes for this document."""
        return self.extracted_text

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self.original_filename = clean_original_name(self.file.name)
        if self.file and (self._state.adding or not getattr(self.file, "_committed", True)):
            self.read_text()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "original_filename",
                    "extracted_text",
                    "extraction_error",
                    "extracted_at",
                }
        super().save(*args, **kwargs)

    def read_text(self) -> None:
        """Fill ``extracted_text`` (or ``extraction_error``) from the file; never raises."""
        self.extracted_text = ""
        self.extraction_error = ""
        self.extracted_at = timezone.now()
        extension = self.file_extension.lower()
        if extension not in EXTRACTABLE:
            return
        try:
            self.extracted_text = extract_text(self._file_bytes(), extension)
        except ExtractionError as error:
            self.extraction_error = str(error)[:300]
            return
        if not self.extracted_text and extension == "pdf":
            self.extraction_error = str(
                _(
                    "Die PDF-Datei enthält keinen auslesbaren Text (zum Beispiel ein Scan); "
                    "die Suche findet sie nur über Titel und Schlagwörter."
                )
            )

    def _file_bytes(self) -> bytes:
        if not getattr(self.file, "_committed", True):  # a new upload, not yet in storage
            self.file.seek(0)
            data = self.file.read()
            self.file.seek(0)
            return data
        self.file.open("rb")
        try:
            return self.file.read()
        finally:
            self.file.close()
