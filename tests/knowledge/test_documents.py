"""Documents: text extracted after upload (background task after commit), unreadable files kept
with a German note, tags, search."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from knowledge.models import KnowledgeDocument
from knowledge.models.documents import text_extraction_needed
from tests.knowledge.sample_files import docx_bytes, odt_bytes, pdf_bytes


@pytest.fixture
def make_document(db, django_capture_on_commit_callbacks):
    """Upload a document and let its extraction task run (it is enqueued on commit)."""

    def make(name: str, data: bytes, title: str = "Dokument") -> KnowledgeDocument:
        with django_capture_on_commit_callbacks(execute=True):
            document = KnowledgeDocument.objects.create(
                title=title, file=ContentFile(data, name=name)
            )
        document.refresh_from_db()
        return document

    return make


def test_the_portal_uses_the_knowledge_document_model():
    assert get_document_model() is KnowledgeDocument


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("konzept.pdf", pdf_bytes("Die Lenkungsgruppe tagt zweimal im Jahr.")),
        ("konzept.docx", docx_bytes("Konzept", "Die Lenkungsgruppe tagt zweimal im Jahr.")),
        ("konzept.odt", odt_bytes("Konzept", "Die Lenkungsgruppe tagt zweimal im Jahr.")),
        ("konzept.txt", b"Die Lenkungsgruppe tagt zweimal im Jahr."),
    ],
)
def test_text_is_extracted_on_save(make_document, name, data):
    document = make_document(name, data)
    document.refresh_from_db()
    assert "Lenkungsgruppe tagt zweimal" in document.extracted_text
    assert document.search_text == document.extracted_text
    assert document.extraction_error == ""
    assert document.extracted_at is not None


@pytest.mark.parametrize("name", ["kaputt.pdf", "kaputt.docx", "kaputt.odt"])
def test_an_unreadable_file_is_kept_with_a_german_note(make_document, name):
    document = make_document(name, b"kein echtes Dokument")
    document.refresh_from_db()
    assert document.extracted_text == ""
    assert "konnte nicht gelesen werden" in document.extraction_error
    assert document.file.read() == b"kein echtes Dokument"


def test_a_pdf_without_text_gets_a_hint(make_document):
    document = make_document("scan.pdf", pdf_bytes())
    assert "keinen auslesbaren Text" in document.extraction_error


def test_other_formats_are_stored_without_text(make_document):
    document = make_document("tabelle.xlsx", b"PK\x03\x04")
    assert document.extracted_text == "" and document.extraction_error == ""
    assert not document.extraction_pending


def test_text_is_read_again_only_when_the_file_changes(
    make_document, django_capture_on_commit_callbacks
):
    document = make_document("a.txt", b"erste Fassung")
    document.title = "Neuer Titel"
    extractions = []

    def note_extraction(sender, document_id, **kwargs):
        extractions.append(document_id)

    text_extraction_needed.connect(note_extraction)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            document.save()
    finally:
        text_extraction_needed.disconnect(note_extraction)
    assert extractions == []
    assert document.extracted_text == "erste Fassung"
    document.file = ContentFile(b"zweite Fassung", name="b.txt")
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    document.refresh_from_db()
    assert document.extracted_text == "zweite Fassung"


def test_documents_are_tagged_and_found_by_their_text(make_document):
    document = make_document(
        "ag.docx", docx_bytes("Protokoll", "Die Arbeitsgruppe Sprachkurse trifft sich."), "AG"
    )
    document.tags.add("Protokoll", "Sprache")
    assert sorted(document.tags.names()) == ["Protokoll", "Sprache"]
    assert list(KnowledgeDocument.objects.search("Sprachkurse")) == [document]


def test_koordination_uploads_a_broken_file_in_the_admin_and_sees_the_note(
    client, koordination, django_capture_on_commit_callbacks
):
    client.force_login(koordination)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/documents/add/",
            {
                "title": "Vereinbarung Balve",
                "file": SimpleUploadedFile("balve.pdf", b"%PDF-1.4 abgeschnitten"),
                "collection": Collection.get_first_root_node().pk,
                "tags": "Vereinbarung",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = KnowledgeDocument.objects.get()
    assert document.title == "Vereinbarung Balve"
    assert list(document.tags.names()) == ["Vereinbarung"]
    response = client.get(f"/admin/documents/edit/{document.pk}/")
    assert response.status_code == 200
    assert "konnte nicht gelesen werden" in response.content.decode()


def test_admin_upload_of_a_readable_file_shows_the_word_count(
    client, koordination, django_capture_on_commit_callbacks
):
    client.force_login(koordination)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/documents/add/",
            {
                "title": "Konzept",
                "file": SimpleUploadedFile("k.pdf", pdf_bytes("Drei kurze Worte")),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    document = KnowledgeDocument.objects.get()
    assert document.extracted_text == "Drei kurze Worte"
    response = client.get(f"/admin/documents/edit/{document.pk}/")
    assert "3 Wörter ausgelesen" in response.content.decode()
