"""Exports: the anonymised reports (django-import-export) and the protected aggregated counts."""

import csv
import datetime
import io

from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from forms.models import ConfirmedFinding, Thema
from forms.retention import purge_meldeboegen
from reporting.resources import REMOVED
from tests.reporting.conftest import QUERY
from tests.reporting.factories import MeldebogenFactory
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
    xlsx_rows,
)

ROWS = "/berichte/export/meldeboegen/"
COUNTS = "/berichte/export/auszaehlung/"
PERSONAL = "Herr Ahmet Yilmaz, geb. 03.04.1988, wartet seit Monaten auf einen Kurs."
CLEAN = "Familien warten in Werdohl vier bis sechs Monate auf einen Integrationskurs."


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_free_text_with_findings_is_never_exported(client, koordination, kommunen):
    flagged = MeldebogenFactory(on=datetime.date(2026, 2, 10), situation=PERSONAL, vorschlag=CLEAN)
    # Even a finding the reporter confirmed as "not personal data" stays out of the file.
    ConfirmedFinding.objects.create(meldebogen=flagged, field="situation", kind="name", text="x")
    client.force_login(koordination)
    response = client.get(ROWS + QUERY)
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert "Yilmaz" not in content and "1988" not in content
    [row] = read_csv(response)
    assert row["Beschreibung der Situation"] == REMOVED
    assert row["Vorschlag zur Lösung"] == CLEAN


def test_dates_are_coarsened_and_reporters_left_out(client, koordination, kommunen):
    MeldebogenFactory(on=datetime.date(2026, 2, 10), kommunen=[kommunen["Balve"]])
    client.force_login(koordination)
    response = client.get(ROWS + QUERY)
    [row] = read_csv(response)
    assert row["Eingereicht im Monat"] == "2026-02 (Februar 2026)"
    assert row["Betroffene Kommunen"] == "Balve"
    content = response.content.decode("utf-8-sig")
    assert "10.02.2026" not in content and "2026-02-10" not in content
    assert "Migrationsberatung Caritas" not in content  # organisation
    assert "MB-2026" not in content  # the number leads back to the reporter
    assert "gemeldet von" not in content


@override_settings(REPORTING_EXPORT_INCLUDE_REPORTER=True)
def test_reporter_only_when_the_setting_allows_it(client, koordination, case_manager, kommunen):
    MeldebogenFactory(on=datetime.date(2026, 2, 10), owner=case_manager)
    client.force_login(koordination)
    [row] = read_csv(client.get(ROWS + QUERY))
    assert row["gemeldet von (Benutzername)"] == case_manager.username
    assert row["Meldende Organisation"] == "Migrationsberatung Caritas"


def test_texts_deleted_by_retention_stay_empty(client, koordination, kommunen):
    old = MeldebogenFactory(on=datetime.date(2024, 1, 10), situation=CLEAN, status="abgeschlossen")
    purge_meldeboegen(now=timezone.now())
    old.refresh_from_db()
    assert old.free_text_deleted_at is not None
    client.force_login(koordination)
    [row] = read_csv(client.get(ROWS + "?von=2024-01-01&bis=2024-01-31"))
    assert row["Beschreibung der Situation"] == ""
    assert row["Vorschlag zur Lösung"] == ""


