"""FAQ questions export from the admin, with local (Europe/Berlin) times and page privacy."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts import roles
from knowledge.models import FaqPage, FaqQuestion
from tests.knowledge.conftest import publish, question, restrict_to
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
    content_of,
    csv_rows,
    xlsx_rows,
)

URL = "/admin/wissen/faq-export/"


def test_csv_export_of_the_questions_with_local_times(client, koordination, faq):
    client.force_login(koordination)
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("FAQ-Seite;Thema;Frage;Antwort;zuletzt geprüft am")
    assert "Häufige Fragen;Grundlagen;Was ist KIM?;Antwort auf Was ist KIM?" in text
    published = timezone.localtime(FaqPage.objects.get().last_published_at)
    assert published.strftime("%d.%m.%Y %H:%M") in text


def test_xlsx_export_includes_restricted_pages_the_user_may_see(client, koordination, wissen, faq):
    internal = FaqPage(title="Interne Fragen", slug="intern")
    internal.questions = [question("Nur intern?")]
    restrict_to(publish(wissen, internal), roles.KOORDINATION)
    client.force_login(koordination)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 5 and any("Nur intern?" in row for row in rows)


def test_export_needs_admin_access(client, partner, faq):
    client.force_login(partner)
    assert client.get(URL).status_code in (302, 403)


def test_question_starting_like_a_formula_is_exported_as_text(client, koordination, wissen):
    """Formula injection (issue 16): the texts come out as text, in CSV and XLSX."""
    typed_question = FORMULA_TEXTS["="]
    page = FaqPage(title="Formeln", slug="formeln")
    page.questions = [question(typed_question, topic="@Thema"), question("Gewöhnliche Frage?")]
    publish(wissen, page)
    client.force_login(koordination)

    rows = csv_rows(client.get(URL))
    row = next(r for r in rows if r["Frage"].endswith(typed_question))
    assert_csv_text(row["Frage"], typed_question)
    assert_csv_text(row["Thema"], "@Thema")
    ordinary = next(r for r in rows if r["Frage"] == "Gewöhnliche Frage?")
    assert ordinary["Thema"] == "Grundlagen"

    cells = xlsx_rows(client.get(URL, {"format": "xlsx"}))
    row = next(c for c in cells if c["Frage"].value == typed_question)
    assert_xlsx_text(row["Frage"], typed_question)
    assert_xlsx_text(row["Thema"], "@Thema")
    ordinary = next(c for c in cells if c["Frage"].value == "Gewöhnliche Frage?")
    assert_xlsx_plain(ordinary["Thema"], "Grundlagen")
    assert_xlsx_plain(ordinary["Antwort"], "Antwort auf Gewöhnliche Frage?")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_reimported_export_keeps_texts_that_start_like_a_formula(
    client, koordination, wissen, file_format
):
    """The importer reads the neutralised cells back as the text that was typed."""
    page = FaqPage(title="Formeln", slug="formeln")
    page.questions = [question("-2+3 Plätze?", topic="+Kurse")]
    publish(wissen, page)
    client.force_login(koordination)
    exported = content_of(client.get(URL, {"format": file_format}))
    upload = SimpleUploadedFile(f"fragen.{file_format}", exported)
    html = client.post("/admin/wissen/faq-import/", {"file": upload}).content.decode()
    assert "0 neu, 0 geändert, 1 unverändert" in html
    client.post("/admin/wissen/faq-import/", {"confirm": "1"})
    [saved] = FaqQuestion.objects.filter(page=page)
    assert (saved.question, saved.topic) == ("-2+3 Plätze?", "+Kurse")
