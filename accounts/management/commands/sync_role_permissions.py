from django.apps import apps
from django.core.management.base import BaseCommand

from accounts.role_sync import ensure_all_permissions_exist, sync_roles


class Command(BaseCommand):
    help = "Legt die Rollen-Gruppen an und ergänzt fehlende Berechtigungen (idempotent)."

    def handle(self, *args, **options):
        ensure_all_permissions_exist(apps)
        sync_roles(apps)
        self.stdout.write("Rollen und Berechtigungen sind aktuell.")
