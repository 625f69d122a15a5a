"""Remove a person's authenticator app and recovery codes (device lost, no codes left); at the
next sign-in they set up the app again. Recorded in the audit log of accounts."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import audit
from accounts.models import Kontoereignis


class Command(BaseCommand):
    help = "Setzt die Zwei-Faktor-Anmeldung eines Kontos zurück (App und Wiederherstellungscodes)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kein Konto mit dem Benutzernamen „{username}“.")
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        removed += StaticDevice.objects.filter(user=user).delete()[0]
        audit.record(
            Kontoereignis.Art.ZWEI_FAKTOR_ZURUECKGESETZT,
            user=user,
            detail="manage.py reset_two_factor",
        )
        self.stdout.write(
            f"Zwei-Faktor-Anmeldung von {username} zurückgesetzt ({removed} Einträge)."
        )
