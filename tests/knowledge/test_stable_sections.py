"""Stable section links in the Handlungskonzept (issue 18, point 1): anchors survive reordering,
old numbered links keep working, removing a linked section needs confirmation, one "Stand"."""

import re

from knowledge.models import GuidancePage, HandlungskonzeptPage
from knowledge.sections import positional_anchors
from tests.knowledge.conftest import chapter, publish


def section_link(konzept, anchor: str) -> str:
    return f'<a linktype="handlungskonzept-section" id="{konzept.pk}" anchor="{anchor}">LG</a>'


def insert_chapter_first(konzept) -> HandlungskonzeptPage:
    """An editor inserts a new chapter 1: every old chapter's number moves by one."""
    konzept = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    new = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    new.body = [chapter("Neues erstes Kapitel", "Vorwort"), *konzept.body.raw_data]
    new.save_revision().publish()
    return HandlungskonzeptPage.objects.get(pk=konzept.pk)


def test_anchor_survives_inserting_a_chapter_and_old_links_follow_their_section(
    client, partner, wissen, konzept
):
    before = konzept.chapters[1].sections[1]  # 2.2 Lenkungsgruppe
    guidance = publish(
        wissen,
        GuidancePage(
            title="Verweise",
            slug="verweise",
            body=[
                {"type": "paragraph", "value": f"<p>{section_link(konzept, before.anchor)}</p>"},
                {"type": "paragraph", "value": f"<p>{section_link(konzept, 'kapitel-2-2')}</p>"},
            ],
        ),
    )
    moved = insert_chapter_first(konzept)
    after = moved.chapters[2].sections[1]
    assert (after.number, after.title) == ("3.2", before.title)
    assert after.anchor == before.anchor  # stable
    client.force_login(partner)
    html = client.get(guidance.url).content.decode()
    # Both the stable link and the old numbered one lead to the moved section.
    assert html.count(f'href="/wissensbasis/handlungskonzept/#{before.anchor}"') == 2
    page = client.get(moved.url).content.decode()
    assert f'<a href="#{before.anchor}"><span class="section-number">3.2</span>' in page
    # An old bookmark #kapitel-2-2 still lands on "Lenkungsgruppe", not on the new 2.2.
    section_html = page[page.index('id="kapitel-2-2"') :]
    assert section_html.index(before.title) < section_html.index("</section>")
    assert re.fullmatch(r"abschnitt-[0-9a-f]{8}", before.anchor)


def test_positional_anchors_are_recorded_once(konzept):
    konzept.refresh_from_db()
    assert konzept.legacy_anchors == positional_anchors(konzept.body)
    assert set(konzept.legacy_anchors) >= {"kapitel-1", "kapitel-2", "kapitel-2-2"}
    moved = insert_chapter_first(konzept)
    # Reordering does not re-record: "kapitel-1" still means the old first chapter.
    assert moved.legacy_anchors["kapitel-1"] == moved.chapters[1].block_id


def test_removing_a_linked_section_needs_confirmation(
    client, koordination, wissen, konzept, django_capture_on_commit_callbacks
):
    target = konzept.chapters[1].sections[1]
    # Wagtail updates its reference index in a task after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            wissen,
            GuidancePage(
                title="Arbeitshilfe Gremien",
                slug="arbeitshilfe-gremien",
                body=[
                    {"type": "paragraph", "value": f"<p>{section_link(konzept, target.anchor)}</p>"}
                ],
            ),
        )
    konzept = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    kept_body = [
        {**block, "value": {**block["value"], "sections": block["value"]["sections"][:1]}}
        if block["id"] == konzept.chapters[1].block_id
        else block
        for block in konzept.body.raw_data
    ]
    removed = konzept.chapters[1].sections[1]
    assert konzept.linked_sections_removed_by(HandlungskonzeptPage(body=kept_body).body) == [
        (f"2.2 {removed.title}", ["Arbeitshilfe Gremien"])
    ]
    # Removing an unlinked section is not a problem.
    other = [
        {**block, "value": {**block["value"], "sections": []}}
        if block["id"] == konzept.chapters[0].block_id
        else block
        for block in konzept.body.raw_data
    ]
    assert konzept.linked_sections_removed_by(HandlungskonzeptPage(body=other).body) == []


def test_listing_and_document_show_the_same_stand(client, partner, wissen, konzept):
    client.force_login(partner)
    listing = client.get(wissen.url).content.decode()
    document = client.get(konzept.url).content.decode()
    assert "Stand: 01.06.2026" in document
    entry = listing[listing.index(konzept.title) :]
    assert "Stand: 01.06.2026" in entry[: entry.index("</li>")]


def test_editor_is_warned_before_removing_a_linked_section(
    client, koordination, wissen, konzept, django_capture_on_commit_callbacks
):
    """Through the page editor: the first save is refused with the linking page's title."""
    from wagtail.test.utils.form_data import rich_text

    with django_capture_on_commit_callbacks(execute=True):
        publish(
            wissen,
            GuidancePage(
                title="Arbeitshilfe Gremien",
                slug="arbeitshilfe-gremien",
                body=[
                    {"type": "paragraph", "value": f"<p>{section_link(konzept, 'kapitel-2-2')}</p>"}
                ],
            ),
        )
    client.force_login(koordination)
    konzept = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    url = f"/admin/pages/{konzept.pk}/edit/"
    data = {
        "title": konzept.title,
        "slug": konzept.slug,
        "stand": "2026-06-01",
        "responsible_unit": "KIM-Koordination",
        "intro": rich_text(""),
        "body-count": str(len(konzept.chapters)),
    }
    for n, chapter_ in enumerate(konzept.chapters):
        prefix = f"body-{n}"
        data.update(
            {
                f"{prefix}-type": "chapter",
                f"{prefix}-id": chapter_.block_id,
                f"{prefix}-order": str(n),
                f"{prefix}-deleted": "",
                f"{prefix}-value-title": chapter_.title,
                f"{prefix}-value-intro": rich_text(""),
                f"{prefix}-value-sections-count": "1",  # drops 1.2 and 2.2
            }
        )
        section = chapter_.sections[0]
        item = f"{prefix}-value-sections-0"
        data.update(
            {
                f"{item}-id": section.block_id,
                f"{item}-order": "0",
                f"{item}-deleted": "",
                f"{item}-value-title": section.title,
                f"{item}-value-body": rich_text("<p>Text</p>"),
            }
        )
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sie entfernen Abschnitte, auf die andere Inhalte verlinken" in html
    assert "„2.2 Lenkungsgruppe“ wird verlinkt von: Arbeitshilfe Gremien" in html
    assert len(HandlungskonzeptPage.objects.get(pk=konzept.pk).chapters[1].sections) == 2
    data["confirm_section_removal"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    draft = HandlungskonzeptPage.objects.get(pk=konzept.pk).get_latest_revision_as_object()
    assert len(draft.chapters[1].sections) == 1
