"""Delete expired drafts and the free text of closed reports (see docs/deletion-concept.md);
``--dry-run`` lists what would happen and changes nothing."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from forms.models import retention_days
from forms.retention import plan_purge, purge_meldeboegen


def _date(value) -> str:
    return f"{timezone.localtime(value):%d.%m.%Y}" if value else "unbekannt"


class Command(BaseCommand):
    help = (
        "Löscht abgelaufene Meldebogen-Entwürfe und die Freitexte und Anhänge abgeschlossener "
        "Meldebögen nach Ablauf der Aufbewahrungsfrist (gerechnet ab dem Abschluss); "
        "protokolliert den Lauf. Meldebögen in der Sichtung bleiben unberührt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur auflisten, was gelöscht würde; nichts ändern und nichts protokollieren.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            self.show_plan()
            return
        log = purge_meldeboegen()
        self.stdout.write(
            f"{log.drafts_deleted} Entwürfe gelöscht, {log.reports_anonymised} Meldebögen "
            f"anonymisiert, {log.attachments_deleted} Anhänge gelöscht."
        )

    def show_plan(self) -> None:
        plan = plan_purge()
        self.stdout.write("Probelauf: Es wird nichts gelöscht.")
        self.stdout.write(f"Entwürfe, die gelöscht würden: {len(plan.drafts)}")
        for name, expired in plan.drafts:
            self.stdout.write(f"  {name} (abgelaufen am {_date(expired)})")
        self.stdout.write(
            f"Meldebögen, deren Freitexte und Anhänge gelöscht würden ({retention_days()} Tage "
            f"nach dem Abschluss): {len(plan.reports)}"
        )
        for report in plan.reports:
            self.stdout.write(
                f"  {report.reference} ({report.status} seit {_date(report.closed_at)}, "
                f"{report.attachments} Anhänge)"
            )
        self.stdout.write(f"Anhänge insgesamt: {plan.attachments}")
