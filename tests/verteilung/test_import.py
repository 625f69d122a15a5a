"""Import of indicator values from CSV/XLSX: German numbers, a preview that saves nothing, all
or nothing, and German errors that name the row and the column."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from verteilung.importing import ImportFehler, parse, parse_number
from verteilung.models import Kennzahl

STAND = datetime.date(2026, 3, 31)
URL = "/verteilung/kennzahlen/import/"


def csv_bytes(text: str) -> bytes:
    return ("\ufeff" + text).encode("utf-8")


def run(text: str, jahr: int = 2025):
    return parse(csv_bytes(text), "csv", jahr=jahr, quelle="IT.NRW", stand=STAND)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234", "1234"),
        ("1.234,5", "1234.5"),
        ("12,25", "12.25"),
        ("7", "7"),
        (" 11 300 ", "11300"),
        ("", None),
    ],
)
def test_german_numbers(text, value):
    assert parse_number(text) == (None if value is None else Decimal(value))


@pytest.mark.parametrize("text", ["1234.5", "1,2,3", "12a", "-5", "1.23", "x"])
def test_not_a_german_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_a_good_file_by_name_and_by_ags(kommunen):
    vorschau = run(
        "Kommune;Zuzüge aus dem Ausland;Asylerstanträge\nBalve;120;14\nIserlohn;1.850;262\n"
    )
    assert [k.name for k, _w in vorschau.zeilen] == ["Balve", "Iserlohn"]
    assert vorschau.zeilen[1][1] == [Decimal("1850"), Decimal("262")]
    by_ags = run("AGS;asylerstantraege\n05962064;58,5\n")
    assert by_ags.zeilen[0][0].name == "Werdohl" and by_ags.zeilen[0][1] == [Decimal("58.5")]
    assert not Kennzahl.objects.exists()  # parsing alone saves nothing


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Kommune;Asylerstanträge\nBalve;14\nIserlohn;2a6\n",
            "Zeile 3, Spalte „Asylerstanträge“: „2a6“ ist keine gültige Zahl",
        ),
        ("Kommune;Asylerstanträge\nBalve;-3\n", "Zeile 2, Spalte „Asylerstanträge“: „-3“"),
        (
            "Kommune;Asylerstanträge\nBalve;14\nEntenhausen;3\n",
            "Zeile 3, Spalte „Kommune“: Die Kommune „Entenhausen“ gibt es im Kreis nicht",
        ),
        (
            "AGS;Asylerstanträge\n05962999;3\n",
            "Zeile 2, Spalte „AGS“: Es gibt keine Kommune mit dem Gemeindeschlüssel „05962999“",
        ),
        (
            "Kommune;Asylerstanträge;Fläche\nBalve;14;70\n",
            "Zeile 1, Spalte „Fläche“: Diese Spalte ist kein bekannter Indikator",
        ),
        ("Asylerstanträge\n14\n", "Es fehlt die Spalte „Kommune“ oder „AGS“"),
        ("Kommune;Asylerstanträge\nBalve;14\nBalve;15\n", "Zeile 3: Balve steht schon in Zeile 2"),
        ("Kommune;Asylerstanträge\n", "keine Zeilen"),
        ("Kommune;Asylerstanträge\nBalve;\n", "keine Werte"),
    ],
)
def test_bad_files_name_row_and_column(kommunen, text, message):
    with pytest.raises(ImportFehler) as error:
        run(text)
    assert any(message in line for line in error.value.messages), error.value.messages


def test_every_problem_is_reported_at_once(kommunen):
    with pytest.raises(ImportFehler) as error:
        run("Kommune;Asylerstanträge;Zuzüge aus dem Ausland\nBalve;x;1\nIserlohn;2;y\n")
    assert len(error.value.messages) == 2


def xlsx_upload(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("zahlen.xlsx", buffer.getvalue())


def form_data(datei, **extra):
    return {"datei": datei, "jahr": "2025", "quelle": "IT.NRW", "stand": "2026-03-31"} | extra


def test_preview_then_confirm_writes_all_values(client, koordination, kommunen):
    client.force_login(koordination)
    upload = xlsx_upload(
        [
            ["Kommune", "Asylerstanträge", "Einwohner insgesamt"],
            ["Balve", 14, 11300.5],
            ["Werdohl", "58", "17.600"],
        ]
    )
    response = client.post(URL, form_data(upload))
    assert response.status_code == 200
    assert "Vorschau: 4 Werte für 2025" in response.text
    assert not Kennzahl.objects.exists()
    response = client.post(URL, {"bestaetigen": "1"}, follow=True)
    assert "4 Werte für 2025 sind übernommen" in response.text
    werdohl = Kennzahl.objects.get(kommune__slug="werdohl", indikator__slug="einwohner")
    assert werdohl.wert == Decimal("17600") and werdohl.quelle == "IT.NRW"
    assert werdohl.stand == STAND and werdohl.geaendert_von == koordination


def test_a_bad_file_changes_nothing_and_says_why(client, koordination, kennzahlen):
    client.force_login(koordination)
    before = list(Kennzahl.objects.order_by("pk").values_list("wert", flat=True))
    upload = SimpleUploadedFile(
        "zahlen.csv", csv_bytes("Kommune;Asylerstanträge\nBalve;99\nIserlohn;viele\n")
    )
    response = client.post(URL, form_data(upload))
    assert response.status_code == 400
    assert "Es wurde nichts gespeichert" in response.text
    assert "Zeile 3, Spalte „Asylerstanträge“: „viele“ ist keine gültige Zahl" in response.text
    assert list(Kennzahl.objects.order_by("pk").values_list("wert", flat=True)) == before
    # Nothing waits for a confirmation either.
    response = client.post(URL, {"bestaetigen": "1"}, follow=True)
    assert "Die Vorschau ist abgelaufen" in response.text
    assert list(Kennzahl.objects.order_by("pk").values_list("wert", flat=True)) == before


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, koordination, kommunen):
    client.force_login(koordination)
    fake = SimpleUploadedFile("zahlen.xlsx", csv_bytes("Kommune;Asylerstanträge\nBalve;1\n"))
    response = client.post(URL, form_data(fake))
    assert "passt nicht zur Dateiendung" in response.text
    assert not Kennzahl.objects.exists()


def test_only_the_coordination_imports(client, ib_balve):
    client.force_login(ib_balve)
    assert client.get(URL).status_code == 404
