"""Text extraction runs in the background, bounded in size and time: large, hostile and broken
files give a German note on the document's page, and the upload request never parses."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks import default_task_backend
from wagtail.models import Collection

from accounts import roles
from knowledge.extraction import ExtractionError, Limits, extract, extract_isolated
from knowledge.models import KnowledgeDocument
from knowledge.tasks import extract_document_text
from spaces.models import Gremiumsdokument
from tests.knowledge.sample_files import (
    docx_from_body,
    docx_with_paragraphs,
    docx_zip_bomb,
    odt_bytes,
    pdf_bytes,
    pdf_with_pages,
)
from tests.spaces.conftest import make_gremium, seat

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def extraction_tasks():
    """The extraction tasks the dummy backend holds (indexing tasks are queued as well)."""
    return [r for r in default_task_backend.results if r.task.name == extract_document_text.name]


@pytest.fixture
def upload(db, django_capture_on_commit_callbacks):
    """Save a document the way an upload does; its extraction task runs after commit."""

    def make(name: str, data: bytes) -> KnowledgeDocument:
        with django_capture_on_commit_callbacks(execute=True):
            document = KnowledgeDocument.objects.create(
                title="Dokument", file=ContentFile(data, name=name)
            )
        document.refresh_from_db()
        return document

    return make


@pytest.fixture
def space(make_user):
    gremium = make_gremium("Arbeitsgruppe Sprache", "ag-sprache", "AGS")
    member = make_user("mitglied", roles.INTEGRATIONSBEAUFTRAGTE)
    seat(gremium, member)
    return {"gremium": gremium, "member": member, "url": f"{gremium.get_absolute_url()}dokumente/"}


def test_a_docx_with_many_thousands_of_short_paragraphs_is_read_completely(upload):
    """A 30,000-paragraph DOCX (the shape that took python-docx minutes) is read within the
    normal limits; the child process's timeout would turn a hang into a note, not a text."""
    data = docx_with_paragraphs(30_000)
    assert len(data) < 200_000
    result = extract_isolated(data, "docx", Limits(timeout_seconds=120))
    lines = result.text.splitlines()
    assert lines[0] == "Absatz 1" and lines[-1] == "Absatz 30000" and len(lines) == 30_000
    assert result.notes == []
    document = upload("protokolle.docx", docx_with_paragraphs(100))  # and through the task
    assert document.extraction_error == ""
    assert document.extracted_text.endswith("Absatz 100")


def test_a_zip_bomb_docx_is_refused_with_a_german_note(upload):
    bomb = docx_zip_bomb(120)
    assert len(bomb) < 1_000_000
    document = upload("bombe.docx", bomb)
    assert document.extracted_text == ""
    assert "Entpackt wäre die Datei größer als 100,0\xa0MB" in document.extraction_error
    assert "ZIP-Bombe" in document.extraction_error
    assert document.file.read() == bomb  # stored anyway, nothing lost


def test_too_many_parts_are_refused(upload, settings):
    settings.DOCUMENT_EXTRACTION_LIMITS = {"max_parts": 10}
    document = upload("bilder.docx", docx_from_body("<w:p/>", extra_parts=20))
    assert "besteht aus mehr als 10 Teilen" in document.extraction_error


