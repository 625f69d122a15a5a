"""manage.py restore_portal BACKUP_DIR [--replace]: put a backup of backup_portal back.

After the data is back, the command brings it to the installed software and to today's
deletion rules: ``migrate`` (a backup of an older version), ``purge_meldeboegen`` (what expired
since the backup was made is deleted again at once) and, with Elasticsearch, a rebuild of the
external index. See docs/operations.md.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von backup_portal wieder her (Datenbank und Dateien) und wendet "
        "danach Migrationen und die Löschfristen an."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="Verzeichnis der Sicherung (kim-portal-…)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="vorhandene Daten in Datenbank und Dateiverzeichnissen ersetzen "
            "(ohne diese Option nur in eine leere Installation)",
        )

    def handle(self, *args, backup: str, replace: bool = False, **options):
        directory = Path(backup)
        try:
            manifest = restore_backup(
                directory, replace, log=lambda line: self.stdout.write(f"  {line}")
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        connections.close_all()
        self.stdout.write(f"Sicherung vom {manifest['created']} wiederhergestellt.")
        quiet = {"verbosity": 0}
        call_command("migrate", interactive=False, **quiet)
        self.stdout.write("  Migrationen angewendet.")
        call_command("purge_meldeboegen", stdout=self.stdout)
        if settings.ELASTICSEARCH_URL:
            call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Fertig. Starten Sie die Dienste neu: systemctl restart kim-portal "
                "kim-portal-worker"
            )
        )
