"""Attachments: allowed types by extension and content, size limit, German messages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forms.models import Anhang
from tests.knowledge.sample_files import docx_bytes

from .conftest import post_step, start_draft, step_data

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOCX = docx_bytes("Notiz", "Ein Absatz.")  # a real one: the content is checked, not the name


def upload(client, draft, kommunen, thema, *files):
    data = dict(step_data(kommunen, thema)["vorschlag"], anhaenge=list(files))
    return post_step(client, draft, "vorschlag", data)


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("bericht.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("notiz.docx", DOCX, "application/vnd.openxmlformats-officedocument"),
    ],
)
def test_allowed_files_are_stored(client, reporter, kommunen, thema, name, content, mime):
    client.force_login(reporter)
    draft = start_draft(client)
    response = upload(client, draft, kommunen, thema, SimpleUploadedFile(name, content))
    assert response.status_code == 302
    anhang = Anhang.objects.get(meldebogen=draft)
    assert anhang.original_name == name
    assert anhang.content_type.startswith(mime)
    assert name not in anhang.file.name  # stored under a random name
    download = client.get(reverse("forms:attachment", args=[anhang.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content


def test_wrong_type_is_refused_in_german(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    response = upload(client, draft, kommunen, thema, SimpleUploadedFile("tool.exe", b"MZ"))
    assert response.status_code == 200
    assert "„tool.exe“ hat einen nicht erlaubten Dateityp" in response.content.decode()
    assert not Anhang.objects.exists()


def test_renamed_file_is_refused_by_content(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    fake = SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00 not a pdf")
    response = upload(client, draft, kommunen, thema, fake)
    assert "passt nicht zur Dateiendung" in response.content.decode()


def test_too_large_file_is_refused(client, reporter, kommunen, thema, settings):
    settings.MELDEBOGEN_ATTACHMENT_MAX_BYTES = 1024
    client.force_login(reporter)
    draft = start_draft(client)
    big = SimpleUploadedFile("gross.pdf", PDF + b"0" * 2048)
    response = upload(client, draft, kommunen, thema, big)
    html = response.content.decode()
    assert "„gross.pdf“ ist zu groß" in html
    assert "höchstens 1,0\xa0KB" in html or "höchstens 1,0 KB" in html


def test_too_many_files_are_refused(client, reporter, kommunen, thema, settings):
    settings.MELDEBOGEN_MAX_ATTACHMENTS = 1
    client.force_login(reporter)
    draft = start_draft(client)
    files = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(2)]
    response = upload(client, draft, kommunen, thema, *files)
    assert "höchstens 1 Anhänge" in response.content.decode()


def test_attachment_is_hidden_from_other_users(
    client, reporter, partner, koordination, kommunen, thema
):
    client.force_login(reporter)
    draft = start_draft(client)
    upload(client, draft, kommunen, thema, SimpleUploadedFile("a.pdf", PDF))
    anhang = Anhang.objects.get()
    client.force_login(partner)
    assert client.get(reverse("forms:attachment", args=[anhang.pk])).status_code == 404
    client.force_login(koordination)
    assert client.get(reverse("forms:attachment", args=[anhang.pk])).status_code == 200


def test_attachment_can_be_removed(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    upload(client, draft, kommunen, thema, SimpleUploadedFile("a.pdf", PDF))
    anhang = Anhang.objects.get()
    data = dict(step_data(kommunen, thema)["vorschlag"], anhaenge_entfernen=[str(anhang.pk)])
    assert post_step(client, draft, "vorschlag", data).status_code == 302
    assert not Anhang.objects.exists()
