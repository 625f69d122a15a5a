from django.apps import apps
from django.core.management.base import BaseCommand

from accounts.apps import apply_role_permissions


class Command(BaseCommand):
    help = "Legt die Rollen-Gruppen an und ergänzt fehlende Berechtigungen (idempotent)."

    def handle(self, *args, **options):
        apply_role_permissions(sender=apps.get_app_config("accounts"))
        self.stdout.write("Rollen und Berechtigungen sind aktuell.")
