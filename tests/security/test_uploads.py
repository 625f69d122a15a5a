"""Uploads are checked by content, not by name, on every upload path (portal/uploads.py)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Collection

from knowledge.models import KnowledgeDocument
from portal.uploads import validate_upload
from tests.knowledge.sample_files import docx_bytes, odt_bytes, pdf_bytes

# A Windows program's first bytes (the "MZ" header and the DOS stub's message).
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
ALL = ("pdf", "docx", "xlsx", "odt", "png", "jpg", "csv", "txt")


def xlsx_bytes() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Frage"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def plain_zip(name: str = "liesmich.txt") -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(name, "kein Office-Dokument")
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bericht.pdf", pdf_bytes("Bericht")),
        ("bericht.docx", docx_bytes("Bericht", "Text")),
        ("tabelle.xlsx", xlsx_bytes()),
        ("bericht.odt", odt_bytes("Bericht", "Text")),
        ("bild.png", PNG),
        ("liste.csv", b"Thema;Frage\nSprache;Wo gibt es Kurse?\n"),
        ("liste.csv", "Thema;Frage\nÜbergänge;Wer berät?\n".encode("cp1252")),
        ("notiz.txt", "Schöne Grüße".encode()),
    ],
)
def test_real_files_of_each_allowed_format_are_accepted(name, data):
    assert validate_upload(SimpleUploadedFile(name, data), ALL, 1024 * 1024)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bericht.pdf", EXE),
        ("bericht.docx", EXE),
        ("bild.png", EXE),
        ("bild.jpg", EXE),
        ("liste.csv", EXE),
        ("notiz.txt", b"\x7fELF\x02\x01\x01\x00"),
        # a ZIP that is no office document, and one office format named as another
        ("bericht.docx", plain_zip()),
        ("tabelle.xlsx", docx_bytes("Bericht", "Text")),
        ("bericht.odt", docx_bytes("Bericht", "Text")),
        ("bericht.pdf", docx_bytes("Bericht", "Text")),
        ("liste.csv", xlsx_bytes()),
    ],
)
def test_a_renamed_file_is_refused_with_a_german_message(name, data):
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, data), ALL, 1024 * 1024)
    assert f"Der Inhalt von „{name}“ passt nicht zur Dateiendung" in refused.value.messages[0]


def test_wrong_extension_empty_file_and_size_limit_are_german():
    with pytest.raises(ValidationError, match="nicht erlaubten Dateityp. Erlaubt sind PDF oder"):
        validate_upload(SimpleUploadedFile("tool.exe", EXE), ("pdf", "docx"), 1000)
    with pytest.raises(ValidationError, match="„leer.pdf“ ist leer"):
        validate_upload(SimpleUploadedFile("leer.pdf", b""), ("pdf",), 1000)
    with pytest.raises(ValidationError, match=r"„gross.pdf“ ist zu groß .* höchstens 1000"):
        validate_upload(SimpleUploadedFile("gross.pdf", b"%PDF-" + b"x" * 2000), ("pdf",), 1000)


def test_the_check_unpacks_nothing_so_a_zip_bomb_passes_to_the_bounded_extraction():
    from tests.knowledge.sample_files import docx_zip_bomb

    bomb = SimpleUploadedFile("bombe.docx", docx_zip_bomb(120))
    assert validate_upload(bomb, ("docx",), 20 * 1024 * 1024).endswith("document")


# --- every upload path -------------------------------------------------------------------------


def test_wagtail_document_upload_refuses_a_renamed_program(client, koordination):
    client.force_login(koordination)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Bericht",
            "file": SimpleUploadedFile("bericht.pdf", EXE),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "passt nicht zur Dateiendung" in response.content.decode()
    assert not KnowledgeDocument.objects.exists()


def test_wagtail_multiple_document_upload_refuses_a_renamed_program(client, koordination):
    client.force_login(koordination)
    response = client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile("bericht.pdf", EXE),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["success"] is False
    assert "passt nicht zur Dateiendung" in response.json()["error_message"]
    assert not KnowledgeDocument.objects.exists()


def test_wagtail_document_upload_accepts_a_real_pdf(client, koordination):
    client.force_login(koordination)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Bericht",
            "file": SimpleUploadedFile("bericht.pdf", pdf_bytes("Bericht")),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    assert KnowledgeDocument.objects.get().title == "Bericht"


def test_wagtail_image_upload_refuses_a_renamed_program(client, koordination):
    client.force_login(koordination)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Foto",
            "file": SimpleUploadedFile("foto.png", EXE),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


@override_settings(KIM_IMPORT_MAX_BYTES=1024 * 1024)
def test_faq_import_refuses_a_program_named_csv(admin_client):
    response = admin_client.post(
        "/admin/wissen/faq-import/", {"file": SimpleUploadedFile("fragen.csv", EXE)}
    )
    html = response.content.decode()
    assert "„fragen.csv“ passt nicht zur Dateiendung" in html


@override_settings(KIM_IMPORT_MAX_BYTES=100)
def test_import_size_limit_is_a_setting(admin_client):
    response = admin_client.post(
        "/admin/wissen/faq-import/",
        {"file": SimpleUploadedFile("fragen.csv", b"Thema;Frage\n" + b"x" * 200)},
    )
    assert "„fragen.csv“ ist zu groß" in response.content.decode()
