"""Queue the text extraction of documents again: those still waiting (e.g. after a worker was
stopped) or, with --all, every document with a readable format."""

from django.core.management.base import BaseCommand

from knowledge.extraction import EXTRACTABLE
from knowledge.models import KnowledgeDocument
from knowledge.tasks import enqueue_extraction


class Command(BaseCommand):
    help = "Text der Dokumente (erneut) im Hintergrund auslesen lassen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="all_documents",
            help="alle Dokumente, nicht nur die, deren Text noch aussteht",
        )

    def handle(self, *args, all_documents: bool = False, **options):
        documents = KnowledgeDocument.objects.exclude(file="")
        documents = documents.only("pk", "file", "original_filename")
        if not all_documents:
            documents = documents.filter(extracted_at__isnull=True)
        count = 0
        for document in documents.iterator():
            if document.file_extension.lower() in EXTRACTABLE:
                enqueue_extraction(document.pk, document.file.name)
                count += 1
        self.stdout.write(f"{count} Dokumente zum Auslesen eingereiht.")
