"""load_demo fills the knowledge base believably and stays idempotent."""

import io

from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction

from knowledge.models import (
    FaqQuestion,
    GuidancePage,
    HandlungskonzeptPage,
    KnowledgeIndexPage,
    Kommune,
    Kooperationsvereinbarung,
)


def snapshot():
    return (
        Page.objects.count(),
        FaqQuestion.objects.count(),
        Kooperationsvereinbarung.objects.count(),
        PageViewRestriction.objects.count(),
        sorted(Page.objects.values_list("url_path", flat=True)),
    )


def test_demo_content_of_the_knowledge_base(demo, client, partner):
    wissen = KnowledgeIndexPage.objects.get(slug="wissensbasis")
    assert wissen.live and wissen.show_in_menus
    konzept = HandlungskonzeptPage.objects.get()
    assert len(konzept.chapters) >= 11
    assert FaqQuestion.objects.count() >= 20
    assert GuidancePage.objects.count() >= 2
    kommunen = Kommune.objects.count()
    assert Kooperationsvereinbarung.objects.filter(organisation__isnull=True).count() == kommunen
    assert Kooperationsvereinbarung.objects.values("status").distinct().count() == 4
    restricted = PageViewRestriction.objects.get(page__slug="fallrekonstruktion-auswahl")
    assert list(restricted.groups.values_list("name", flat=True)) == ["KIM-Koordination"]
    assert (
        Kooperationsvereinbarung.objects.live().count() == Kooperationsvereinbarung.objects.count()
    )
    # The Leitfaden links a Handlungskonzept section from its text.
    client.force_login(partner)
    html = client.get("/wissensbasis/meldebogen-leitfaden/").content.decode()
    # ... stored with the old numbered anchor, rendered with the section's stable one.
    konzept = HandlungskonzeptPage.objects.get()
    anchor = konzept.chapters[4].sections[1].anchor
    assert f'<a href="/wissensbasis/handlungskonzept/#{anchor}">Handlungskonzept' in html


def test_load_demo_twice_changes_nothing_in_the_knowledge_base(demo):
    first = snapshot()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
