"""The reporting pages for the KIM-Koordination: dashboard, exports and the Sachstandsbericht.

Everyone else gets 403 with a German explanation. Every count goes through
reporting.disclosure (via reporting.statistics); the number of queries does not grow with the
number of reports.
"""

from __future__ import annotations

import tablib
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from accounts.roles import roles_of
from portal.charts import bar_chart
from portal.pdf import pdf_response
from portal.spreadsheets import spreadsheet_response
from reporting import overview
from reporting.cache import statistics_fragments
from reporting.disclosure import threshold
from reporting.forms import (
    EXPORT_DIMENSION_CHOICES,
    KreuztabelleForm,
    ZeitraumForm,
    export_dimensions,
)
from reporting.permissions import may_view_reports
from reporting.resources import MeldebogenExportResource, export_queryset, include_reporter
from reporting.statistics import Period, Statistics, confirmed_finding_counts, month_label

CHARTED = (
    ("monat", False),
    ("thema", True),
    ("kommune", True),
    ("huerde", True),
)


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reporting/forbidden.html",
        {"roles": [role.name for role in roles_of(request.user)]},
        status=403,
    )


def _charts(statistics: Statistics) -> list[dict]:
    sections = []
    for key, horizontal in CHARTED:
        distribution = statistics.distribution(key)
        dimension = distribution.dimension
        labels = [
            month_label(row.category, short=True) if key == "monat" else row.label
            for row in distribution.rows
        ]
        chart = bar_chart(
            f"chart-{key}",
            dimension.heading,
            [(label, row.cell) for label, row in zip(labels, distribution.rows, strict=True)],
            category_axis_label=dimension.label,
            horizontal=horizontal,
        )
        sections.append({"key": key, "distribution": distribution, "chart": chart})
    return sections


def _statistics_fragments(period: Period, rows_key: str, columns_key: str) -> dict[str, str]:
    """The period's protected counts as HTML: the headline total, the charts with their
    tables, the cross table and the anonymity findings (the same for every reader)."""
    statistics = Statistics.for_period(period)
    context = {
        "period": period,
        "sections": _charts(statistics),
        "crosstab": statistics.crosstab(rows_key, columns_key),
        "finding_counts": confirmed_finding_counts(period),
        "id": "kreuztabelle",
    }
    return {
        "total": statistics.total.display,
        "sections": render_to_string("reporting/_sections.html", context),
        "crosstab": render_to_string("reporting/_crosstab.html", context),
        "anonymity": render_to_string("reporting/_anonymity.html", context),
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    if not may_view_reports(request.user):
        return forbidden(request)
    zeitraum = ZeitraumForm(request.GET or None)
    kreuztabelle = KreuztabelleForm(request.GET or None)
    period = zeitraum.period()
    rows_key, columns_key = kreuztabelle.dimensions()
    fragments = statistics_fragments(
        period,
        rows_key,
        columns_key,
        lambda: _statistics_fragments(period, rows_key, columns_key),
    )
    context = {
        "zeitraum": zeitraum,
        "kreuztabelle_form": kreuztabelle,
        "period": period,
        "rows_key": rows_key,
        "columns_key": columns_key,
        "statistics": {
            "total": fragments["total"],
            **{name: mark_safe(fragments[name]) for name in ("sections", "crosstab", "anonymity")},  # noqa: S308
        },
        "threshold": threshold(),
        "export_choices": EXPORT_DIMENSION_CHOICES,
        "include_reporter": include_reporter(),
        **overview.current_state(),
    }
    return render(request, "reporting/dashboard.html", context)


def _send(dataset: tablib.Dataset, name: str, file_format: str) -> HttpResponse:
    return spreadsheet_response(
        dataset.headers or [],
        dataset,
        filename=name,
        file_format=file_format,
        title=dataset.title or "",
    )


def _period_or_error(request: HttpRequest):
    form = ZeitraumForm(request.GET or None)
    if request.GET and not form.is_valid():
        messages = [str(error) for errors in form.errors.values() for error in errors]
        return None, HttpResponse(
            "Der Zeitraum ist ungültig: " + " ".join(messages),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return form.period(), None


def export_meldeboegen(request: HttpRequest) -> HttpResponse:
    """The anonymised reports of the period, one row each (reporting.resources)."""
    if not may_view_reports(request.user):
        return forbidden(request)
    period, error = _period_or_error(request)
    if error:
        return error
    dataset = MeldebogenExportResource().export(queryset=export_queryset(period))
    dataset.title = "Meldebögen"
    name = f"meldeboegen-anonymisiert-{period.start:%Y-%m-%d}-bis-{period.end:%Y-%m-%d}"
    return _send(dataset, name, request.GET.get("format", "csv"))


def export_auszaehlung(request: HttpRequest) -> HttpResponse:
    """Protected counts for every combination of one to three dimensions, with totals."""
    if not may_view_reports(request.user):
        return forbidden(request)
    period, error = _period_or_error(request)
    if error:
        return error
    keys = export_dimensions(request.GET.getlist("merkmal"))
    if keys is None:
        return HttpResponse(
            "Bitte wählen Sie ein bis drei verschiedene Merkmale für die Auszählung.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    statistics = Statistics.for_period(period)
    headers = [statistics.dimensions[k].label for k in keys] + ["Anzahl Meldebögen"]
    dataset = tablib.Dataset(headers=headers)
    for labels, cell in statistics.combinations(keys):
        # Shown counts are numbers (a spreadsheet can add them up); protected ones are text.
        dataset.append([*labels, cell.display if cell.shown is None else cell.shown])
    dataset.title = "Auszählung"
    name = f"auszaehlung-{'-'.join(keys)}-{period.start:%Y-%m-%d}-bis-{period.end:%Y-%m-%d}"
    return _send(dataset, name, request.GET.get("format", "csv"))


def sachstandsbericht(request: HttpRequest) -> HttpResponse:
    """The Sachstandsbericht for the period as PDF (WeasyPrint), for a political committee."""
    from reporting.sachstand import sachstandsbericht_context

    if not may_view_reports(request.user):
        return forbidden(request)
    period, error = _period_or_error(request)
    if error:
        return error
    filename = f"sachstandsbericht-{period.start:%Y-%m-%d}-bis-{period.end:%Y-%m-%d}.pdf"
    return pdf_response(
        "reporting/sachstandsbericht_pdf.html", sachstandsbericht_context(period), request, filename
    )
