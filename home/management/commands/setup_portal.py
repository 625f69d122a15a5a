"""manage.py setup_portal [--kreis NAME]: the site skeleton of a real installation.

Idempotent; see home.skeleton. Prints what it created and what is still to do, in German.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import KOORDINATION
from home.skeleton import SkeletonError, SkeletonResult, ensure_skeleton
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

    def handle(self, *args, kreis: str | None = None, **options):
        kreis = kreis if kreis is not None else settings.KIM_KREIS_NAME
        require_migrated()
        try:
            with deferred_indexing(), transaction.atomic():
                result = ensure_skeleton(kreis)
        except SkeletonError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Grundgerüst des KIM-Portals ({kreis.strip()}):")
        for what, created in result.parts:
            self.stdout.write(f"  {'angelegt ' if created else 'vorhanden'}  {what}")
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
                "Kommunen des Kreises eintragen (für Meldebögen und Vereinbarungen): "
                "Verwaltung → Stammdaten → Kommunen, auch als CSV/XLSX-Import"
            )
        if not GuidancePage.objects.exists():
            steps.append(
                "Vorhandene Arbeitshilfen übernehmen: manage.py import_knowledge ORDNER "
                "(Markdown, Text, HTML, PDF, DOCX)"
            )
        if result.legal_pages_to_complete:
            titles = ", ".join(f"„{page.title}“" for page in result.legal_pages_to_complete)
            steps.append(
                f"Platzhalter „[bitte ergänzen: …]“ ersetzen in {titles}: "
                "Verwaltung → Seiten → Startseite"
            )
        if not steps:
            self.stdout.write(self.style.SUCCESS("Das Portal ist eingerichtet."))
            return
        self.stdout.write("")
        self.stdout.write("Noch zu tun:")
        for number, step in enumerate(steps, start=1):
            self.stdout.write(f"  {number}. {step}")
