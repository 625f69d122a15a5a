"""manage.py import_kommunen FILE|maerkischer-kreis: the Kommunen of the Kreis from a CSV/XLSX
file (columns Name and AGS; optional Kurzname and the own offices) or the shipped list."""

from django.core.management.base import BaseCommand, CommandError

from knowledge.kommunen_import import (
    SHIPPED_LISTS,
    KommunenImportError,
    import_kommunen,
    resolve_source,
)


class Command(BaseCommand):
    help = (
        "Trägt die Kommunen des Kreises aus einer CSV- oder XLSX-Datei ein (Spalten „Name“ und "
        "„AGS“, optional „Kurzname“, „eigene Ausländerbehörde“, „eigene Einbürgerungsbehörde“, "
        "„eigenes Jugendamt“) oder aus einer mitgelieferten Liste: "
        + ", ".join(SHIPPED_LISTS)
        + ". Vorhandene Kommunen (gleicher AGS) werden aktualisiert; eine fehlerhafte Zeile "
        "ändert nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Datei oder „maerkischer-kreis“")

    def handle(self, *args, source: str, **options):
        try:
            result = import_kommunen(resolve_source(source))
        except KommunenImportError as error:
            raise CommandError(
                "Die Kommunen wurden nicht eingetragen:\n  " + "\n  ".join(error.messages)
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Kommunen: {result.created} angelegt, {result.updated} aktualisiert, "
                f"{result.unchanged} unverändert."
            )
        )
