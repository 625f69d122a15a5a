"""Spreadsheets Germans open (issue 18, point 6): an unknown column is an error naming the
expected columns, every re-importable export has the import's columns, CSV for German Excel."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge.models import FaqQuestion, Kommune, Kooperationsvereinbarung, Organisation
from tests.spreadsheet_files import content_of

ORGANISATIONEN = "/admin/snippets/knowledge/organisation/"
KOMMUNEN = "/admin/snippets/knowledge/kommune/"
VEREINBARUNGEN = "/admin/snippets/knowledge/kooperationsvereinbarung/"


@pytest.fixture
def admin_client(client, koordination):
    client.force_login(koordination)
    return client


@pytest.fixture
def reference_data(db):
    balve = Kommune.objects.create(name="Balve", slug="balve", ags="05962008", has_jugendamt=True)
    hemer = Kommune.objects.create(name="Hemer", slug="hemer", ags="05962016")
    mbe = Organisation.objects.create(
        name="MBE Diakonie",
        kind="mbe",
        parent_name="Diakonie Mark-Ruhr",
        description="Beratung für Zugewanderte über 27 Jahre.",
        street="Hauptstraße 1",
        postcode="58802",
        city="Balve",
        phone="+49 2375 123",
        email="mbe@example.org",
        website="https://example.org/mbe",
    )
    mbe.kommunen.set([balve, hemer])
    Organisation.objects.create(name="VHS Menden", kind="vhs", city="Menden")
    agreement = Kooperationsvereinbarung.objects.create(
        kommune=balve,
        organisation=mbe,
        parties="Kreis und Stadt Balve",
        status="unterzeichnet",
        signed_on=datetime.date(2026, 1, 15),
        next_evaluation_on=datetime.date(2027, 3, 1),
    )
    agreement.save_revision().publish()
    return balve


def upload(client, url: str, name: str, content: bytes) -> str:
    return client.post(
        url + "import/", {"file": SimpleUploadedFile(name, content)}
    ).content.decode()


def test_unknown_column_is_an_error_that_names_the_expected_columns(admin_client, reference_data):
    """ "Kommunen" instead of "zuständig für die Kommunen" once created an Organisation without
    Kommunen; now nothing is imported and the message says which columns the import reads."""
    content = b"Name;Art;Kommunen\nNeue Beratung;Beratungsstelle;Balve\n"
    html = upload(admin_client, ORGANISATIONEN, "orgs.csv", content)
    assert "Unbekannte Spalten: „Kommunen“." in html
    assert (
        "Erwartet werden die Spalten: „Name“, „Art“, „Träger“, „zuständig für die Kommunen“" in html
    )
    assert "Jetzt importieren" not in html
    admin_client.post(ORGANISATIONEN + "import/", {"confirm": "1"})
    assert not Organisation.objects.filter(name="Neue Beratung").exists()


def test_unknown_column_in_the_faq_import_is_an_error(admin_client, faq):
    content = (
        "FAQ-Seite;Thema;Frage;Antwort;Bemerkung\nHäufige Fragen;Neu;Neue Frage?;Ja.;intern\n"
    ).encode()
    html = admin_client.post(
        "/admin/wissen/faq-import/", {"file": SimpleUploadedFile("f.csv", content)}
    ).content.decode()
    assert "Unbekannte Spalten: „Bemerkung“." in html
    assert "„Sprungmarke“" in html  # among the expected columns
    assert "Jetzt importieren" not in html
    assert not FaqQuestion.objects.filter(question="Neue Frage?").exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("url", [KOMMUNEN, ORGANISATIONEN, VEREINBARUNGEN])
def test_every_export_imports_again_unchanged(
    admin_client, admin_user, reference_data, url, file_format
):
    if url == VEREINBARUNGEN:  # the agreement import publishes: superusers only (four-eyes)
        admin_client.force_login(admin_user)
    exported = content_of(admin_client.get(url, {"export": file_format}))
    html = upload(admin_client, url, f"export.{file_format}", exported)
    assert "Unbekannte Spalten" not in html and "fehlen" not in html, html
    assert "0 neu, 0 geändert" in html
    assert "Jetzt importieren" in html


def test_organisation_export_has_kommunen_and_contact_columns(admin_client, reference_data):
    text = content_of(admin_client.get(ORGANISATIONEN, {"export": "csv"})).decode("utf-8")
    header, *rows = text.splitlines()
    assert header == (
        "\ufeffName;Art;Träger;zuständig für die Kommunen;Angebot;Zielgruppen;Beratungssprachen;"
        "Straße und Hausnummer;PLZ;Ort;Telefon;E-Mail;Website;Öffnungszeiten"
    )
    assert (
        'MBE Diakonie;Migrationsberatung für Erwachsene (MBE);Diakonie Mark-Ruhr;"Balve;Hemer";'
        "Beratung für Zugewanderte über 27 Jahre.;;;Hauptstraße 1;58802;Balve;'+49 2375 123;"
        "mbe@example.org;https://example.org/mbe;" in rows
    )


def test_wagtail_csv_exports_are_for_german_excel(admin_client, reference_data):
    response = admin_client.get(VEREINBARUNGEN, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = content_of(response).decode("utf-8")
    assert text.startswith("\ufeffKommune;Partnerorganisation;")
    assert ";15.01.2026;" in text and ";01.03.2027" in text
    assert "2026-01-15" not in text
    kommunen = content_of(admin_client.get(KOMMUNEN, {"export": "csv"})).decode("utf-8")
    assert "Balve;balve;05962008;nein;nein;ja\r\n" in kommunen
