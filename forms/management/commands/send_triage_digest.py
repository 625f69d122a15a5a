"""Send the daily digest of overdue Meldebögen to the KIM-Koordination (see forms/digest.py)."""

from django.core.management.base import BaseCommand

from forms.digest import send_overdue_digest


class Command(BaseCommand):
    help = (
        "Schickt der KIM-Koordination die tägliche Übersicht der Meldebögen, deren "
        "Bearbeitungsfrist überschritten ist (nur Nummer, Status und Tage)."
    )

    def handle(self, *args, **options):
        count = send_overdue_digest()
        if count:
            self.stdout.write(f"{count} überfällige Meldebögen gemeldet.")
        else:
            self.stdout.write("Keine überfälligen Meldebögen.")
