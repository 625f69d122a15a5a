"""Remind assignees of due and overdue Aufgaben, once per occasion (spaces.notifications).
Run daily (deploy/systemd/kim-portal-aufgaben-reminders.timer), before send_digests."""

from django.core.management.base import BaseCommand

from spaces.notifications import send_aufgaben_reminders


class Command(BaseCommand):
    help = (
        "Erinnert die Zuständigen an fällige und überfällige Aufgaben (einige Tage vorher, am "
        "Tag der Frist und einmal danach); jede Erinnerung nur einmal."
    )

    def handle(self, *args, **options) -> None:
        count = send_aufgaben_reminders()
        self.stdout.write(f"{count} Erinnerungen an Aufgaben.")
