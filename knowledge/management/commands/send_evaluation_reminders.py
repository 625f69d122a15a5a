"""Tell the KIM-Koordination of Kooperationsvereinbarungen whose evaluation is overdue, once per
agreement and evaluation date (knowledge.notifications). Run daily
(deploy/systemd/kim-portal-evaluation-reminders.timer), before send_digests."""

from django.core.management.base import BaseCommand

from knowledge.notifications import send_evaluation_reminders


class Command(BaseCommand):
    help = (
        "Benachrichtigt die KIM-Koordination über Kooperationsvereinbarungen, deren Evaluation "
        "überfällig ist; je Vereinbarung und Termin nur einmal."
    )

    def handle(self, *args, **options) -> None:
        count = send_evaluation_reminders()
        self.stdout.write(f"{count} Hinweise auf überfällige Evaluationen.")
