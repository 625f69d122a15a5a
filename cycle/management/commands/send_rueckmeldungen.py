"""Send the feedback to reporters whose theme's Beschluss has reached its date (daily job)."""

from django.core.management.base import BaseCommand

from cycle.feedback import send_due_rueckmeldungen


class Command(BaseCommand):
    help = (
        "Schickt meldenden Personen die Rückmeldung zu Beschlüssen der Lenkungsgruppe, deren "
        "Datum erreicht ist und über die sie noch nicht informiert wurden (täglich ausführen)."
    )

    def handle(self, *args, **options):
        count = send_due_rueckmeldungen()
        self.stdout.write(f"{count} Rückmeldungen an meldende Personen verschickt.")
