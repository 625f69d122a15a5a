"""Background work of the knowledge app (django-tasks: immediate in development and tests, the
database queue with ``manage.py db_worker`` in production)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task


def enqueue_extraction(document_id: int, file_name: str) -> None:
    """Queue the text extraction of a document's current file (called after commit)."""
    extract_document_text.enqueue(document_id, file_name)


def on_text_extraction_needed(sender, document_id: int, file_name: str, **kwargs) -> None:
    """Receiver of ``knowledge.models.documents.text_extraction_needed``."""
    enqueue_extraction(document_id, file_name)


@task()
def extract_document_text(document_id: int, file_name: str) -> str:
    """Read the text of a document's file into ``extracted_text`` (or a German note into
    ``extraction_error``), bounded in size and time (knowledge.extraction).

    Does nothing if the document is gone or its file was replaced meanwhile (the newer file
    has its own task). Saving with ``update_fields`` reindexes the document for the search.
    """
    from knowledge.models import KnowledgeDocument

    document = KnowledgeDocument.objects.filter(pk=document_id, file=file_name).first()
    if document is None:
        return "skipped"
    document.read_text()
    with transaction.atomic():
        current = (
            KnowledgeDocument.objects.select_for_update()
            .filter(pk=document_id, file=file_name)
            .first()
        )
        if current is None:
            return "skipped"
        current.extracted_text = document.extracted_text
        current.extraction_error = document.extraction_error
        current.extracted_at = document.extracted_at
        current.save(update_fields=["extracted_text", "extraction_error", "extracted_at"])
    return "error" if document.extraction_error and not document.extracted_text else "done"
