"""Every knowledge page type renders for a logged-in reader; the Handlungskonzept's anchors."""

import re

import pytest
from django.core.exceptions import ValidationError

from accounts import roles
from home.models import HomePage
from knowledge.models import GuidancePage, Handlungsfeld, KnowledgeIndexPage
from tests.knowledge.conftest import publish, restrict_to


def get_html(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_index_lists_its_children_and_the_overviews(client, partner, konzept, faq, guidance):
    html = get_html(client, partner, "/wissensbasis/")
    assert html.count("<h1") == 1
    for title in ("Handlungskonzept", "Häufige Fragen", "Arbeitshilfe Übergänge"):
        assert title in html
    assert 'href="/wissensbasis/verzeichnis/"' in html
    assert 'href="/wissensbasis/vereinbarungen/"' in html


def test_guidance_page_renders_blocks_accessibly(client, partner, guidance):
    guidance.handlungsfelder.add(Handlungsfeld.objects.create(name="Arbeitsmarkt"))
    guidance.tags.add("Jobcenter")
    guidance.save_revision().publish()
    html = get_html(client, partner, guidance.url)
    assert html.count("<h1") == 1
    assert "<caption>Zuständigkeiten</caption>" in html
    assert '<th scope="col">Stelle</th>' in html
    assert '<th scope="row">Jobcenter</th>' in html
    assert "Wichtig: Datenschutz" in html  # the callout's kind is written out, not colour only
    assert "Stand:" in html
    assert "Verantwortlich: KIM-Koordination" in html
    assert "Arbeitsmarkt" in html
    assert "Jobcenter" in html


def test_handlungskonzept_numbers_chapters_and_sections_with_stable_anchors(
    client, partner, konzept
):
    assert [c.number for c in konzept.chapters] == ["1", "2"]
    section = konzept.chapters[1].sections[1]
    assert section.number == "2.2"
    assert re.fullmatch(r"abschnitt-[0-9a-f]{8}", section.anchor)
    html = get_html(client, partner, konzept.url)
    assert html.count("<h1") == 1
    assert "Inhaltsverzeichnis" in html
    assert f'href="#{section.anchor}"' in html  # table of contents
    assert f'id="{section.anchor}"' in html  # the section itself
    assert 'id="kapitel-2-2"' in html  # the old numbered anchor still leads there
    assert '<span class="section-number">2.2</span> Lenkungsgruppe' in html
    assert "Stand: 01.06.2026" in html


def test_handlungskonzept_print_view_has_the_whole_text(client, partner, konzept):
    html = get_html(client, partner, konzept.url + "druckansicht/")
    assert html.count("<h1") == 1
    assert 'lang="de"' in html
    assert "Text zu Lenkungsgruppe." in html
    assert 'class="main-nav"' not in html


def test_faq_page_groups_questions_by_topic_with_anchors(client, partner, faq):
    html = get_html(client, partner, faq.url)
    assert html.count("<h1") == 1
    assert html.index("Grundlagen") < html.index("Meldebogen</h2>")
    assert 'id="frage-was-ist-kim"' in html
    assert "Zuletzt geprüft am" in html
    assert "Quelle: FAQ des Landes" in html
    assert "War diese Antwort hilfreich?" in html


def test_page_link_points_to_a_section_and_hides_restricted_targets(
    client, partner, koordination, wissen, konzept
):
    internal = publish(wissen, GuidancePage(title="Intern", slug="intern"))
    restrict_to(internal, roles.KOORDINATION)
    page = publish(
        wissen,
        GuidancePage(
            title="Mit Links",
            slug="mit-links",
            body=[
                {
                    "type": "page_link",
                    "value": {"page": konzept.pk, "anchor": "kapitel-2-2", "label": "Zur LG"},
                },
                {"type": "page_link", "value": {"page": internal.pk, "anchor": "", "label": ""}},
            ],
        ),
    )
    html = get_html(client, partner, page.url)
    anchor = konzept.chapters[1].sections[1].anchor  # the old "kapitel-2-2"
    assert f'href="/wissensbasis/handlungskonzept/#{anchor}"' in html
    assert "/wissensbasis/intern/" not in html
    html = get_html(client, koordination, page.url)
    assert "/wissensbasis/intern/" in html


def test_index_page_slug_must_not_shadow_portal_urls(db):
    page = KnowledgeIndexPage(title="Wissen", slug="wissen")
    with pytest.raises(ValidationError) as excinfo:
        HomePage.objects.get().add_child(instance=page)
    assert "reserviert" in str(excinfo.value)
