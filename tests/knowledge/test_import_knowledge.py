"""manage.py import_knowledge: a folder of documents becomes guidance pages."""

import io

import pytest
from django.core.management import CommandError, call_command

from knowledge.models import GuidancePage
from tests.knowledge.sample_files import docx_bytes, pdf_bytes

MARKDOWN = """# Leitfaden Fallrekonstruktion

Die **Koordination** moderiert, die meldenden Stellen sind dabei.

## Ablauf

- Fall auswählen
- Beteiligte einladen

| Schritt | Wer |
|---|---|
| Auswahl | Koordination |

[Mehr beim Land](https://www.mkjfgfi.nrw/)
"""

HTML = """<html><head><title>x</title><style>p{color:red}</style></head><body>
<h1>Arbeitshilfe Wohnen</h1><script>alert("böse")</script>
<p onclick="x()">Wohnungssuche mit <a href="javascript:alert(1)">Trick</a> und
<a href="https://example.org/wohnen">Portal</a>.</p>
<table><caption>Ansprechpartner</caption><tr><th>Stelle</th><th>Telefon</th></tr>
<tr><td>Sozialamt</td><td>02371 123</td></tr></table>
<img src="x.png"><iframe src="https://example.org"></iframe>
</body></html>"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "fallrekonstruktion.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "wohnen.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "notizen_lenkungsgruppe.txt").write_text(
        "Die Lenkungsgruppe tagt zweimal im Jahr.\n\nSie beschließt Zielsysteme.",
        encoding="utf-8",
    )
    (tmp_path / "sprachkurse.pdf").write_bytes(pdf_bytes("Integrationskurse in Hemer"))
    sub = tmp_path / "unterordner"
    sub.mkdir()
    (sub / "uebergaenge.docx").write_bytes(
        docx_bytes("Übergänge gestalten", "Erst anrufen.", bullets=("Jobcenter", "ABH"))
    )
    (tmp_path / "bild.png").write_bytes(b"\x89PNG")
    return tmp_path


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_knowledge", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_each_format_becomes_a_published_guidance_page(wissen, folder):
    out, _err = run(folder)
    pages = {p.import_source: p for p in GuidancePage.objects.child_of(wissen).live()}
    assert set(pages) == {
        "fallrekonstruktion.md",
        "wohnen.html",
        "notizen_lenkungsgruppe.txt",
        "sprachkurse.pdf",
        "unterordner/uebergaenge.docx",
    }
    assert "5 angelegt, 0 aktualisiert, 0 fehlgeschlagen, 1 übersprungen" in out

    markdown_page = pages["fallrekonstruktion.md"]
    assert markdown_page.title == "Leitfaden Fallrekonstruktion"
    types = [block.block_type for block in markdown_page.body]
    assert types == ["paragraph", "heading", "paragraph", "table", "paragraph"]
    assert "<b>Koordination</b>" in markdown_page.body[0].value.source
    assert list(markdown_page.body[3].value["columns"]) == ["Schritt", "Wer"]

    html_page = pages["wohnen.html"]
    assert html_page.title == "Arbeitshilfe Wohnen"
    stored = str(html_page.body.raw_data)
    for dropped in ("script", "alert", "onclick", "javascript", "iframe", "img", "color:red"):
        assert dropped not in stored
    assert 'href="https://example.org/wohnen"' in stored
    assert html_page.body[1].value["caption"] == "Ansprechpartner"

    assert pages["notizen_lenkungsgruppe.txt"].title == "notizen lenkungsgruppe"
    assert "Sie beschließt Zielsysteme." in str(pages["notizen_lenkungsgruppe.txt"].body.raw_data)
    assert "Integrationskurse in Hemer" in str(pages["sprachkurse.pdf"].body.raw_data)

    docx_page = pages["unterordner/uebergaenge.docx"]
    assert docx_page.title == "Übergänge gestalten"
    assert docx_page.slug == "uebergaenge-gestalten"
    assert "<ul><li>Jobcenter</li><li>ABH</li></ul>" in str(docx_page.body.raw_data)


def test_rerunning_updates_instead_of_duplicating(wissen, folder):
    run(folder)
    (folder / "fallrekonstruktion.md").write_text("# Neuer Titel\n\nNeu.", encoding="utf-8")
    out, _err = run(folder)
    assert "0 angelegt, 5 aktualisiert" in out
    assert GuidancePage.objects.count() == 5
    page = GuidancePage.objects.get(import_source="fallrekonstruktion.md")
    assert page.title == "Neuer Titel"
    assert page.revisions.count() == 2


def test_a_broken_file_fails_alone_and_leaves_nothing_behind(wissen, folder):
    (folder / "kaputt.pdf").write_bytes(b"%PDF-1.4 abgeschnitten")
    (folder / "leer.docx").write_bytes(b"kein zip")
    with pytest.raises(CommandError, match="2 Dateien konnten nicht importiert werden"):
        run(folder)
    assert GuidancePage.objects.count() == 5
    assert not GuidancePage.objects.filter(import_source__in=["kaputt.pdf", "leer.docx"]).exists()


def test_a_failure_while_saving_rolls_the_file_back(wissen, folder, monkeypatch):
    def fail(self, *args, **kwargs):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr(GuidancePage, "save_revision", fail)
    with pytest.raises(CommandError, match="5 Dateien"):
        run(folder)
    assert not GuidancePage.objects.exists()


def test_parent_by_path_or_id_and_draft_mode(wissen, folder):
    from knowledge.models import KnowledgeIndexPage
    from tests.knowledge.conftest import publish

    sub = publish(wissen, KnowledgeIndexPage(title="Archiv", slug="archiv"))
    run(folder / "wohnen.html", "--parent", "/wissensbasis/archiv/", "--draft")
    page = GuidancePage.objects.get()
    assert page.get_parent().pk == sub.pk
    assert not page.live
    run(folder / "wohnen.html", "--parent", sub.pk)
    page.refresh_from_db()
    assert page.live and GuidancePage.objects.count() == 1


def test_unknown_parent_and_missing_knowledge_root_are_explained(db, folder):
    with pytest.raises(CommandError, match="noch keinen Wissensbereich"):
        run(folder)
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(folder, "--parent", "/gibt/es/nicht/")
