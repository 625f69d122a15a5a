"""Exports: the anonymised reports (django-import-export) and the protected aggregated counts."""

import csv
import datetime
import io

from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from forms.models import ConfirmedFinding
from forms.retention import purge_meldeboegen
from reporting.resources import REMOVED
from tests.reporting.conftest import QUERY
from tests.reporting.factories import MeldebogenFactory

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
    old = MeldebogenFactory(on=datetime.date(2024, 1, 10), situation=CLEAN)
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
    with django_assert_max_num_queries(15) as few:
        client.get(ROWS + QUERY)
    add_reports(kommunen, factor=3)
    with django_assert_max_num_queries(15) as many:
        client.get(ROWS + QUERY)
    assert len(many.captured_queries) == len(few.captured_queries)
