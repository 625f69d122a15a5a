"""CSV and XLSX exports that a spreadsheet program opens without running anything in them.

Text that someone typed into the portal (a partner's Meldebogen, a document title, a phone
number) can start like a formula: ``=HYPERLINK(...)``, ``+``, ``-``, ``@``, a tab or a carriage
return (also after leading blanks). Excel and LibreOffice would run it when the
KIM-Koordination opens the export ("CSV/formula injection", OWASP). Every CSV and XLSX file of
the portal therefore writes its cells through this module:

- CSV: such a cell gets a leading apostrophe (``'=HYPERLINK(...)``), the OWASP neutralisation;
  spreadsheet programs read it as text.
- XLSX: such a cell is written as a text cell with Excel's own "leading apostrophe" flag
  (``quotePrefix``): the file holds exactly the typed text, Excel shows it as text and keeps it
  text when the cell is edited, and it is never a formula cell.
- Numbers stay numbers: numeric values (``-5``, ``Decimal("-1.5")``) are not text and are left
  alone, and so is text that is nothing but a number (``-5``, ``-1,5``): it cannot compute.

Two writers use the rule: :func:`spreadsheet_response` for the portal's own exports (rows from
django-import-export resources or plain lists), and Wagtail's ``SpreadsheetExportMixin``, which
every admin listing with ``list_export`` and Wagtail's own reports use;
:func:`protect_wagtail_exports` (run by ``PortalConfig.ready``) makes that mixin apply the rule.
Importers that read our files back call :func:`imported_text` to drop the CSV apostrophe again.

CSV files are written for German Excel, the program the Kreis's staff open them with: UTF-8 with
a byte order mark (else Excel reads "Lüdenscheid" as "LÃ¼denscheid"), semicolons (German Excel
splits on ";" because "," is the decimal sign), dates as ``31.12.2026``, times as
``31.12.2026 14:30`` in the portal's time zone, and yes/no as "ja"/"nein". Wagtail's CSV
downloads are written the same way (:func:`protect_wagtail_exports`).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE = "'"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Text that is only a (signed) number, with "." or "," as separators: it cannot compute.
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
# Values a spreadsheet cell holds as they are (everything else is written as text).
_NATIVE = (int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)


def starts_like_formula(value: object) -> bool:
    """Whether a spreadsheet program could read this value as a formula: text starting with
    one of FORMULA_TRIGGERS (OWASP's list), also after leading blanks, which some programs drop
    before they read a cell; not text that is only a number."""
    if not isinstance(value, str):
        return False
    if value.startswith(("\t", "\r")):
        return True
    text = value.lstrip()
    return text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text)


def cell_value(value: object) -> Any:
    """The value as a spreadsheet cell holds it: numbers, dates and None as they are (times in
    the portal's time zone, which spreadsheets do not know), all else (lazy translations, model
    instances) as text."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    if value is None or isinstance(value, _NATIVE):
        return value
    return force_str(value)


CSV_DATE_FORMAT = "%d.%m.%Y"
CSV_DATETIME_FORMAT = "%d.%m.%Y %H:%M"


def csv_cell(value: object) -> Any:
    """The value for a CSV cell as German Excel reads it: dates as 31.12.2026, times in local
    time, booleans as "ja"/"nein", text with a leading apostrophe if it starts like a formula."""
    value = cell_value(value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.datetime):
        return value.strftime(CSV_DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(CSV_DATE_FORMAT)
    if starts_like_formula(value):
        return CSV_ESCAPE + value
    return value


def protect_xlsx_cell(cell: Cell) -> None:
    """Make an openpyxl cell whose text starts like a formula a text cell with Excel's leading
    apostrophe (``quotePrefix``); leave every other cell alone."""
    if starts_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def imported_text(value: object) -> object:
    """Undo :func:`csv_cell` on a value read back from one of our files (an import)."""
    if (
        isinstance(value, str)
        and value.startswith(CSV_ESCAPE)
        and starts_like_formula(value[len(CSV_ESCAPE) :])
    ):
        return value[len(CSV_ESCAPE) :]
    return value


CSV_BOM = "\ufeff"


def csv_writer(output: Any) -> Any:
    """A csv writer for German Excel: semicolons, CRLF line ends."""
    return csv.writer(output, delimiter=";", lineterminator="\r\n")


def csv_text(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """A CSV file as German spreadsheet programs open it: semicolons, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow([csv_cell(header) for header in headers])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return CSV_BOM + buffer.getvalue()


def xlsx_bytes(
    headers: Sequence[object], rows: Iterable[Sequence[object]], *, title: str = ""
) -> bytes:
    """An XLSX workbook with one sheet: bold headings, frozen heading row, columns as wide as
    their content (up to a limit), long text wrapped."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    headers = [cell_value(header) for header in headers]
    rows = [[cell_value(value) for value in row] for row in rows]
    workbook = Workbook(write_only=True)
    # Sheet titles: at most 31 characters, none of []:*?/\
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "Tabelle1")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(zip(headers, *rows, strict=True), start=1):
        longest = max(
            len(line) for value in column for line in str(value or "").splitlines() or [""]
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest, 8), 60) + 2
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def cell(value: object, *, heading: bool = False) -> WriteOnlyCell:
        written = WriteOnlyCell(sheet, value=value)
        protect_xlsx_cell(written)
        if heading:
            written.font = bold
        elif isinstance(value, str) and ("\n" in value or len(value) > 60):
            written.alignment = wrap
        return written

    sheet.append([cell(header, heading=True) for header in headers])
    for row in rows:
        sheet.append([cell(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def spreadsheet_response(
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    filename: str,
    file_format: str,
    title: str = "",
) -> HttpResponse:
    """A download of the rows as ``filename.csv`` or ``filename.xlsx`` (CSV unless "xlsx")."""
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(headers, rows, title=title), XLSX_CONTENT_TYPE)
        extension = "xlsx"
    else:
        response = HttpResponse(csv_text(headers, rows), CSV_CONTENT_TYPE)
        extension = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


# --- Wagtail's exports ---------------------------------------------------------------------


def protect_wagtail_exports() -> None:
    """Apply the rule to Wagtail's ``SpreadsheetExportMixin``, which writes the CSV and XLSX
    downloads of every admin listing with ``list_export`` (snippets, ModelViewSets) and of
    Wagtail's own reports (site history, workflows, pages, search terms, redirects, form
    submissions). Wagtail itself only turns cells that openpyxl takes for a formula ("=...") back
    into text in XLSX, and writes CSV cells unchanged.

    CSV downloads are also written for German Excel like the portal's own (UTF-8 with BOM,
    semicolons, dates as 31.12.2026, "ja"/"nein"); Wagtail writes commas, no BOM, ISO dates.

    Wagtail has no setting or hook for this, and its own report views cannot be swapped for
    subclasses, so the rule is installed on the mixin itself: the two methods that produce cells
    are wrapped (after Wagtail's own preprocessing, so ``custom_field_preprocess`` results are
    covered too), and the CSV stream and response are replaced. It fails at start-up
    (AttributeError) if a Wagtail upgrade renames them, and
    tests/portal/test_spreadsheets.py fails if a view overrides them, so the protection cannot
    silently disappear. Idempotent.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_portal_formula_safe", False):
        return
    wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value
    wagtail_xlsx_row = SpreadsheetExportMixin.generate_xlsx_row

    def preprocess_field_value(self, field, value, export_format):
        value = wagtail_preprocess(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return csv_cell(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in wagtail_xlsx_row(self, worksheet, row_dict, date_format=date_format):
            protect_xlsx_cell(cell)
            yield cell

    def stream_csv(self, queryset):
        """Wagtail's stream_csv with a BOM and semicolons."""
        line = _Line()
        writer = csv_writer(line)
        writer.writerow([csv_cell(self.get_heading(queryset, f)) for f in self.list_export])
        yield CSV_BOM + line.pop()
        for item in queryset:
            self.write_csv_row(writer, self.to_row_dict(item))
            yield line.pop()

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in row_dict.items()
            ]
        )

    def write_csv_response(self, queryset):
        response = wagtail_csv_response(self, queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response

    wagtail_csv_response = SpreadsheetExportMixin.write_csv_response
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.write_csv_response = write_csv_response
    SpreadsheetExportMixin._portal_formula_safe = True


class _Line:
    """A file-like object that keeps what the csv writer wrote until it is popped."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def pop(self) -> str:
        text, self.text = self.text, ""
        return text
