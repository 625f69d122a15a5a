"""CSV/XLSX import in the admin: dry-run preview, German row errors, all-or-nothing import."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge.models import Kommune, Kooperationsvereinbarung, Organisation

KOMMUNE_URL = "/admin/snippets/knowledge/kommune/import/"
KOMMUNE_HEADER = (
    "Name;Kurzname (URL);Amtlicher Gemeindeschlüssel;eigene Ausländerbehörde;"
    "eigene Einbürgerungsbehörde;eigenes Jugendamt"
)


def csv_file(*lines: str, name: str = "daten.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"))


@pytest.fixture
def admin_client(client, koordination):
    client.force_login(koordination)
    return client


def test_preview_changes_nothing_and_confirm_imports(admin_client):
    upload = csv_file(
        KOMMUNE_HEADER,
        "Balve;;05962008;nein;nein;nein",
        "Iserlohn;iserlohn;05962024;ja;ja;ja",
    )
    response = admin_client.post(KOMMUNE_URL, {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 neu, 0 geändert, 0 unverändert" in html
    assert "Jetzt importieren" in html
    assert not Kommune.objects.exists()

    response = admin_client.post(KOMMUNE_URL, {"confirm": "1"})
    assert response.status_code == 302
    balve = Kommune.objects.get(ags="05962008")
    assert balve.slug == "balve" and not balve.has_jugendamt
    assert Kommune.objects.get(name="Iserlohn").has_auslaenderbehoerde


def test_row_errors_are_german_and_nothing_is_imported(admin_client):
    Kommune.objects.create(name="Hemer", slug="hemer", ags="05962016")
    upload = csv_file(
        KOMMUNE_HEADER,
        "Balve;;05962008;nein;nein;nein",
        "Altena;;5962;vielleicht;nein;nein",
    )
    response = admin_client.post(KOMMUNE_URL, {"file": upload})
    html = response.content.decode()
    assert "Zeile 3: Amtlicher Gemeindeschlüssel: Der Amtliche Gemeindeschlüssel besteht" in html
    assert "Zeile 3: eigene Ausländerbehörde: Bitte „ja“ oder „nein“ angeben" in html
    assert "Jetzt importieren" not in html
    # A confirm without a clean preview imports nothing either.
    response = admin_client.post(KOMMUNE_URL, {"confirm": "1"})
    assert response.status_code == 302
    assert list(Kommune.objects.values_list("name", flat=True)) == ["Hemer"]


def test_reimport_updates_by_ags(admin_client):
    Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    upload = csv_file(KOMMUNE_HEADER, "Balve;balve;05962008;nein;nein;ja")
    html = admin_client.post(KOMMUNE_URL, {"file": upload}).content.decode()
    assert "0 neu, 1 geändert" in html
    admin_client.post(KOMMUNE_URL, {"confirm": "1"})
    assert Kommune.objects.get().has_jugendamt


def test_xlsx_organisations_with_kommunen_and_kind_labels(admin_client):
    Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    Kommune.objects.create(name="Hemer", slug="hemer", ags="05962016")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Art", "Träger", "zuständig für die Kommunen", "E-Mail"])
    sheet.append(
        [
            "MBE Caritas",
            "Migrationsberatung für Erwachsene (MBE)",
            "Caritas",
            "Balve; Hemer",
            "mbe@example.org",
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    upload = SimpleUploadedFile("orgs.xlsx", output.getvalue())
    url = "/admin/snippets/knowledge/organisation/import/"
    html = admin_client.post(url, {"file": upload}).content.decode()
    assert "1 neu" in html, html[:3000]
    admin_client.post(url, {"confirm": "1"})
    organisation = Organisation.objects.get()
    assert organisation.kind == Organisation.Kind.MBE
    assert sorted(k.name for k in organisation.kommunen.all()) == ["Balve", "Hemer"]


def test_agreements_import_validates_like_the_form(client, admin_user):
    # Published directly, which under the Vier-Augen-Freigabe only a superuser may (issue 18).
    client.force_login(admin_user)
    admin_client = client
    Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    url = "/admin/snippets/knowledge/kooperationsvereinbarung/import/"
    header = (
        "Kommune;Partnerorganisation;Vertragsparteien;Status;unterzeichnet am;nächste Evaluation am"
    )
    bad = csv_file(header, "Balve;;Kreis und Balve;unterzeichnet;;", "Gibtsnicht;;X;foo;;")
    html = admin_client.post(url, {"file": bad}).content.decode()
    assert "Zeile 2: unterzeichnet am: Bitte geben Sie an, wann" in html
    assert "Zeile 3: „Gibtsnicht“ gibt es nicht in „Kommunen“" in html
    good = csv_file(header, "Balve;;Kreis und Balve;unterzeichnet;01.02.2025;15.03.2027")
    admin_client.post(url, {"file": good, "publish": "on"})
    admin_client.post(url, {"confirm": "1"})
    agreement = Kooperationsvereinbarung.objects.get()
    assert agreement.live and agreement.status == "unterzeichnet"
    assert agreement.next_evaluation_on.isoformat() == "2027-03-15"


def test_listing_links_to_the_import_and_others_may_not_import(client, admin_client, partner):
    assert KOMMUNE_URL in admin_client.get("/admin/snippets/knowledge/kommune/").content.decode()
    assert "Kommunen importieren" in admin_client.get(KOMMUNE_URL).content.decode()
    client.force_login(partner)
    assert client.get(KOMMUNE_URL).status_code in (302, 403)


def test_unreadable_upload_is_explained(admin_client):
    upload = SimpleUploadedFile("kaputt.xlsx", b"kein excel")
    html = admin_client.post(KOMMUNE_URL, {"file": upload}).content.decode()
    assert "„kaputt.xlsx“ passt nicht zur Dateiendung: Es ist keine gültige XLSX-Datei." in html
    html = admin_client.post(KOMMUNE_URL, {"file": csv_file("x", name="a.txt")}).content.decode()
    assert "CSV- oder XLSX-Datei" in html
