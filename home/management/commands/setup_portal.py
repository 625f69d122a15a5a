"""manage.py setup_portal [--kreis NAME] [--kommunen FILE|maerkischer-kreis]
[--verantwortlicher TEXT] [--datenschutz TEXT]: the site skeleton of a real installation,
optionally with the Kommunen of the Kreis (knowledge.kommunen_import), and the installation's
parts of the Art. 30 record for Meldebögen (forms.models.Verarbeitungsverzeichnis; placeholders
for what is not given, listed under "Noch zu tun").

Idempotent; see home.skeleton. Prints what it created and what is still to do, in German.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import KOORDINATION
from forms.models import Verarbeitungsverzeichnis
from home.skeleton import SkeletonError, SkeletonResult, ensure_skeleton
from knowledge.kommunen_import import (
    SHIPPED_LISTS,
    KommunenImportError,
    import_kommunen,
    resolve_source,
)
from knowledge.models import GuidancePage, Kommune
from portal.installation import require_migrated
from search.registry import deferred_indexing


class Command(BaseCommand):
    help = (
        "Legt das Grundgerüst des Portals ohne Demo-Inhalte an: Rollen, Startseite, "
        "Wissensbereich, Lenkungsgruppe und rechtliche Seiten (mit Platzhaltern). "
        "Mehrfaches Ausführen ändert nichts, was schon da ist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kreis",
            help="Name des Kreises, z. B. „Kreis Unna“ (Standard: die Einstellung "
            f"KIM_KREIS_NAME, zurzeit „{settings.KIM_KREIS_NAME}“)",
        )
        parser.add_argument(
            "--kommunen",
            metavar="DATEI",
            help="Kommunen des Kreises aus einer CSV/XLSX-Datei (Spalten „Name“ und „AGS“) "
            "eintragen, oder aus der mitgelieferten Liste: " + ", ".join(SHIPPED_LISTS),
        )
        parser.add_argument(
            "--verantwortlicher",
            metavar="TEXT",
            help="Verantwortliche Stelle für das Verzeichnis von Verarbeitungstätigkeiten "
            "(Meldebögen), z. B. „Kreis Unna, Der Landrat, Friedrich-Ebert-Straße 17, 59425 Unna“",
        )
        parser.add_argument(
            "--datenschutz",
            metavar="TEXT",
            help="Kontakt der oder des Datenschutzbeauftragten, z. B. „datenschutz@kreis-unna.de“",
        )

    def handle(
        self,
        *args,
        kreis: str | None = None,
        kommunen: str | None = None,
        verantwortlicher: str | None = None,
        datenschutz: str | None = None,
        **options,
    ):
        kreis = kreis if kreis is not None else settings.KIM_KREIS_NAME
        require_migrated()
        try:
            with deferred_indexing(), transaction.atomic():
                result = ensure_skeleton(kreis)
                imported = import_kommunen(resolve_source(kommunen)) if kommunen else None
                record = Verarbeitungsverzeichnis.load()
                self.record_placeholders = record.fill_defaults(
                    verantwortlicher=verantwortlicher or "",
                    datenschutzbeauftragte=datenschutz or "",
                )
                record.save()
        except SkeletonError as error:
            raise CommandError(str(error)) from error
        except KommunenImportError as error:
            raise CommandError(
                "Nichts eingerichtet, die Kommunen ließen sich nicht eintragen:\n  "
                + "\n  ".join(error.messages)
            ) from error
        self.stdout.write(f"Grundgerüst des KIM-Portals ({kreis.strip()}):")
        for what, created in result.parts:
            self.stdout.write(f"  {'angelegt ' if created else 'vorhanden'}  {what}")
        if imported is not None:
            self.stdout.write(
                f"  Kommunen: {imported.created} angelegt, {imported.updated} aktualisiert, "
                f"{imported.unchanged} unverändert"
            )
        if kreis.strip() != settings.KIM_KREIS_NAME:
            self.stdout.write(
                self.style.WARNING(
                    f"Hinweis: Kopf- und Fußzeile, Sachstandsbericht und E-Mails nennen den "
                    f"Kreis nach der Einstellung KIM_KREIS_NAME („{settings.KIM_KREIS_NAME}“). "
                    f'Tragen Sie KIM_KREIS_NAME="{kreis.strip()}" in die Umgebungsdatei ein.'
                )
            )
        self.print_next_steps(result)

    def print_next_steps(self, result: SkeletonResult) -> None:
        steps = []
        if not get_user_model().objects.filter(groups__name=KOORDINATION).exists():
            steps.append(
                "Erstes Konto der KIM-Koordination anlegen: "
                "manage.py create_coordinator BENUTZERNAME --email ADRESSE"
            )
        if not Kommune.objects.exists():
            steps.append(
                "Kommunen des Kreises eintragen (ohne sie lässt sich kein Meldebogen einreichen): "
                "manage.py import_kommunen DATEI (CSV mit den Spalten „Name;AGS“; für den "
                "Märkischen Kreis: manage.py import_kommunen maerkischer-kreis) oder "
                "Verwaltung → Stammdaten → Kommunen"
            )
        if not GuidancePage.objects.exists():
            steps.append(
                "Vorhandene Arbeitshilfen übernehmen: manage.py import_knowledge ORDNER "
                "--publish (Markdown, Text, HTML, PDF, DOCX)"
            )
        if result.legal_pages_to_complete:
            titles = ", ".join(f"„{page.title}“" for page in result.legal_pages_to_complete)
            steps.append(
                f"Platzhalter „[bitte ergänzen: …]“ ersetzen in {titles}: "
                "Verwaltung → Seiten → Startseite"
            )
        placeholders = getattr(self, "record_placeholders", [])
        if placeholders:
            steps.append(
                "Verzeichnis von Verarbeitungstätigkeiten (Meldebögen) vervollständigen: "
                + ", ".join(f"„{name}“" for name in placeholders)
                + " (Verwaltung → Einstellungen → Verzeichnis von Verarbeitungstätigkeiten, "
                "oder setup_portal --verantwortlicher … --datenschutz …)"
            )
        if not steps:
            self.stdout.write(self.style.SUCCESS("Das Portal ist eingerichtet."))
            return
        self.stdout.write("")
        self.stdout.write("Noch zu tun:")
        for number, step in enumerate(steps, start=1):
            self.stdout.write(f"  {number}. {step}")
