"""manage.py backup_portal [--target DIR] [--keep-days N]: database and files in one backup.

See portal/backup.py for what a backup holds and docs/operations.md for the procedure.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backups, create_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Sichert die Datenbank (PostgreSQL: pg_dump, SQLite: Kopie) und alle "
        "Dateiverzeichnisse in ein neues Verzeichnis und löscht Sicherungen, die älter als die "
        "Aufbewahrungsfrist sind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--target",
            help=f"Zielverzeichnis (Standard: KIM_BACKUP_DIR, zurzeit {settings.KIM_BACKUP_DIR})",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            help="ältere Sicherungen löschen (Standard: KIM_BACKUP_KEEP_DAYS, zurzeit "
            f"{settings.KIM_BACKUP_KEEP_DAYS}; 0 löscht nichts)",
        )

    def handle(self, *args, target=None, keep_days=None, **options):
        target_root = Path(target or settings.KIM_BACKUP_DIR)
        keep_days = settings.KIM_BACKUP_KEEP_DAYS if keep_days is None else keep_days
        try:
            directory = create_backup(target_root, log=lambda line: self.stdout.write(f"  {line}"))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Sicherung angelegt: {directory}"))
        for path in prune_backups(target_root, keep_days, keep=directory):
            self.stdout.write(f"Gelöscht (älter als {keep_days} Tage): {path}")
        if keep_days <= 0 or keep_days >= 365:
            self.stdout.write(
                self.style.WARNING(
                    "Achtung: Sicherungen werden nicht innerhalb eines Jahres gelöscht. Das "
                    "Löschkonzept (docs/deletion-concept.md) verlangt eine kürzere Rotation, "
                    "sonst überdauern gelöschte Meldebogen-Texte in den Sicherungen."
                )
            )
        self.stdout.write(f"Vorhandene Sicherungen: {len(backups(target_root))}")
