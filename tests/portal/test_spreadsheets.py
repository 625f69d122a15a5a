"""The one rule for CSV and XLSX cells (portal/spreadsheets.py): text that starts like a formula
is neutralised, everything else is written as it is; and every export goes through it."""

import datetime
import decimal
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from portal.spreadsheets import (
    csv_cell,
    csv_text,
    imported_text,
    spreadsheet_response,
    starts_like_formula,
    xlsx_bytes,
)
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
    csv_rows,
    xlsx_rows,
)

ORDINARY = [
    "Familien warten auf einen Kurs.",
    "Jobcenter – Volkshochschule",
    "E-Mail: info@example.org",
    "1+1=2",
    "05962060",
    "",
]
PLAIN_NUMBERS_AS_TEXT = ["-5", "+3", "-1,5", "-1.234,50"]


@pytest.mark.parametrize("typed", FORMULA_TEXTS.values(), ids=FORMULA_TEXTS.keys())
def test_text_starting_like_a_formula_is_neutralised(typed):
    assert starts_like_formula(typed)
    assert csv_cell(typed) == "'" + typed
    [row] = csv_rows(spreadsheet_response(["Text"], [[typed]], filename="x", file_format="csv"))
    assert_csv_text(row["Text"], typed)
    [cells] = xlsx_rows(spreadsheet_response(["Text"], [[typed]], filename="x", file_format="xlsx"))
    assert_xlsx_text(cells["Text"], typed)


@pytest.mark.parametrize("value", ORDINARY + PLAIN_NUMBERS_AS_TEXT)
def test_ordinary_text_and_text_numbers_are_unchanged(value):
    assert not starts_like_formula(value)
    assert csv_cell(value) == value
    [row] = csv_rows(spreadsheet_response(["Text"], [[value]], filename="x", file_format="csv"))
    assert row["Text"] == value
    [cells] = xlsx_rows(spreadsheet_response(["Text"], [[value]], filename="x", file_format="xlsx"))
    if value:
        assert_xlsx_plain(cells["Text"], value)
    else:
        assert cells["Text"].value in ("", None)


def test_numbers_dates_and_empty_cells_keep_their_type():
    moment = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30))
    values = [-5, -1.5, decimal.Decimal("-2.25"), 0, datetime.date(2026, 3, 1), moment, None]
    content = xlsx_bytes(["a", "b", "c", "d", "e", "f", "g"], [values])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [cell.value for cell in cells[:4]] == [-5, -1.5, -2.25, 0]
    assert all(cell.data_type == "n" and not cell.quotePrefix for cell in cells[:4])
    assert cells[4].value == datetime.datetime(2026, 3, 1)
    assert cells[5].value == datetime.datetime(2026, 3, 2, 9, 30)  # local time, no zone
    assert cells[6].value is None
    assert csv_text(["a", "b"], [[-5, decimal.Decimal("-2.25")]]).splitlines()[1] == "-5;-2.25"


def test_csv_is_what_german_spreadsheet_programs_open():
    response = spreadsheet_response(["Name", "Ort"], [["Ä", "Ö"]], filename="liste", file_format="")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="liste.csv"'
    assert response.content.decode("utf-8") == "\ufeffName;Ort\r\nÄ;Ö\r\n"


def test_xlsx_sheet_has_a_valid_title_and_bold_headings():
    response = spreadsheet_response(
        ["Name"], [["x"]], filename="liste", file_format="xlsx", title="Auszählung: a/b [2026]"
    )
    assert response["Content-Disposition"] == 'attachment; filename="liste.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Auszählung ab 2026"
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("typed", FORMULA_TEXTS.values(), ids=FORMULA_TEXTS.keys())
def test_imports_read_the_neutralised_text_back(typed):
    assert imported_text(csv_cell(typed)) == typed
    assert imported_text("'Zitat") == "'Zitat"  # an apostrophe that protects nothing stays
    assert imported_text(typed) == typed
