"""manage.py create_coordinator USERNAME --email ADDRESS [--superuser] [--noinput]

Creates (or completes) an account of the KIM-Koordination: the user, the role's group and a
profile with the function "KIM-Koordination". The password is asked twice on the terminal and
checked against the password rules; with --noinput it comes from the environment variable
KIM_COORDINATOR_PASSWORD (for scripted installations), like Django's createsuperuser.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from accounts.models import Profile
from accounts.roles import KOORDINATION
from portal.installation import require_migrated

PASSWORD_VARIABLE = "KIM_COORDINATOR_PASSWORD"  # noqa: S105 - the variable's name


class Command(BaseCommand):
    help = (
        "Legt ein Konto der KIM-Koordination an (Rolle, Profil, Passwort). Ein vorhandenes "
        "Konto erhält die Rolle dazu; sein Passwort bleibt, außer Sie geben ein neues ein."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Benutzername, z. B. „m.muster“")
        parser.add_argument("--email", required=True, help="dienstliche E-Mail-Adresse")
        parser.add_argument("--first-name", default="", help="Vorname")
        parser.add_argument("--last-name", default="", help="Nachname")
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="zusätzlich Administrator (darf Benutzerkonten und Gruppen verwalten)",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"nicht nachfragen; das Passwort kommt aus der Umgebungsvariable "
            f"{PASSWORD_VARIABLE}",
        )

    def handle(self, *args, username: str, email: str, interactive: bool = True, **options):
        require_migrated()
        username = username.strip()
        if not username:
            raise CommandError("Bitte einen Benutzernamen angeben.")
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"„{email}“ ist keine gültige E-Mail-Adresse.") from error
        group = Group.objects.filter(name=KOORDINATION).first()
        if group is None:
            raise CommandError(
                f"Die Rolle „{KOORDINATION}“ fehlt. Bitte zuerst „manage.py setup_portal“ "
                "ausführen."
            )
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        is_new = user is None
        if is_new:
            user = User(username=username)
        user.email = email
        user.first_name = options["first_name"] or user.first_name
        user.last_name = options["last_name"] or user.last_name
        user.is_active = True
        if options["superuser"]:
            user.is_staff = user.is_superuser = True
        password = self.password(user, interactive, required=is_new)
        if password is not None:
            user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(group)
            profile, _ = Profile.objects.get_or_create(user=user)
            if not profile.function:
                profile.function = KOORDINATION
                profile.save(update_fields=["function"])
        what = "angelegt" if is_new else "aktualisiert"
        admin = " (auch Administrator)" if user.is_superuser else ""
        self.stdout.write(
            self.style.SUCCESS(f"Konto „{username}“ der KIM-Koordination {what}{admin}.")
        )
        if password is None:
            self.stdout.write("Das Passwort ist unverändert.")
        self.stdout.write("Anmelden: /konto/anmelden/   Verwaltung: /admin/")

    def password(self, user, interactive: bool, required: bool) -> str | None:
        """A new password that passes the rules; None keeps the current one."""
        if not interactive:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                if not required:
                    return None
                raise CommandError(
                    f"Mit --noinput kommt das Passwort aus der Umgebungsvariable "
                    f"{PASSWORD_VARIABLE}; sie ist nicht gesetzt."
                )
            self.validate(password, user)
            return password
        while True:
            prompt = "Passwort" if required else "Neues Passwort (leer: unverändert)"
            password = getpass.getpass(f"{prompt}: ")
            if not password and not required:
                return None
            if getpass.getpass("Passwort wiederholen: ") != password:
                self.stderr.write("Die Passwörter stimmen nicht überein.")
                continue
            try:
                self.validate(password, user)
            except CommandError as error:
                self.stderr.write(str(error))
                continue
            return password

    @staticmethod
    def validate(password: str, user) -> None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
