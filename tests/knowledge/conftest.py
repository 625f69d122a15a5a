"""Builders for knowledge-base pages (published, below a "Wissen" section under home)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage
from knowledge.models import (
    FaqPage,
    FaqQuestion,
    GuidancePage,
    HandlungskonzeptPage,
    KnowledgeIndexPage,
)


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def restrict_to(page: Page, *group_names: str) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=group_names))


def chapter(title: str, *sections: str) -> dict:
    return {
        "type": "chapter",
        "value": {
            "title": title,
            "intro": "",
            "sections": [{"title": s, "body": f"<p>Text zu {s}.</p>"} for s in sections],
        },
    }


def question(text: str, topic: str = "Grundlagen", **fields) -> FaqQuestion:
    fields.setdefault("last_checked", timezone.localdate() - datetime.timedelta(days=10))
    return FaqQuestion(topic=topic, question=text, answer=f"<p>Antwort auf {text}</p>", **fields)


@pytest.fixture
def wissen(db) -> KnowledgeIndexPage:
    return publish(
        HomePage.objects.get(),
        KnowledgeIndexPage(title="Wissen", slug="wissensbasis", show_in_menus=True),
    )


@pytest.fixture
def konzept(wissen) -> HandlungskonzeptPage:
    return publish(
        wissen,
        HandlungskonzeptPage(
            title="Handlungskonzept",
            slug="handlungskonzept",
            stand=datetime.date(2026, 6, 1),
            body=[
                chapter("Einleitung", "Anlass", "Aufbau"),
                chapter("Gremien", "Überblick", "Lenkungsgruppe"),
            ],
        ),
    )


@pytest.fixture
def faq(wissen) -> FaqPage:
    page = FaqPage(title="Häufige Fragen", slug="faq")
    page.questions = [
        question("Was ist KIM?"),
        question("Wer koordiniert?", source="FAQ des Landes"),
        question("Was gehört in den Meldebogen?", topic="Meldebogen"),
    ]
    return publish(wissen, page)


@pytest.fixture
def guidance(wissen) -> GuidancePage:
    return publish(
        wissen,
        GuidancePage(
            title="Arbeitshilfe Übergänge",
            slug="arbeitshilfe-uebergaenge",
            intro="Wie Übergänge gelingen.",
            responsible_unit="KIM-Koordination",
            body=[
                {"type": "heading", "value": {"text": "Ablauf", "level": "h2"}},
                {"type": "paragraph", "value": "<p>Erst anrufen, dann schreiben.</p>"},
                {
                    "type": "callout",
                    "value": {
                        "kind": "wichtig",
                        "title": "Datenschutz",
                        "text": "<p>Keine Namen.</p>",
                    },
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "Zuständigkeiten",
                        "columns": ["Stelle", "Aufgabe"],
                        "rows": [["Jobcenter", "Vermittlung"], ["ABH", "Aufenthalt"]],
                        "first_column_is_header": True,
                    },
                },
            ],
        ),
    )
