"""The spaces' part of the site skeleton (``manage.py setup_portal``; idempotent).

Every KIM has a Lenkungsgruppe (its Geschäftsordnung defines the seats); a fresh installation
gets its space without seats, which the KIM-Koordination adds in the admin. The demo
(spaces.demo) fills the same Gremium.
"""

from wagtail.models import Page

from spaces.models import Gremium

LENKUNGSGRUPPE_SLUG = "lenkungsgruppe"
LENKUNGSGRUPPE_NAME = "Lenkungsgruppe KIM"
LENKUNGSGRUPPE_PREFIX = "LG"


def mandate(kreis: str) -> str:
    return (
        f"Die Lenkungsgruppe steuert das Kommunale Integrationsmanagement ({kreis}). Sie "
        "beschließt die Strategie, setzt thematische Arbeitsgruppen ein und besetzt sie, "
        "beschließt Zielsysteme und bereitet politische Beschlüsse vor.\n\n"
        "Die Geschäfte führt die KIM-Koordination."
    )


def ensure(home: Page, kreis: str) -> list[tuple[str, bool]]:
    """Create the Lenkungsgruppe unless a Gremium of that kind exists."""
    existing = Gremium.objects.filter(kind=Gremium.Kind.LENKUNGSGRUPPE).order_by("pk").first()
    if existing is not None:
        return [(f"Gremium „{existing.name}“ (/gremien/{existing.slug}/)", False)]
    gremium = Gremium.objects.create(
        name=LENKUNGSGRUPPE_NAME,
        slug=LENKUNGSGRUPPE_SLUG,
        kind=Gremium.Kind.LENKUNGSGRUPPE,
        prefix=LENKUNGSGRUPPE_PREFIX,
        mandate=mandate(kreis),
    )
    return [(f"Gremium „{gremium.name}“ (/gremien/{gremium.slug}/)", True)]
