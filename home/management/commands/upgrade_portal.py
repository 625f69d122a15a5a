"""manage.py upgrade_portal: bring an installation up to the installed software (idempotent).

Run after every update of the code (and by ``make serve``); on an up-to-date installation it
changes nothing. Steps:

1. ``migrate`` (the roles' permissions are re-applied after it, see accounts.role_sync);
2. ``sync_role_permissions`` once more, explicitly;
3. the site skeleton (home.skeleton): parts a new version adds are created, nothing is changed;
4. ``collectstatic`` (whitenoise serves the collected, compressed files);
5. ``rebuild_search_index`` when this run applied migrations to an existing installation (new
   fields may need indexing), when asked with --rebuild-index, or never with --no-rebuild-index;
6. ``check --deploy`` with the production settings, so problems are seen at once.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from home.skeleton import SkeletonError, ensure_skeleton
from search.registry import deferred_indexing


class Command(BaseCommand):
    help = (
        "Aktualisiert eine Installation nach einem Software-Update: Migrationen, Rollen, "
        "Grundgerüst, statische Dateien und bei Bedarf den Suchindex. Mehrfaches Ausführen "
        "ändert nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-collectstatic",
            action="store_true",
            help="statische Dateien nicht sammeln (z. B. in der Entwicklung)",
        )
        index = parser.add_mutually_exclusive_group()
        index.add_argument(
            "--rebuild-index", action="store_true", help="Suchindex auf jeden Fall neu aufbauen"
        )
        index.add_argument(
            "--no-rebuild-index", action="store_true", help="Suchindex nie neu aufbauen"
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        before = self.applied_migrations()
        self.step("1/6 Datenbank migrieren")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        applied = self.applied_migrations() - before
        self.stdout.write(f"  {len(applied)} Migrationen angewendet.")

        self.step("2/6 Rollen und Berechtigungen")
        call_command("sync_role_permissions", verbosity=max(verbosity - 1, 0))
        self.stdout.write("  abgeglichen.")

        self.step("3/6 Grundgerüst")
        try:
            with deferred_indexing(), transaction.atomic():
                result = ensure_skeleton(settings.KIM_KREIS_NAME)
        except SkeletonError as error:
            raise CommandError(str(error)) from error
        created = [what for what, is_new in result.parts if is_new]
        self.stdout.write(
            "  neu: " + "; ".join(created) if created else "  vollständig, nichts geändert."
        )

        self.step("4/6 Statische Dateien")
        if options["skip_collectstatic"]:
            self.stdout.write("  übersprungen (--skip-collectstatic).")
        else:
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write(f"  gesammelt in {settings.STATIC_ROOT}.")

        self.step("5/6 Suchindex")
        upgraded = bool(before) and bool(applied)
        if options["no_rebuild_index"]:
            self.stdout.write("  übersprungen (--no-rebuild-index).")
        elif options["rebuild_index"] or upgraded:
            call_command("rebuild_search_index", verbosity=verbosity, stdout=self.stdout)
        else:
            self.stdout.write("  aktuell (keine Migrationen an einer bestehenden Installation).")

        self.step("6/6 Prüfung der Einstellungen")
        call_command("check", deploy=not settings.DEBUG)
        self.stdout.write(self.style.SUCCESS("Die Installation ist auf dem Stand der Software."))

    def step(self, title: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(title))

    @staticmethod
    def applied_migrations() -> set[tuple[str, str]]:
        """Applied migrations; empty for a database without tables (a new installation)."""
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            recorder = MigrationRecorder(connection)
            if not recorder.has_table():
                return set()
            return set(recorder.applied_migrations())
        except DatabaseError as error:
            raise CommandError(
                f"Die Datenbank ist nicht erreichbar ({error}). Prüfen Sie DATABASE_URL."
            ) from error
