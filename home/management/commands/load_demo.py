"""Idempotent demo content for the Märkischer Kreis: Kommunen, organisations, users, home page.

Apps add their own demo content in a ``demo`` module with ``load(home, stdout)``; it runs after
the reference data, users and home page exist, and must be idempotent too.
"""

import importlib
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles
from accounts.models import Profile
from home.demo_data import KOMMUNEN, ORGANISATIONEN
from home.models import HomePage, LegalPage
from knowledge.models import Kommune, Organisation
from search.registry import deferred_indexing, reindex

DEMO_APPS = ("knowledge", "forms", "spaces", "cycle", "search")
DEFAULT_DEMO_PASSWORD = "kim-demo-2026"  # noqa: S105 - development only, printed on purpose

HOME_INTRO = (
    "<p>Willkommen im Intranet des Kommunalen Integrationsmanagements (KIM) im Märkischen Kreis. "
    "Hier finden Sie Arbeitshilfen, melden Integrationshürden und arbeiten in den Gremien "
    "zusammen.</p>"
)


class Command(BaseCommand):
    help = (
        "Legt Demo-Inhalte für den Märkischen Kreis an (nur Entwicklung, DEBUG=True). "
        "Mehrfaches Ausführen ändert nichts außer den Demo-Passwörtern."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Inhalte nur anlegen, wenn noch keine Kommune existiert; Zugänge immer ausgeben.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        # Index every changed object once at the end instead of at each of its saves.
        with deferred_indexing():
            self.load(if_empty=if_empty)

    def load(self, if_empty: bool) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "load_demo legt Benutzer mit bekannten Passwörtern an und läuft deshalb nur "
                "mit DEBUG=True (Entwicklung), nie im Betrieb."
            )
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        self._had_content = Kommune.objects.exists()
        if if_empty and self._had_content:
            self.stdout.write("Demo-Inhalte sind schon vorhanden.")
        else:
            with transaction.atomic():
                self.load_reference_data()
                self.load_home_page()
        with transaction.atomic():
            logins = self.load_users(password)
        if not (if_empty and self._had_content):
            self.load_app_demos()
        self.print_logins(logins, password)

    def load_reference_data(self) -> None:
        kommunen = {}
        for name, slug, ags, abh, ebh, jugendamt in KOMMUNEN:
            kommune, _ = Kommune.objects.update_or_create(
                ags=ags,
                defaults={
                    "name": name,
                    "slug": slug,
                    "has_auslaenderbehoerde": abh,
                    "has_einbuergerungsbehoerde": ebh,
                    "has_jugendamt": jugendamt,
                },
            )
            kommunen[slug] = kommune
        for name, kind, parent, city, served, description in ORGANISATIONEN:
            organisation, _ = Organisation.objects.update_or_create(
                name=name,
                kind=kind,
                defaults={"parent_name": parent, "city": city, "description": description},
            )
            organisation.kommunen.set([kommunen[slug] for slug in served])
        self.stdout.write(f"{len(kommunen)} Kommunen und {len(ORGANISATIONEN)} Organisationen.")

    def load_app_demos(self) -> None:
        home = HomePage.objects.get()
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(home=home, stdout=self.stdout)

    def load_home_page(self) -> None:
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("Es gibt keine Startseite. Bitte zuerst „manage.py migrate“.")
        if not home.intro:
            home.intro = HOME_INTRO
            home.save_revision().publish()
        # The legal pages come from a data migration, which cannot index them.
        for page in LegalPage.objects.all():
            reindex(page)

    def load_users(self, password: str) -> list[tuple[str, str, str]]:
        User = get_user_model()
        ki = Organisation.objects.get(name="Kommunales Integrationszentrum Märkischer Kreis")
        caritas = Organisation.objects.get(
            name="Migrationsberatung für Erwachsene Caritas Lüdenscheid"
        )
        people = [
            (
                "koordination",
                "Katrin",
                "Koordinatorin",
                roles.KOORDINATION,
                ki,
                None,
                "KIM-Koordination",
            ),
            (
                "casemanagement",
                "Cem",
                "Casemanager",
                roles.CASE_MANAGEMENT,
                ki,
                Kommune.objects.get(slug="werdohl"),
                "KIM-Case Management Werdohl",
            ),
            (
                "partner",
                "Paula",
                "Partnerin",
                roles.EXTERNE_PARTNER,
                caritas,
                None,
                "Migrationsberatung",
            ),
        ]
        for kommune in Kommune.objects.order_by("name"):
            people.append(
                (
                    f"ib-{kommune.slug}",
                    "Integrationsbeauftragte",
                    kommune.name,
                    roles.INTEGRATIONSBEAUFTRAGTE,
                    None,
                    kommune,
                    f"Integrationsbeauftragte {kommune.name}",
                )
            )
        logins = []
        for username, first, last, role, organisation, kommune, function in people:
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@demo.kim-portal.invalid",
                },
            )
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            Profile.objects.update_or_create(
                user=user,
                defaults={"organisation": organisation, "kommune": kommune, "function": function},
            )
            logins.append((username, role, function))
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "first_name": "Admin",
                "email": "admin@demo.kim-portal.invalid",
            },
        )
        admin.set_password(password)
        admin.save()
        logins.append(("admin", "Superuser", "Technische Administration"))
        return logins

    def print_logins(self, logins, password: str) -> None:
        self.stdout.write("")
        self.stdout.write("Demo-Zugänge (nur für die Entwicklung), alle mit dem Passwort:")
        self.stdout.write(f"  {password}")
        width = max(len(username) for username, _, _ in logins)
        for username, role, function in logins:
            self.stdout.write(f"  {username.ljust(width)}  {role:<24} {function}")
        self.stdout.write(
            "Portal: http://127.0.0.1:8000/   Verwaltung: http://127.0.0.1:8000/admin/"
        )
