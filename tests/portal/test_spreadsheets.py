"""The one rule for CSV and XLSX cells (portal/spreadsheets.py): text that starts like a formula
is neutralised, everything else is written as it is; and every export goes through it."""

import datetime
import decimal
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page

from portal.spreadsheets import (
    csv_cell,
    csv_text,
    imported_text,
    spreadsheet_response,
    starts_like_formula,
    xlsx_bytes,
)
from tests.project_apps import APPS, ROOT
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
    content_of,
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


# --- Wagtail's exports --------------------------------------------------------------------------


def test_wagtail_report_export_is_neutralised(client, db):
    """Wagtail's own reports (here: locked pages) write through the same rule."""
    admin = get_user_model().objects.create_superuser("admin-test", "admin@example.org", "pw")
    root = Page.objects.get(depth=1)
    typed = FORMULA_TEXTS["="]
    page = root.add_child(instance=Page(title=typed, slug="formel"))
    root.add_child(instance=Page(title="Gewöhnliche Seite", slug="gewoehnlich"))
    Page.objects.filter(pk__in=[page.pk, page.get_next_sibling().pk]).update(
        locked=True, locked_by=admin, locked_at=timezone.now()
    )
    client.force_login(admin)
    url = reverse("wagtailadmin_reports:locked_pages")

    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert_csv_text(next(r["Titel"] for r in rows if "HYPERLINK" in r["Titel"]), typed)
    assert any(r["Titel"] == "Gewöhnliche Seite" for r in rows)
    cells = xlsx_rows(client.get(url, {"export": "xlsx"}))
    assert_xlsx_text(next(c["Titel"] for c in cells if "HYPERLINK" in c["Titel"].value), typed)
    ordinary = next(c["Titel"] for c in cells if c["Titel"].value == "Gewöhnliche Seite")
    assert_xlsx_plain(ordinary, "Gewöhnliche Seite")


def _all_subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _all_subclasses(subclass)


def test_no_export_view_bypasses_the_rule(client, db):
    """Every view with a CSV/XLSX export writes its cells through the protected methods."""
    client.get("/admin/")  # loads every admin URL, and with it every view class
    cell_writers = ("preprocess_field_value", "generate_xlsx_row", "write_csv_row")
    whole_file_writers = ("stream_csv", "write_xlsx")
    views = list(_all_subclasses(SpreadsheetExportMixin))
    assert len(views) > 10
    for view in views:
        for name in cell_writers + whole_file_writers:
            assert getattr(view, name) is getattr(SpreadsheetExportMixin, name), (
                f"{view.__module__}.{view.__qualname__} overrides {name}"
            )


def test_the_portal_writes_spreadsheets_only_through_portal_spreadsheets():
    """No module but portal/spreadsheets.py writes CSV or XLSX files itself."""
    writers = re.compile(
        r"csv\.(writer|DictWriter)\(|\bWorkbook\(|\.export\(\s*[\"'](csv|xlsx|xls|ods|tsv)"
    )
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if path == ROOT / "portal" / "spreadsheets.py" or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if writers.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "Write CSV/XLSX through portal.spreadsheets:\n" + "\n".join(offenders)


def test_csv_dates_times_and_yes_no_are_written_as_german_excel_reads_them():
    moment = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30), datetime.UTC)
    text = csv_text(
        ["Datum", "Zeit", "Ja", "Nein"], [[datetime.date(2026, 3, 1), moment, True, False]]
    )
    assert text.splitlines()[1] == "01.03.2026;02.03.2026 10:30;ja;nein"  # Berlin: UTC+1


def test_wagtail_csv_exports_have_a_bom_and_semicolons(client, db):
    admin = get_user_model().objects.create_superuser("admin-test", "admin@example.org", "pw")
    root = Page.objects.get(depth=1)
    root.add_child(instance=Page(title="Seite, mit Komma", slug="komma"))
    Page.objects.filter(slug="komma").update(
        locked=True, locked_by=admin, locked_at=timezone.make_aware(datetime.datetime(2026, 3, 2))
    )
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_reports:locked_pages"), {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = content_of(response).decode("utf-8")
    assert text.startswith("\ufeffTitel;")
    assert "Seite, mit Komma;" in text and "02.03.2026 00:00" in text
