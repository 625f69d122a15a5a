"""The portal's Wagtail document model: private files with their text extracted for search."""

import os
from functools import partial

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from knowledge.extraction import EXTRACTABLE, ExtractionError, Limits, extract_isolated
from portal.private_files import clean_original_name, private_storage, random_file_name

#: Written only when the file changes (reset) and by the extraction task.
EXTRACTION_FIELDS = ("extracted_text", "extraction_error", "extracted_at")


def document_file_path(instance: "KnowledgeDocument", filename: str) -> str:
    """A random name in the private storage; the uploader's name is kept in the row."""
    instance.original_filename = clean_original_name(filename)
    return random_file_name("documents", filename)


#: Sent after commit when a document's new file waits for its text to be read (arguments
#: ``document_id``, ``file_name``); knowledge.tasks enqueues the extraction (connected in
#: ``KnowledgeConfig.ready``), so the model does not import the task module that imports it.
text_extraction_needed = Signal()


class KnowledgeDocument(AbstractDocument):
    """A Wagtail document (PDF, DOCX, ODT, ...) whose text is read when its file changes.

    The file lives in the private storage (portal/private_files.py) under a random name and is
    delivered only by Wagtail's serve view after the collection's privacy check (or, for a
    space's document, by the spaces view); ``filename`` is the name it was uploaded with.
    Its text is read in the background after the upload (``extraction_pending`` until then);
    a file that cannot be read, or only in part, is still stored and ``extraction_error`` says
    why in German.
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

    @property
    def extraction_pending(self) -> bool:
        """The file's text is still to be read by the background task."""
        return self.extracted_at is None and self.file_extension.lower() in EXTRACTABLE

    def save(self, *args, **kwargs):
        new_upload = bool(self.file) and not getattr(self.file, "_committed", True)
        file_changed = bool(self.file) and (self._state.adding or new_upload)
        update_fields = kwargs.get("update_fields")
        if new_upload:
            self.original_filename = clean_original_name(self.file.name)
        if file_changed:
            # The text is read after commit by a background task (knowledge.tasks), never in
            # the request that uploads the file.
            self.extracted_text = ""
            self.extraction_error = ""
            extractable = self.file_extension.lower() in EXTRACTABLE
            self.extracted_at = None if extractable else timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "file",
                    "original_filename",
                    *EXTRACTION_FIELDS,
                }
        elif update_fields is None and not self._state.adding and not kwargs.get("force_insert"):
            # Only the extraction task writes the text: a save of an instance loaded before the
            # task finished must not overwrite it with an empty one.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in EXTRACTION_FIELDS
            ]
        super().save(*args, **kwargs)
        if file_changed and self.extracted_at is None:
            transaction.on_commit(
                partial(
                    text_extraction_needed.send,
                    sender=type(self),
                    document_id=self.pk,
                    file_name=self.file.name,
                )
            )

    def read_text(self, limits: Limits | None = None) -> None:
        """Fill ``extracted_text`` (or ``extraction_error``) from the file; never raises.

        PDF, DOCX and ODT are parsed in a child process within ``limits`` (size, parts,
        paragraphs, pages, time, memory; setting DOCUMENT_EXTRACTION_LIMITS).
        """
        self.extracted_text = ""
        self.extraction_error = ""
        self.extracted_at = timezone.now()
        extension = self.file_extension.lower()
        if extension not in EXTRACTABLE:
            return
        try:
            result = extract_isolated(
                self._file_bytes(), extension, limits or Limits.from_settings()
            )
        except ExtractionError as error:
            self.extraction_error = str(error)[:300]
            return
        self.extracted_text = result.text
        self.extraction_error = result.note[:300]
        if not self.extracted_text and extension == "pdf":
            self.extraction_error = str(
                _(
                    "Die PDF-Datei enthält keinen auslesbaren Text (zum Beispiel ein Scan); "
                    "die Suche findet sie nur über Titel und Schlagwörter."
                )
            )

    def _file_bytes(self) -> bytes:
        with self.file.storage.open(self.file.name, "rb") as handle:
            return handle.read()
