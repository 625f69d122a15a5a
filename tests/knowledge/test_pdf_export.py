"""PDF export of the Handlungskonzept (WeasyPrint): TOC, page numbers, page privacy."""

import io

from pypdf import PdfReader

from accounts import roles
from tests.knowledge.conftest import restrict_to


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_has_chapters_table_of_contents_and_page_numbers(client, partner, konzept):
    client.force_login(partner)
    response = client.get(konzept.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response)
    assert "Inhaltsverzeichnis" in text
    assert "Lenkungsgruppe" in text  # a section title of chapter 2
    assert "Gremien" in text
    assert "Seite 1 von" in text
    assert "Stand: 01.06.2026" in text
    reader = PdfReader(io.BytesIO(response.content))
    assert [item.title for item in reader.outline if not isinstance(item, list)][0] == (
        "Handlungskonzept"
    )


def test_pdf_respects_page_privacy(client, partner, koordination, konzept):
    restrict_to(konzept, roles.KOORDINATION)
    client.force_login(partner)
    assert client.get(konzept.url + "pdf/").status_code != 200
    client.force_login(koordination)
    assert client.get(konzept.url + "pdf/").status_code == 200


def test_anonymous_visitors_get_no_pdf(client, konzept):
    response = client.get(konzept.url + "pdf/")
    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]
