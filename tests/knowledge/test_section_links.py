"""Rich-text links to a Handlungskonzept section: chooser, editor conversion, privacy."""

import json

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import expand_db_html

from accounts import roles
from knowledge import rich_text
from knowledge.models import GuidancePage
from tests.knowledge.conftest import publish, restrict_to


def section_link(konzept, anchor: str, text: str = "Lenkungsgruppe") -> str:
    return f'<a linktype="handlungskonzept-section" id="{konzept.pk}" anchor="{anchor}">{text}</a>'


def guidance_linking(wissen, konzept, anchor: str = "kapitel-2-2") -> GuidancePage:
    return publish(
        wissen,
        GuidancePage(
            title="Arbeitshilfe Gremien",
            slug="arbeitshilfe-gremien",
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>Siehe {section_link(konzept, anchor)} im Konzept.</p>",
                }
            ],
        ),
    )


def test_link_points_to_the_section_of_the_page(client, partner, wissen, konzept):
    page = guidance_linking(wissen, konzept)
    client.force_login(partner)
    html = client.get(page.url).content.decode()
    anchor = konzept.chapters[1].sections[1].anchor  # the old "kapitel-2-2"
    assert f'<a href="/wissensbasis/handlungskonzept/#{anchor}">Lenkungsgruppe</a>' in html
    # ... and that anchor exists on the Handlungskonzept.
    assert f'id="{anchor}"' in client.get(konzept.url).content.decode()


def test_restricted_target_leaves_only_the_text(
    client, partner, koordination, make_user, wissen, konzept
):
    restrict_to(konzept, roles.KOORDINATION)
    page = guidance_linking(wissen, konzept)
    client.force_login(partner)
    html = client.get(page.url).content.decode()
    assert "Siehe <a>Lenkungsgruppe</a> im Konzept." in html
    assert "/wissensbasis/handlungskonzept/" not in html
    client.force_login(koordination)
    html = client.get(page.url).content.decode()
    anchor = konzept.chapters[1].sections[1].anchor
    assert f'href="/wissensbasis/handlungskonzept/#{anchor}"' in html


def test_without_a_known_reader_only_unrestricted_targets_are_linked(wissen, konzept):
    rich_text.forget_reader()
    assert f'href="/wissensbasis/handlungskonzept/#{konzept.chapters[0].anchor}"' in expand_db_html(
        section_link(konzept, "kapitel-1")
    )
    restrict_to(konzept, roles.KOORDINATION)
    assert expand_db_html(section_link(konzept, "kapitel-1")) == "<a>Lenkungsgruppe</a>"


def test_unknown_section_or_page_degrades_gracefully(wissen, konzept):
    rich_text.forget_reader()
    html = expand_db_html(section_link(konzept, "kapitel-9-9"))
    assert html == '<a href="/wissensbasis/handlungskonzept/">Lenkungsgruppe</a>'
    unpublished_id = konzept.pk
    konzept.unpublish()
    assert expand_db_html(section_link(konzept, "kapitel-1")) == "<a>Lenkungsgruppe</a>"
    konzept.delete()
    html = expand_db_html(
        f'<a linktype="handlungskonzept-section" id="{unpublished_id}" anchor="x">Weg</a>'
    )
    assert html == "<a>Weg</a>"


def test_editor_round_trip_keeps_page_and_anchor(wissen, konzept):
    converter = ContentstateConverter(features=["link", "handlungskonzept-section"])
    stored = f"<p>Siehe {section_link(konzept, 'kapitel-2-1')}.</p>"
    contentstate = json.loads(converter.from_database_format(stored))
    (entity,) = contentstate["entityMap"].values()
    assert entity["type"] == "HANDLUNGSKONZEPT_SECTION"
    assert entity["mutability"] == "MUTABLE"
    assert entity["data"]["anchor"] == "kapitel-2-1"
    assert entity["data"]["url"] == "/wissensbasis/handlungskonzept/#kapitel-2-1"
    stored_again = converter.to_database_format(json.dumps(contentstate))
    assert section_link(konzept, "kapitel-2-1") in stored_again


def test_chooser_lists_chapters_and_sections_for_editors(client, koordination, wissen, konzept):
    client.force_login(koordination)
    response = client.get("/admin/wissen/abschnitt-auswahl/")
    assert response.status_code == 200
    data = response.json()
    assert data["step"] == "choose"
    assert f'data-anchor="{konzept.chapters[1].sections[1].anchor}"' in data["html"]
    assert "2.2 Lenkungsgruppe" in data["html"]
    assert f'data-id="{konzept.pk}"' in data["html"]


def test_guidance_editor_offers_the_section_link(client, koordination, wissen, konzept):
    page = guidance_linking(wissen, konzept)
    client.force_login(koordination)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "knowledge/js/section-link.js" in html
    assert "HANDLUNGSKONZEPT_SECTION" in html
    assert "/admin/wissen/abschnitt-auswahl/" in html


def test_chooser_needs_admin_access(client, partner, wissen, konzept):
    client.force_login(partner)
    assert client.get("/admin/wissen/abschnitt-auswahl/").status_code in (302, 403)


def test_many_section_links_cost_no_extra_queries(
    client, partner, wissen, konzept, django_assert_max_num_queries
):
    def page_with_links(slug: str, count: int) -> GuidancePage:
        paragraphs = [
            {"type": "paragraph", "value": f"<p>{section_link(konzept, 'kapitel-1-1', str(n))}</p>"}
            for n in range(count)
        ]
        return publish(wissen, GuidancePage(title=slug, slug=slug, body=paragraphs))

    small, large = page_with_links("wenige", 2), page_with_links("viele", 20)
    client.force_login(partner)
    counts = []
    for page in (small, large):
        client.get(page.url)
        with django_assert_max_num_queries(25) as captured:
            html = client.get(page.url).content.decode()
        anchor = konzept.chapters[0].sections[0].anchor
        assert f'href="/wissensbasis/handlungskonzept/#{anchor}"' in html
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
