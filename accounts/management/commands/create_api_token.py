from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log
from wagtail.models import APIToken


class Command(BaseCommand):
    help = "Erstellt ein API-Token für einen Benutzer und gibt es einmalig aus (letztes Wort)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="Bezeichnung, z. B. die Fachsoftware")

    def handle(self, *args, username: str, name: str, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(f"Benutzer „{username}“ gibt es nicht.") from exc
        if not user.is_active:
            raise CommandError(f"Benutzer „{username}“ ist deaktiviert.")
        instance, token = APIToken.create_token(user=user, name=name or "Kommandozeile")
        log(instance, "wagtail.apitoken.create", data={"source": "management_command"})
        self.stdout.write(
            f"API-Token für {username} erstellt. Es wird nur jetzt angezeigt und nur als "
            f"Prüfsumme gespeichert:\n{token}"
        )