@pytest.mark.parametrize("name", ["kaputt.pdf", "kaputt.docx", "kaputt.odt"])
def test_a_corrupt_file_gives_the_german_note(upload, name):
    document = upload(name, b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> abgebrochen")
    extension = name.rsplit(".", 1)[1].upper()
    assert document.extraction_error == (
        "Der Text der Datei konnte nicht gelesen werden: Sie ist beschädigt oder keine gültige "
        f"{extension}-Datei."
    )


def test_a_parser_that_takes_too_long_is_stopped(upload, settings):
    settings.DOCUMENT_EXTRACTION_LIMITS = {"timeout_seconds": 0.001}
    document = upload("konzept.pdf", pdf_bytes("Lenkungsgruppe"))
    assert document.extracted_text == ""
    assert "wurde nach 0,001 Sekunden abgebrochen" in document.extraction_error


def test_long_pdfs_are_read_up_to_the_page_limit_with_a_note(upload, settings):
    settings.DOCUMENT_EXTRACTION_LIMITS = {"max_pages": 2}
    document = upload("bericht.pdf", pdf_with_pages("Seite eins", "Seite zwei", "Seite drei"))
    assert "Seite eins" in document.extracted_text and "Seite zwei" in document.extracted_text
    assert "Seite drei" not in document.extracted_text
    assert document.extraction_error == (
        "Die Datei ist sehr umfangreich: Für die Suche wurden nur die ersten 2 Seiten ausgelesen."
    )


def test_paragraph_and_character_limits_cut_the_text_with_a_note():
    result = extract(docx_with_paragraphs(50), "docx", Limits(max_paragraphs=10))
    assert result.text.splitlines()[-1] == "Absatz 10"
    assert result.note.endswith("nur die ersten 10 Absätze ausgelesen.")
    result = extract(b"x" * 5000, "txt", Limits(max_chars=1000))
    assert len(result.text) == 1000
    assert "ersten 1.000 Zeichen" in result.note


def test_docx_text_boxes_tables_and_tracked_changes():
    body = (
        "<w:p><w:r><w:t>Erster </w:t></w:r><w:r><w:t>Absatz</w:t><w:tab/><w:t>mit Tab</w:t>"
        "</w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Zelle A</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Zelle B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:del><w:r><w:delText>gelöscht</w:delText></w:r></w:del>"
        "<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r>"
        "<w:t>Textfeld</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Textfeld</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    text = extract(docx_from_body(body), "docx").text
    assert text.splitlines() == ["Erster Absatz\tmit Tab", "Zelle A", "Zelle B", "Textfeld"]


def test_xml_with_a_dtd_is_not_expanded():
    laughs = (
        '<!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahaha">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    data = docx_from_body("<w:p><w:r><w:t>&b;</w:t></w:r></w:p>", prolog=laughs)
    with pytest.raises(ExtractionError, match="beschädigt oder keine gültige DOCX-Datei"):
        extract(data, "docx")


def test_odt_spaces_are_bounded_and_notes_are_their_own_paragraphs():
    from odf.opendocument import OpenDocumentText
    from odf.text import Note, NoteBody, P, S, Span

    document = OpenDocumentText()
    paragraph = P(text="Vor")
    paragraph.addElement(S(c=1_000_000_000))
    paragraph.addElement(Span(text="nach"))
    note = Note(noteclass="footnote")
    body = NoteBody()
    body.addElement(P(text="Fußnote"))
    note.addElement(body)
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    output = io.BytesIO()
    document.write(output)
    lines = extract(output.getvalue(), "odt").text.splitlines()
    assert lines == ["Fußnote", "Vor" + " " * 100 + "nach"]
    assert extract(odt_bytes("Titel", "Text"), "odt").text == "Titel\nText"


def test_the_upload_request_does_not_extract_it_enqueues_a_task(
    client, space, settings, django_capture_on_commit_callbacks
):
    """With a queue (production), the request only stores the file and enqueues the task; the
    space's page says that the text is being read; the worker fills it in later."""
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    client.force_login(space["member"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            space["url"],
            {
                "title": "Protokolle",
                "file": SimpleUploadedFile("p.docx", docx_with_paragraphs(500)),
            },
        )
    assert response.status_code == 302
    document = KnowledgeDocument.objects.get()
    assert document.extracted_text == "" and document.extracted_at is None
    assert document.extraction_pending
    [queued] = extraction_tasks()
    assert queued.task.name == extract_document_text.name
    assert queued.args == [document.pk, document.file.name]
    page = client.get(space["url"]).text
    assert "Der Text wird im Hintergrund für die Suche ausgelesen." in page

    assert extract_document_text.call(*queued.args) == "done"
    document.refresh_from_db()
    assert document.extracted_text.endswith("Absatz 500") and not document.extraction_pending
    assert "im Hintergrund" not in client.get(space["url"]).text


def test_admin_upload_enqueues_and_the_edit_view_shows_the_state(
    client, koordination, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    client.force_login(koordination)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/documents/add/",
            {
                "title": "Bombe",
                "file": SimpleUploadedFile("bombe.docx", docx_zip_bomb(120)),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    document = KnowledgeDocument.objects.get()
    edit = f"/admin/documents/edit/{document.pk}/"
    assert "Wird im Hintergrund ausgelesen." in client.get(edit).text
    [queued] = extraction_tasks()
    extract_document_text.call(*queued.args)
    assert "ZIP-Bombe" in client.get(edit).text


def test_with_the_immediate_backend_the_text_is_there_after_the_upload(
    client, space, django_capture_on_commit_callbacks
):
    client.force_login(space["member"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            space["url"],
            {"title": "Kaputt", "file": SimpleUploadedFile("kaputt.pdf", b"%PDF-1.4 kaputt")},
        )
    entry = Gremiumsdokument.objects.select_related("document").get()
    assert "beschädigt" in entry.document.extraction_error
    page = client.get(space["url"]).text
    assert "Hinweis zur Suche: Der Text der Datei konnte nicht gelesen werden" in page


def test_a_task_for_a_replaced_file_changes_nothing(upload, django_capture_on_commit_callbacks):
    document = upload("a.txt", b"erste Fassung")
    old_name = document.file.name
    document.file = ContentFile(b"zweite Fassung", name="b.txt")
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert extract_document_text.call(document.pk, old_name) == "skipped"
    document.refresh_from_db()
    assert document.extracted_text == "zweite Fassung"


def test_saving_an_instance_loaded_before_the_task_keeps_the_text(upload):
    document = upload("a.txt", b"erste Fassung")
    stale = KnowledgeDocument.objects.get(pk=document.pk)
    stale.extracted_text = ""  # as loaded before the task had finished
    stale.title = "Neuer Titel"
    stale.save()
    document.refresh_from_db()
    assert document.title == "Neuer Titel" and document.extracted_text == "erste Fassung"


def test_extract_documents_command_queues_the_pending_ones(upload, settings):
    done = upload("a.txt", b"fertig")
    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    waiting = KnowledgeDocument.objects.create(title="Wartet", file=ContentFile(b"x", name="w.pdf"))
    out = io.StringIO()
    call_command("extract_documents", stdout=out)
    assert [r.args for r in extraction_tasks()] == [[waiting.pk, waiting.file.name]]
    assert "1 Dokumente zum Auslesen eingereiht." in out.getvalue()
    default_task_backend.clear()
    call_command("extract_documents", "--all", stdout=out)
    assert {r.args[0] for r in extraction_tasks()} == {done.pk, waiting.pk}


def test_the_zip_bomb_helper_really_is_one():
    with zipfile.ZipFile(io.BytesIO(docx_zip_bomb(120))) as archive:
        assert archive.getinfo("word/document.xml").file_size > 120 * 1024 * 1024
