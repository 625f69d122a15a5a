"""Delete expired drafts and the free text of old reports (see docs/deletion-concept.md)."""

from django.core.management.base import BaseCommand

from forms.retention import purge_meldeboegen


class Command(BaseCommand):
    help = (
        "Löscht abgelaufene Meldebogen-Entwürfe und die Freitexte und Anhänge eingereichter "
        "Meldebögen nach Ablauf der Aufbewahrungsfrist; protokolliert den Lauf."
    )

    def handle(self, *args, **options):
        log = purge_meldeboegen()
        self.stdout.write(
            f"{log.drafts_deleted} Entwürfe gelöscht, {log.reports_anonymised} Meldebögen "
            f"anonymisiert, {log.attachments_deleted} Anhänge gelöscht."
        )