def test_xlsx_export_of_reports(client, koordination, reports):
    client.force_login(koordination)
    response = client.get(ROWS + QUERY + "&format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Eingereicht im Monat"
    assert len(rows) == 1 + 13  # the draft and the report from 2025 are not in it


def test_aggregated_export_protects_every_combination(client, koordination, reports):
    client.force_login(koordination)
    response = client.get(COUNTS + QUERY + "&merkmal=kommune&merkmal=thema&merkmal=zielgruppe")
    assert response.status_code == 200
    rows = read_csv(response)
    values = [row["Anzahl Meldebögen"] for row in rows]
    assert "1" not in values and "2" not in values
    assert "< 3" in values
    total = next(r for r in rows if r["Kommune"] == r["Thema"] == r["Zielgruppe"] == "Insgesamt")
    assert total["Anzahl Meldebögen"] == "13"
    balve_wohnen = next(
        r
        for r in rows
        if r["Kommune"] == "Balve" and r["Thema"] == "Wohnen" and r["Zielgruppe"] == "Insgesamt"
    )
    assert balve_wohnen["Anzahl Meldebögen"] == "< 3"


def test_aggregated_export_refuses_bad_dimensions_in_german(client, koordination, db):
    client.force_login(koordination)
    response = client.get(COUNTS + "?merkmal=kommune&merkmal=name")
    assert response.status_code == 400
    assert "ein bis drei verschiedene Merkmale" in response.content.decode()


def test_export_queries_do_not_grow(client, koordination, kommunen, django_assert_max_num_queries):
    from tests.reporting.conftest import add_reports

    client.force_login(koordination)
    add_reports(kommunen)
    client.get(ROWS + QUERY)  # warms the caches shared across requests (e.g. permissions)
    with django_assert_max_num_queries(15) as few:
        client.get(ROWS + QUERY)
    add_reports(kommunen, factor=3)
    with django_assert_max_num_queries(15) as many:
        client.get(ROWS + QUERY)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- formula injection (issue 16): free text comes out as text, numbers as numbers -------------

FREE_TEXTS = {
    "Beschreibung der Situation": FORMULA_TEXTS["="],
    "Beteiligte Stellen und Organisationen": FORMULA_TEXTS["+"],
    "Was wurde bereits versucht?": FORMULA_TEXTS["-"],
    "Vorschlag zur Lösung": FORMULA_TEXTS["@"],
}


def test_free_text_starting_like_a_formula_is_exported_as_text(client, koordination, kommunen):
    MeldebogenFactory(
        on=datetime.date(2026, 2, 10),
        kommunen=[kommunen["Balve"]],
        situation=FREE_TEXTS["Beschreibung der Situation"],
        beteiligte_stellen=FREE_TEXTS["Beteiligte Stellen und Organisationen"],
        versucht=FREE_TEXTS["Was wurde bereits versucht?"],
        vorschlag=FREE_TEXTS["Vorschlag zur Lösung"],
    )
    client.force_login(koordination)

    [row] = read_csv(client.get(ROWS + QUERY))
    for column, typed in FREE_TEXTS.items():
        assert_csv_text(row[column], typed)
    assert row["Betroffene Kommunen"] == "Balve"
    assert row["Eingereicht im Monat"] == "2026-02 (Februar 2026)"

    [cells] = xlsx_rows(client.get(ROWS + QUERY + "&format=xlsx"))
    for column, typed in FREE_TEXTS.items():
        assert_xlsx_text(cells[column], typed)
    assert_xlsx_plain(cells["Betroffene Kommunen"], "Balve")
    assert_xlsx_plain(cells["Eingereicht im Monat"], "2026-02 (Februar 2026)")


def test_aggregated_export_writes_names_as_text_and_counts_as_numbers(
    client, koordination, reports
):
    Thema.objects.filter(name="Arbeit/Ausbildung").update(name="-Arbeit+Ausbildung")
    client.force_login(koordination)
    url = COUNTS + QUERY + "&merkmal=thema"

    rows = {row["Thema"]: row["Anzahl Meldebögen"] for row in read_csv(client.get(url))}
    assert rows["'-Arbeit+Ausbildung"] == "3"
    assert rows["Wohnen"] == "< 3"
    assert rows["Sprache"] == "geschützt"
    assert rows["Insgesamt"] == "13"

    cells = {row["Thema"].value: row for row in xlsx_rows(client.get(url + "&format=xlsx"))}
    arbeit = cells["-Arbeit+Ausbildung"]
    assert_xlsx_text(arbeit["Thema"], "-Arbeit+Ausbildung")
    assert_xlsx_plain(arbeit["Anzahl Meldebögen"], 3)
    assert_xlsx_plain(cells["Gesundheit"]["Anzahl Meldebögen"], 0)
    assert_xlsx_plain(cells["Insgesamt"]["Anzahl Meldebögen"], 13)
    assert_xlsx_plain(cells["Wohnen"]["Anzahl Meldebögen"], "< 3")
    assert_xlsx_plain(cells["Sprache"]["Anzahl Meldebögen"], "geschützt")
