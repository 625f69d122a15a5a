"""The site skeleton of an installation, without demo content (``manage.py setup_portal``).

One function builds it, for a real installation and for the demo alike (load_demo runs it
first and fills the same pages): the roles with their permissions, the Startseite with a short
introduction, the three legal pages with the Kreis's name (their other placeholders stay
visible for the editors), the Wagtail site's name, and what the apps add in a ``skeleton``
module with ``ensure(home, kreis) -> [(what, created)]``: the Wissensbereich (knowledge) and
the Lenkungsgruppe (spaces).

Idempotent: what exists is left alone; only the Kreis placeholder of the legal pages is
replaced, and only while it is still there.
"""

import importlib
from dataclasses import dataclass, field
from html import escape

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from accounts.role_sync import sync_roles
from accounts.roles import ROLE_NAMES
from home.legal_texts import KREIS_PLACEHOLDER, LEGAL_PAGES, TO_BE_COMPLETED
from home.models import HomePage, LegalPage
from search.registry import reindex

SKELETON_APPS = ("knowledge", "spaces")
SITE_NAME_PREFIX = "KIM-Portal"

HOME_INTRO = (
    "<p>Willkommen im Intranet des Kommunalen Integrationsmanagements (KIM) – {kreis}. Hier "
    "finden Sie Arbeitshilfen, melden Integrationshürden und arbeiten in den Gremien "
    "zusammen.</p>"
)


class SkeletonError(Exception):
    """The skeleton cannot be built (the message says in German what to do)."""


@dataclass
class SkeletonResult:
    home: HomePage
    #: (what, created) for every part of the skeleton, in order
    parts: list[tuple[str, bool]] = field(default_factory=list)
    #: legal pages whose text still has "[bitte ergänzen: …]" placeholders
    legal_pages_to_complete: list[LegalPage] = field(default_factory=list)


def ensure_skeleton(kreis: str) -> SkeletonResult:
    """Build what is missing of the skeleton for the Kreis ``kreis``; see the module doc."""
    kreis = kreis.strip()
    if not kreis:
        raise SkeletonError("Bitte den Namen des Kreises angeben (--kreis „Kreis Musterstadt“).")
    missing_roles = set(ROLE_NAMES) - set(
        Group.objects.filter(name__in=ROLE_NAMES).values_list("name", flat=True)
    )
    sync_roles(django_apps, strict=True)
    home = HomePage.objects.first()
    if home is None:
        raise SkeletonError(
            "Es gibt keine Startseite: die Datenbank ist nicht migriert. "
            "Bitte zuerst „manage.py migrate“ ausführen."
        )
    result = SkeletonResult(home=home)
    result.parts.append((f"Rollen ({', '.join(ROLE_NAMES)})", bool(missing_roles)))

    intro_created = not home.intro
    if intro_created:
        home.intro = HOME_INTRO.format(kreis=escape(kreis))
        home.save_revision().publish()
    result.parts.append((f"Startseite „{home.title}“ mit Einleitung", intro_created))

    _ensure_legal_pages(home, kreis, result)
    _ensure_site_name(home, kreis, result)

    for app in SKELETON_APPS:
        module = importlib.import_module(f"{app}.skeleton")
        result.parts.extend(module.ensure(home, kreis))
    return result


def _ensure_legal_pages(home: HomePage, kreis: str, result: SkeletonResult) -> None:
    existing = {page.kind: page for page in LegalPage.objects.child_of(home)}
    for slug, title, kind, body in LEGAL_PAGES:
        page = existing.get(kind)
        created = page is None
        if created:
            # Deleted by hand: it is required by law, so it comes back with placeholders.
            page = LegalPage(title=title, slug=slug, kind=kind, body=body.strip())
            page.show_in_menus = False
            page.first_published_at = timezone.now()
            home.add_child(instance=page)
        if KREIS_PLACEHOLDER in page.body or created:
            page.body = page.body.replace(KREIS_PLACEHOLDER, escape(kreis))
            page.save_revision().publish()
        else:
            # Pages from the data migration were never indexed (migrations cannot).
            reindex(page)
        result.parts.append((f"Rechtliche Seite „{page.title}“", created))
        if TO_BE_COMPLETED in page.body:
            result.legal_pages_to_complete.append(page)


def _ensure_site_name(home: HomePage, kreis: str, result: SkeletonResult) -> None:
    site = Site.objects.filter(root_page=home).order_by("-is_default_site").first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=not Site.objects.filter(is_default_site=True).exists(),
        )
    named = site.site_name in ("", SITE_NAME_PREFIX)
    if named:
        site.site_name = f"{SITE_NAME_PREFIX} {kreis}"
        site.save(update_fields=["site_name"])
    result.parts.append((f"Website „{site.site_name}“", named))
