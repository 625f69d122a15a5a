"""Idempotent demo content for the Märkischer Kreis: Kommunen, organisations, users.

It builds on the site skeleton of a real installation (home.skeleton, ``manage.py
setup_portal``), so the demo's Startseite, Wissensbereich and Lenkungsgruppe are the skeleton's
pages filled with demo content. Apps add their own demo content in a ``demo`` module with
``load(home, stdout)``; it runs after the skeleton, the reference data and the users exist, and
must be idempotent too.
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
from home.demo_data import KOMMUNEN, LEGAL_PLACEHOLDERS, ORGANISATIONEN
from home.models import HomePage, LegalPage
from home.skeleton import SkeletonError, ensure_skeleton
from knowledge.models import Kommune, Organisation
from search.registry import deferred_indexing

DEMO_APPS = ("knowledge", "forms", "spaces", "cycle", "verteilung", "search")
DEFAULT_DEMO_PASSWORD = "kim-demo-2026"  # noqa: S105 - development only, printed on purpose
DEMO_KREIS = "Märkischer Kreis"


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
                self.load_skeleton()
                self.load_reference_data()
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

    def load_skeleton(self) -> None:
        """The skeleton of a real installation, then demo values in the legal pages."""
        try:
            result = ensure_skeleton(DEMO_KREIS)
        except SkeletonError as error:
            raise CommandError(str(error)) from error
        for page in result.legal_pages_to_complete:
            page = LegalPage.objects.get(pk=page.pk)
            for placeholder, value in LEGAL_PLACEHOLDERS.items():
                page.body = page.body.replace(placeholder, value)
            page.save_revision().publish()

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
                "redaktion",
                "Rita",
                "Redakteurin",
                roles.REDAKTION,
                ki,
                None,
                "Redaktion KIM-Portal",
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
