"""The coordination's work list of submitted reports: filters, sorting, bulk actions.

Filters are a django-filter ``FilterSet`` read from the query string, so a filter is a URL: it
can be bookmarked, saved under a name (``GespeicherterFilter``) and reloaded. Bulk actions go
through ``forms.workflow.change_status`` one report at a time, each with the version the
coordinator saw, and report a German result per report.
"""

import datetime
from dataclasses import dataclass
from html import escape

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from forms.models import Huerde, Meldebogen, Rechtskreis, Status, Thema
from forms.service_levels import FINAL_STATUSES, days_past
from forms.widgets import CheckboxSelectMultiple, Select
from forms.workflow import TransitionRefused, change_status, label
from knowledge.models import Kommune, Organisation

TRIAGE_STATUSES = [(value, text) for value, text in Status.choices if value != Status.ENTWURF]


def _json_list_contains(field: str, value: str) -> Q:
    """A JSON list field contains ``value`` (a fixed choice value, never user text). JSON
    ``contains`` is not available on SQLite; the quoted value matched in the JSON text is
    exact because choice values contain no quotes."""
    return Q(**{f"{field}__icontains": f'"{value}"'})


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class WorklistFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=TRIAGE_STATUSES,
        widget=CheckboxSelectMultiple,
    )
    thema = django_filters.ModelChoiceFilter(
        label="Thema", queryset=Thema.objects.all(), empty_label="alle Themen", widget=Select
    )
    kommune = django_filters.ModelChoiceFilter(
        label="Kommune",
        field_name="kommunen",
        queryset=Kommune.objects.order_by("name"),
        empty_label="alle Kommunen",
        widget=Select,
    )
    huerde = django_filters.ChoiceFilter(
        label="Art der Hürde",
        choices=Huerde.choices,
        empty_label="alle Arten",
        widget=Select,
        method="filter_huerde",
    )
    rechtskreis = django_filters.ChoiceFilter(
        label="Rechtskreis",
        choices=Rechtskreis.choices,
        empty_label="alle Rechtskreise",
        widget=Select,
        method="filter_rechtskreis",
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Meldende Organisation",
        queryset=Organisation.objects.filter(meldeboegen__isnull=False).distinct().order_by("name"),
        empty_label="alle Organisationen",
        widget=Select,
    )
    von = django_filters.DateFilter(
        label="Eingegangen ab",
        field_name="submitted_at",
        method="filter_von",
        widget=DateInput,
    )
    bis = django_filters.DateFilter(
        label="Eingegangen bis",
        field_name="submitted_at",
        method="filter_bis",
        widget=DateInput,
    )
    ueberfaellig = django_filters.BooleanFilter(
        label="Nur überfällige",
        method="filter_ueberfaellig",
        widget=forms.CheckboxInput,
    )
    sortierung = django_filters.OrderingFilter(
        label="Sortierung",
        empty_label=None,
        null_label=None,
        widget=Select,
        choices=[
            ("-submitted_at", "Neueste zuerst"),
            ("submitted_at", "Älteste zuerst"),
            ("frist", "Frist: früheste zuerst"),
            ("reference", "Nummer aufsteigend"),
            ("status", "Status"),
            ("thema__name", "Thema"),
        ],
    )

    class Meta:
        model = Meldebogen
        fields: list[str] = []

    def filter_huerde(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_json_list_contains("huerden", value)) if value else queryset

    def filter_rechtskreis(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_json_list_contains("rechtskreise", value)) if value else queryset

    def filter_von(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(submitted_at__date__gte=value) if value else queryset

    def filter_bis(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(submitted_at__date__lte=value) if value else queryset

    def filter_ueberfaellig(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        return overdue(queryset)

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sortierung"):
            queryset = queryset.order_by("-submitted_at", "-pk")
        return queryset


def overdue(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Reports whose deadline in the current status has passed."""
    return queryset.exclude(status__in=FINAL_STATUSES).filter(
        frist__lt=today or timezone.localdate()
    )


# The columns a row of the work list shows (free text is never loaded for the list).
ROW_FIELDS = (
    "pk",
    "reference",
    "submitted_at",
    "status",
    "frist",
    "version",
    "thema__name",
    "huerden",
    "organisation_name",
)


def worklist_queryset() -> QuerySet:
    return Meldebogen.objects.submitted().distinct()


def worklist_page_rows(queryset: QuerySet) -> QuerySet:
    """The filtered reports as the rows need them: plain values, no model instances."""
    return queryset.values(*ROW_FIELDS)


def _german_date(day: datetime.date | None) -> str:
    """What the template's ``|date:"d.m.Y"`` printed (nothing for no date)."""
    return day.strftime("%d.%m.%Y") if day else ""


def kommunen_by_report(pks: list[int]) -> dict[int, str]:
    """Report id -> its Kommunen's names, sorted and joined, in one query for the whole page."""
    names: dict[int, list[str]] = {}
    pairs = (
        Meldebogen.kommunen.through.objects.filter(meldebogen_id__in=pks)
        .order_by("kommune__name", "kommune_id")
        .values_list("meldebogen_id", "kommune__name")
    )
    for pk, name in pairs:
        names.setdefault(pk, []).append(name)
    return {pk: ", ".join(found) for pk, found in names.items()}


# One row of the work list, written here rather than in the template: the page shows up to 50
# rows, and a row in the template cost fifteen variables, two date filters and a URL tag. Every
# value is escaped with html.escape (what Django's escape does, without the SafeString
# wrapping per value).
_SELECT_CELL = (
    '<td><input type="checkbox" name="auswahl" id="auswahl-{pk}" value="{key}" '
    'form="sammelaktion"{checked}><label for="auswahl-{pk}"><span class="visually-hidden">'
    "{reference} auswählen</span></label></td>"
)
_ROW = (
    "<tr{row_class}>{select_cell}"
    '<th scope="row"><a href="{url}">{reference}</a></th>'
    "<td>{submitted}</td><td>{status}</td><td>{frist}{overdue}</td><td>{thema}</td>"
    "<td>{kommunen}</td><td>{huerden}</td><td>{organisation}</td></tr>"
)
_OVERDUE = ' <strong class="overdue-mark">überfällig ({days} Arbeitstag{plural})</strong>'


def worklist_rows(
    reports: list[dict],
    selected: set[str],
    with_selection: bool,
    today: datetime.date | None = None,
) -> list[SafeString]:
    """The rows of the work list as HTML, one per report (``reports``: ``ROW_FIELDS`` values).

    Everything a row shows is computed here once per page (the labels translated once per
    request, the triage URL reversed once and filled in per row, the Kommunen of the whole page
    in one query, the dates formatted directly): the page shows up to 50 rows and must not
    grow much from 7 rows to 50. ``with_selection`` adds the checkbox for the bulk actions.
    """
    today = today or timezone.localdate()
    status_labels = {value: escape(str(text)) for value, text in Status.choices}
    huerde_labels = [(value, str(text)) for value, text in Huerde.choices]
    kommunen = kommunen_by_report([m["pk"] for m in reports])
    marker = "4711000815"
    triage_before, triage_after = reverse("forms:triage", kwargs={"pk": int(marker)}).split(marker)
    rows = []
    for m in reports:
        pk = m["pk"]
        key = f"{pk}:{m['version']}"
        reference = escape(m["reference"] or "")
        frist = m["frist"]
        overdue_days = days_past(frist, today)
        chosen = set(m["huerden"] or ())
        submitted = timezone.localtime(m["submitted_at"]).date() if m["submitted_at"] else None
        select_cell = (
            _SELECT_CELL.format(
                pk=pk,
                key=key,
                checked=" checked" if key in selected else "",
                reference=reference,
            )
            if with_selection
            else ""
        )
        overdue = (
            _OVERDUE.format(days=overdue_days, plural="" if overdue_days == 1 else "e")
            if overdue_days
            else ""
        )
        huerden = ", ".join(text for value, text in huerde_labels if value in chosen)
        html = _ROW.format(
            row_class=' class="overdue"' if overdue_days else "",
            select_cell=select_cell,
            url=escape(f"{triage_before}{pk}{triage_after}"),
            reference=reference,
            submitted=_german_date(submitted),
            status=status_labels.get(m["status"]) or escape(m["status"]),
            frist=_german_date(frist) or "–",
            overdue=overdue,
            thema=escape(m["thema__name"] or "–"),
            kommunen=escape(kommunen.get(pk) or "–"),
            huerden=escape(huerden or "–"),
            organisation=escape(m["organisation_name"] or "–"),
        )
        rows.append(mark_safe(html))  # noqa: S308 - every value is escaped above
    return rows


# --- bulk actions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkAction:
    name: str
    target: str
    label: str
    reason_required: bool = False


BULK_ACTIONS = (
    BulkAction("gesichtet", Status.GESICHTET, "Als gesichtet markieren"),
    BulkAction("zurueckstellen", Status.ZURUECKGESTELLT, "Zurückstellen", reason_required=True),
    BulkAction(
        "nicht_weiterverfolgen",
        Status.NICHT_WEITERVERFOLGT,
        "Nicht weiterverfolgen",
        reason_required=True,
    ),
)
BULK_ACTIONS_BY_NAME = {action.name: action for action in BULK_ACTIONS}


@dataclass(frozen=True)
class BulkResult:
    reference: str
    ok: bool
    message: str


def parse_selection(values: list[str]) -> dict[int, int]:
    """``["12:3", ...]`` (pk:version as shown) -> {pk: version}; malformed entries are dropped."""
    selection = {}
    for value in values:
        pk, _sep, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            selection[int(pk)] = int(version)
    return selection


def run_bulk_action(
    action: BulkAction, selection: dict[int, int], user, comment: str, reporter_reason: str = ""
) -> list[BulkResult]:
    """Apply ``action`` to each selected report through the state machine, one by one."""
    reports = Meldebogen.objects.submitted().filter(pk__in=selection).order_by("reference")
    results = []
    for meldebogen in reports:
        try:
            change_status(
                meldebogen,
                action.target,
                by=user,
                comment=comment,
                expected_version=selection[meldebogen.pk],
                reporter_reason=reporter_reason,
            )
        except TransitionRefused as refused:
            results.append(BulkResult(meldebogen.reference, False, str(refused)))
        else:
            results.append(
                BulkResult(meldebogen.reference, True, f"jetzt „{label(action.target)}“.")
            )
    return results
