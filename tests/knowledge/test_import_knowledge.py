"""manage.py import_knowledge: a folder of documents becomes guidance pages."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from knowledge.models import GuidancePage
from tests.knowledge.sample_files import docx_bytes, docx_rich, pdf_bytes, pdf_layout

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


def summary(out: str) -> dict[str, int]:
    """The summary table's counts by row label."""
    counts = {}
    for line in out.splitlines():
        label, _sep, number = line.strip().rpartition(" ")
        if number.isdigit() and label.strip():
            counts[label.strip()] = int(number)
    return counts


def test_each_format_becomes_a_guidance_page_submitted_for_review(wissen, folder):
    out, err = run(folder)
    pages = {p.import_source: p for p in GuidancePage.objects.child_of(wissen)}
    assert set(pages) == {
        "fallrekonstruktion.md",
        "wohnen.html",
        "notizen_lenkungsgruppe.txt",
        "sprachkurse.pdf",
        "unterordner/uebergaenge.docx",
    }
    counts = summary(out)
    assert counts["neu"] == 5 and counts["fehlgeschlagen"] == 0
    assert counts["übersprungen (Format)"] == 1
    assert "[1/5] fallrekonstruktion.md: neu" in out  # progress, one line per file
    assert err == ""
    # not published: each page waits in the workflow of the section
    for page in pages.values():
        assert not page.live
        assert page.workflow_in_progress

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


def test_publish_option_publishes_directly(wissen, folder):
    out, _err = run(folder, "--publish")
    assert GuidancePage.objects.live().count() == 5
    assert not any(page.workflow_in_progress for page in GuidancePage.objects.all())
    assert "(veröffentlicht)" in out


def test_unchanged_files_are_skipped_without_a_new_revision(wissen, folder):
    run(folder, "--publish")
    revisions = {p.pk: p.revisions.count() for p in GuidancePage.objects.all()}
    out, _err = run(folder, "--publish")
    counts = summary(out)
    assert counts["unverändert"] == 5 and counts["neu"] == 0 and counts["aktualisiert"] == 0
    assert {p.pk: p.revisions.count() for p in GuidancePage.objects.all()} == revisions


def test_a_changed_file_updates_its_page_through_the_workflow(wissen, folder):
    run(folder, "--publish")
    (folder / "fallrekonstruktion.md").write_text("# Neuer Titel\n\nNeu.", encoding="utf-8")
    out, _err = run(folder)
    counts = summary(out)
    assert counts["aktualisiert"] == 1 and counts["unverändert"] == 4
    assert GuidancePage.objects.count() == 5
    page = GuidancePage.objects.get(import_source="fallrekonstruktion.md")
    assert page.title == "Leitfaden Fallrekonstruktion"  # readers still see the reviewed one
    assert page.workflow_in_progress
    assert page.get_latest_revision_as_object().title == "Neuer Titel"

    (folder / "fallrekonstruktion.md").write_text("# Dritter Titel\n\nNeu.", encoding="utf-8")
    run(folder, "--publish")
    page.refresh_from_db()
    assert page.live and page.title == "Dritter Titel"


def test_a_page_edited_in_the_cms_is_not_overwritten(wissen, folder, koordination):
    run(folder, "--publish")
    page = GuidancePage.objects.get(import_source="wohnen.html")
    page.title = "Arbeitshilfe Wohnen (redigiert)"
    page.save_revision(user=koordination).publish()

    (folder / "wohnen.html").write_text(
        "<h1>Arbeitshilfe Wohnen</h1><p>Neue Sprechzeiten.</p>", encoding="utf-8"
    )
    out, _err = run(folder)
    assert summary(out)["Konflikte"] == 1
    assert "wohnen.html: Konflikt" in out
    page.refresh_from_db()
    assert page.title == "Arbeitshilfe Wohnen (redigiert)"  # the editor's version stays live
    assert page.has_unpublished_changes and page.workflow_in_progress
    draft = page.get_latest_revision_as_object()
    assert "Neue Sprechzeiten" in str(draft.body.raw_data)
    entry = PageLogEntry.objects.filter(page=page, action="knowledge.import_conflict").get()
    assert "seit dem letzten Import im CMS bearbeitet" in entry.data["note"]
    assert entry.revision_id == page.latest_revision_id

    # running it again changes nothing more: the file is known now
    revisions = page.revisions.count()
    assert summary(run(folder)[0])["unverändert"] == 5
    assert page.revisions.count() == revisions


def test_one_file_of_an_imported_folder_finds_its_page(wissen, folder):
    run(folder, "--publish")
    docx = folder / "unterordner" / "uebergaenge.docx"
    out, _err = run(docx, "--publish")
    assert summary(out)["unverändert"] == 1
    docx.write_bytes(docx_bytes("Übergänge gestalten", "Neu: erst mailen."))
    out, _err = run(docx, "--publish")
    assert summary(out)["aktualisiert"] == 1
    assert GuidancePage.objects.count() == 5
    page = GuidancePage.objects.get(import_source="unterordner/uebergaenge.docx")
    assert "erst mailen" in str(page.body.raw_data)


