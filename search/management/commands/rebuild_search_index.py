"""manage.py rebuild_search_index: index every registered model again, with progress."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from search.backends.suggestions import clear_cache
from search.entries import providers
from search.indexing import bulk_index, content_type_for, external_backend
from search.models import SearchDocument

BATCH = 200


def _bar(done: int, total: int, width: int = 30) -> str:
    filled = int(width * done / total) if total else width
    percent = 100 * done // total if total else 100
    return f"[{'#' * filled}{'.' * (width - filled)}] {percent:3d} % ({done}/{total})"


class Command(BaseCommand):
    help = "Baut den Suchindex aller Inhalte neu auf."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", action="store_true", help="Vorhandene Einträge nicht vorher löschen."
        )

    def handle(self, *args, keep: bool = False, **options):
        started = time.monotonic()
        total_indexed = 0
        external = external_backend()
        if external is not None and not keep:
            external.clear()
            self.stdout.write(f"Elasticsearch-Index {external.index_name} geleert.")
        for provider in providers():
            label = provider.model._meta.verbose_name_plural
            if not keep:
                SearchDocument.objects.filter(content_type=content_type_for(provider)).delete()
            queryset = provider.queryset()
            total = queryset.count()
            done = indexed = 0
            batch: list = []
            self.stdout.write(f"{label}: {total} Objekte")
            for obj in queryset.iterator(chunk_size=BATCH):
                batch.append(obj)
                if len(batch) >= BATCH:
                    indexed += bulk_index(provider, batch)
                    done += len(batch)
                    batch = []
                    self.stdout.write(f"\r  {_bar(done, total)}", ending="")
                    self.stdout.flush()
            if batch:
                indexed += bulk_index(provider, batch)
                done += len(batch)
            self.stdout.write(f"\r  {_bar(done, total)}")
            total_indexed += indexed
        if external is not None:
            external.refresh()
        clear_cache()
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Suchindex neu aufgebaut: {total_indexed} Einträge in {seconds:.1f} s."
            )
        )
