"""The knowledge base's part of the site skeleton (``manage.py setup_portal``; idempotent).

A fresh installation gets one Wissensbereich under the Startseite, which ``import_knowledge``
and the editors fill. The demo (knowledge.demo) builds its content into the same page.
"""

from wagtail.models import Page

from knowledge.models import KnowledgeIndexPage

INDEX_SLUG = "wissensbasis"
INDEX_TITLE = "Wissen"
INDEX_INTRO = (
    "<p>Handlungskonzept, Arbeitshilfen, häufige Fragen, Kooperationsvereinbarungen und das "
    "Verzeichnis der Beratungsangebote des Kommunalen Integrationsmanagements.</p>"
)


def knowledge_index(home: Page) -> KnowledgeIndexPage | None:
    """The top Wissensbereich under ``home`` (the one ``import_knowledge`` fills by default)."""
    return KnowledgeIndexPage.objects.descendant_of(home).order_by("depth", "path").first()


def ensure(home: Page, kreis: str) -> list[tuple[str, bool]]:
    """Create the Wissensbereich unless one exists; returns (what, created) lines."""
    index = knowledge_index(home)
    created = index is None
    if created:
        index = KnowledgeIndexPage(
            title=INDEX_TITLE, slug=INDEX_SLUG, show_in_menus=True, intro=INDEX_INTRO
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    path = index.url_path.removeprefix(home.url_path.rstrip("/"))
    return [(f"Wissensbereich „{index.title}“ ({path})", created)]