def test_a_title_that_another_page_has_is_a_conflict_not_a_duplicate(wissen, folder):
    from tests.knowledge.conftest import publish

    publish(wissen, GuidancePage(title="Arbeitshilfe Wohnen", slug="wohnen-von-hand"))
    out, _err = run(folder, "--publish")
    assert summary(out)["Konflikte"] == 1
    assert "gibt es schon die Seite „Arbeitshilfe Wohnen“" in out
    assert GuidancePage.objects.filter(title="Arbeitshilfe Wohnen").count() == 1


def test_docx_keeps_headings_bold_lists_and_tables_and_its_title(wissen, tmp_path):
    (tmp_path / "datei_1.docx").write_bytes(docx_rich(title_property="Wohnen – Leitfaden"))
    (tmp_path / "datei_2.docx").write_bytes(docx_rich(heading="Leitfaden Gesundheit"))
    run(tmp_path, "--publish")
    with_property = GuidancePage.objects.get(import_source="datei_1.docx")
    assert with_property.title == "Wohnen – Leitfaden"  # the document's properties
    raw = str(with_property.body.raw_data)
    assert "<p>Bitte <b>immer vorher anrufen</b>.</p>" in raw
    assert "<ul><li>Sozialamt</li><li>Jobcenter</li></ul>" in raw
    assert "<ol><li>Antrag stellen</li><li>Bescheid abwarten</li></ol>" in raw
    types = [block.block_type for block in with_property.body]
    assert types.count("heading") == 2 and "table" in types
    table = next(b for b in with_property.body if b.block_type == "table").value
    assert list(table["columns"]) == ["Stelle", "Telefon"]
    assert [list(row) for row in table["rows"]] == [["Sozialamt", "02371 123"]]
    # without a title in the properties: the first heading, not the file name
    assert GuidancePage.objects.get(import_source="datei_2.docx").title == "Leitfaden Gesundheit"


PDF_ITEMS = [
    (True, 22, 72, 780, "Arbeitshilfe Sprachkurse"),
    (False, 11, 72, 750, "Die Kurse beginnen im"),
    (True, 11, 200, 750, "März"),
    (True, 15, 72, 720, "Anmeldung"),
    (False, 11, 72, 700, "• beim Jobcenter"),
    (False, 11, 72, 686, "• bei der VHS"),
    (False, 11, 72, 660, "Kurs"),
    (False, 11, 250, 660, "Ort"),
    (False, 11, 72, 646, "A1"),
    (False, 11, 250, 646, "Hemer"),
]


def test_pdf_keeps_headings_bold_lists_and_tables_and_its_title(wissen, tmp_path):
    (tmp_path / "scan_0815.pdf").write_bytes(pdf_layout(PDF_ITEMS, title="Sprachkurse im Kreis"))
    (tmp_path / "ohne_titel.pdf").write_bytes(pdf_layout(PDF_ITEMS[1:] + [PDF_ITEMS[0]]))
    run(tmp_path, "--publish")
    page = GuidancePage.objects.get(import_source="scan_0815.pdf")
    assert page.title == "Sprachkurse im Kreis"
    raw = str(page.body.raw_data)
    assert "<p>Die Kurse beginnen im <b>März</b></p>" in raw
    assert "<ul><li>beim Jobcenter</li><li>bei der VHS</li></ul>" in raw
    headings = [b.value["text"] for b in page.body if b.block_type == "heading"]
    assert headings == ["Arbeitshilfe Sprachkurse", "Anmeldung"]
    table = next(b for b in page.body if b.block_type == "table").value
    assert list(table["columns"]) == ["Kurs", "Ort"]
    assert [list(row) for row in table["rows"]] == [["A1", "Hemer"]]
    # no metadata title: the largest heading, not the file name
    assert GuidancePage.objects.get(import_source="ohne_titel.pdf").title == (
        "Arbeitshilfe Sprachkurse"
    )


def test_parser_warnings_are_reported_in_german_not_on_stderr(wissen, tmp_path, capfd):
    damaged = pdf_layout(PDF_ITEMS, title="Beschädigt")
    position = damaged.rindex(b"startxref\n") + len(b"startxref\n")
    damaged = damaged[:position] + b"999" + damaged[position:]  # a wrong xref offset
    (tmp_path / "beschaedigt.pdf").write_bytes(damaged)
    out, err = run(tmp_path, "--publish")
    captured = capfd.readouterr()
    assert "Hinweis: Die Datei ist nicht ganz regelgerecht aufgebaut" in out
    assert err == "" and captured.err == ""
    assert GuidancePage.objects.get().title == "Beschädigt"


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


def test_parent_by_path_or_id(wissen, folder):
    from knowledge.models import KnowledgeIndexPage
    from tests.knowledge.conftest import publish

    sub = publish(wissen, KnowledgeIndexPage(title="Archiv", slug="archiv"))
    run(folder / "wohnen.html", "--parent", "/wissensbasis/archiv/")
    page = GuidancePage.objects.get()
    assert page.get_parent().pk == sub.pk
    assert not page.live
    (folder / "wohnen.html").write_text("<h1>Arbeitshilfe Wohnen</h1><p>2.</p>", "utf-8")
    run(folder / "wohnen.html", "--parent", sub.pk, "--publish")
    page.refresh_from_db()
    assert page.live and GuidancePage.objects.count() == 1


def test_unknown_parent_and_missing_knowledge_root_are_explained(db, folder):
    with pytest.raises(CommandError, match="noch keinen Wissensbereich"):
        run(folder)
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(folder, "--parent", "/gibt/es/nicht/")
