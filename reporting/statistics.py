"""Counts of submitted Meldebögen for a period, by month, Thema, Kommune, Zielgruppe,
Rechtskreis and kind of barrier, and any combination of them, always protected by
reporting.disclosure.

Two queries load the facts of the period (the reports' structured fields and their Kommunen);
everything else is counted in Python, so the number of queries never grows with the content.
A report may name several Kommunen, Zielgruppen, Rechtskreise and Hürden: it then counts once in
each of them, and once in every total ("Insgesamt" counts reports, not mentions). A report
without a value counts under "ohne Angabe", so every report is in every table.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from itertools import product

from django.db.models import TextChoices
from django.utils import timezone

from forms.models import Huerde, Meldebogen, Rechtskreis, Thema, Zielgruppe
from knowledge.models import Kommune
from reporting.disclosure import SECONDARY, TOTAL, Cell, protect

MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
MONTH_SHORT = (
    "Jan.",
    "Feb.",
    "März",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sept.",
    "Okt.",
    "Nov.",
    "Dez.",
)
NONE = "__ohne_angabe__"
NONE_LABEL = "ohne Angabe"
MAX_MONTHS = 60


def month_label(month: datetime.date, short: bool = False) -> str:
    names = MONTH_SHORT if short else MONTH_NAMES
    return f"{names[month.month - 1]} {month.year}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """A period of whole days, both ends included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def default(cls, today: datetime.date | None = None) -> Period:
        """The last twelve months including the current one."""
        today = today or timezone.localdate()
        return cls(add_months(today.replace(day=1), -11), today)

    def months(self) -> list[datetime.date]:
        first = self.start.replace(day=1)
        months = []
        while first <= self.end:
            months.append(first)
            first = add_months(first, 1)
        return months

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware datetimes: start of the first day, start of the day after the last."""
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return start, end

    @property
    def label(self) -> str:
        return f"{self.start:%d.%m.%Y} bis {self.end:%d.%m.%Y}"

    def query(self) -> dict[str, str]:
        return {"von": self.start.isoformat(), "bis": self.end.isoformat()}

    def submitted_reports(self):
        """The period's submitted reports, each case once: a Dublette is counted with the
        report it duplicates (forms.models.MeldebogenQuerySet.counted)."""
        start, end = self.bounds()
        return Meldebogen.objects.counted().filter(submitted_at__gte=start, submitted_at__lt=end)


@dataclass(frozen=True)
class Record:
    """The structured facts of one submitted report (never its free text)."""

    pk: int
    month: datetime.date
    thema: int | None
    kommunen: tuple[int, ...]
    zielgruppen: tuple[str, ...]
    rechtskreise: tuple[str, ...]
    huerden: tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str  # singular, e.g. "Thema"
    heading: str  # e.g. "Meldebögen je Thema"
    categories: tuple[tuple[Hashable, str], ...]
    values: Callable[[Record], Sequence[Hashable]]
    multiple: bool = False  # a report may have several values

    def label_of(self, category: Hashable) -> str:
        if category is TOTAL:
            return "Insgesamt"
        return dict(self.categories).get(category, NONE_LABEL)


def load_records(period: Period) -> list[Record]:
    """Two queries, whatever the number of reports."""
    reports = period.submitted_reports()
    kommunen: dict[int, list[int]] = {}
    through = Meldebogen.kommunen.through.objects.filter(meldebogen__in=reports.values("pk"))
    for meldebogen_id, kommune_id in through.values_list("meldebogen_id", "kommune_id"):
        kommunen.setdefault(meldebogen_id, []).append(kommune_id)
    records = []
    rows = reports.order_by("submitted_at", "pk").values_list(
        "pk", "submitted_at", "thema_id", "zielgruppen", "rechtskreise", "huerden"
    )
    for pk, submitted_at, thema_id, zielgruppen, rechtskreise, huerden in rows:
        local = timezone.localtime(submitted_at).date()
        records.append(
            Record(
                pk=pk,
                month=local.replace(day=1),
                thema=thema_id,
                kommunen=tuple(sorted(set(kommunen.get(pk, ())))),
                zielgruppen=tuple(dict.fromkeys(zielgruppen or ())),
                rechtskreise=tuple(dict.fromkeys(rechtskreise or ())),
                huerden=tuple(dict.fromkeys(huerden or ())),
            )
        )
    return records


def _or_none(values: Sequence[Hashable]) -> Sequence[Hashable]:
    return values or (NONE,)


def _choice_dimension(key, label, heading, choices: type[TextChoices], attribute, records):
    known = {value for value, _label in choices.choices}
    categories = [(value, str(text)) for value, text in choices.choices]

    def values(record: Record) -> Sequence[Hashable]:
        return _or_none(tuple(v for v in getattr(record, attribute) if v in known))

    if any(values(r) == (NONE,) for r in records):
        categories.append((NONE, NONE_LABEL))
    return Dimension(key, label, heading, tuple(categories), values, multiple=True)


def build_dimensions(period: Period, records: list[Record]) -> dict[str, Dimension]:
    """The dimensions in a fixed order (the order of tables and of protection)."""
    used_themen = {r.thema for r in records}
    themen = [
        (t.pk, t.name)
        for t in Thema.objects.order_by("sort_order", "name")
        if t.active or t.pk in used_themen
    ]
    if None in used_themen:
        themen.append((NONE, NONE_LABEL))
    kommunen = list(Kommune.objects.order_by("name").values_list("pk", "name"))
    if any(not r.kommunen for r in records):
        kommunen.append((NONE, NONE_LABEL))

    dimensions = [
        Dimension(
            "monat",
            "Monat",
            "Meldebögen je Monat",
            tuple((month, month_label(month)) for month in period.months()),
            lambda r: (r.month,),
        ),
        Dimension(
            "thema",
            "Thema",
            "Meldebögen je Thema",
            tuple(themen),
            lambda r: (r.thema if r.thema is not None else NONE,),
        ),
        Dimension(
            "kommune",
            "Kommune",
            "Meldebögen je Kommune",
            tuple(kommunen),
            lambda r: _or_none(r.kommunen),
            multiple=True,
        ),
        _choice_dimension(
            "huerde", "Art der Hürde", "Meldebögen je Art der Hürde", Huerde, "huerden", records
        ),
        _choice_dimension(
            "zielgruppe",
            "Zielgruppe",
            "Meldebögen je Zielgruppe",
            Zielgruppe,
            "zielgruppen",
            records,
        ),
        _choice_dimension(
            "rechtskreis",
            "Rechtskreis",
            "Meldebögen je Rechtskreis",
            Rechtskreis,
            "rechtskreise",
            records,
        ),
    ]
    return {d.key: d for d in dimensions}


@dataclass
class Row:
    category: Hashable
    label: str
    cell: Cell


@dataclass
class Distribution:
    """A one-dimensional protected table: one row per category and the total."""

    dimension: Dimension
    rows: list[Row]
    total: Cell

    @property
    def any_hidden(self) -> bool:
        return any(row.cell.is_hidden for row in self.rows) or self.total.is_hidden


@dataclass
class CrossRow:
    label: str
    cells: list[Cell]
    total: Cell


@dataclass
class CrossTable:
    """A two-dimensional protected table with row and column totals."""

    rows_dimension: Dimension
    columns_dimension: Dimension
    column_labels: list[str]
    rows: list[CrossRow]
    column_totals: list[Cell]
    total: Cell

    @property
    def caption(self) -> str:
        return f"Meldebögen nach {self.rows_dimension.label} und {self.columns_dimension.label}"


@dataclass
class Statistics:
    """All protected counts of one period. Tables are protected from the smallest up and each
    larger table keeps what the smaller ones hid (reporting.disclosure, rule 3)."""

    period: Period
    records: list[Record]
    dimensions: dict[str, Dimension]
    _tables: dict[tuple[str, ...], dict[tuple, Cell]] = field(default_factory=dict, repr=False)

    @classmethod
    def for_period(cls, period: Period) -> Statistics:
        records = load_records(period)
        return cls(period, records, build_dimensions(period, records))

    def _canonical(self, keys: Sequence[str]) -> tuple[str, ...]:
        order = list(self.dimensions)
        unknown = [k for k in keys if k not in self.dimensions]
        if unknown or len(set(keys)) != len(keys):
            raise ValueError(f"unknown or repeated dimensions: {keys}")
        return tuple(sorted(keys, key=order.index))

    def _counts(self, keys: tuple[str, ...]) -> Counter:
        dims = [self.dimensions[k] for k in keys]
        counts: Counter = Counter()
        for record in self.records:
            options = [list(d.values(record)) + [TOTAL] for d in dims]
            for key in set(product(*options)):
                counts[key] += 1
        return counts

    def table(self, keys: Sequence[str]) -> dict[tuple, Cell]:
        """The protected table over ``keys`` (any order) with all totals; keys in canonical
        order of the dimensions."""
        keys = self._canonical(keys)
        if keys in self._tables:
            return self._tables[keys]
        hidden: dict[tuple, str] = {}
        for position in range(len(keys)):
            smaller = keys[:position] + keys[position + 1 :]
            for key, cell in self.table(smaller).items():
                if cell.suppressed:
                    hidden[key[:position] + (TOTAL,) + key[position:]] = cell.suppressed
        if not keys:
            hidden = self._grand_total_hidden()
        axes = [[c for c, _label in self.dimensions[k].categories] for k in keys]
        result = protect(self._counts(keys), axes, hidden=hidden)
        self._tables[keys] = result
        return result

    def _grand_total_hidden(self) -> dict[tuple, str]:
        """The number of reports appears in every table. If any one-dimensional table has to
        hide it (e.g. seven reports in seven different Themen: every cell "< 3" and a total of
        7 would say each is 1), it is hidden everywhere, the headline included."""
        total = protect(self._counts(()), [])[()]
        if total.suppressed:
            return {(): total.suppressed}
        for key, dimension in self.dimensions.items():
            axes = [[c for c, _label in dimension.categories]]
            if protect(self._counts((key,)), axes)[(TOTAL,)].suppressed:
                return {(): SECONDARY}
        return {}

    def cell(self, **coordinates: Hashable) -> Cell:
        """One protected count, e.g. ``cell(kommune=3, thema=5)``."""
        keys = self._canonical(list(coordinates))
        return self.table(keys)[tuple(coordinates[k] for k in keys)]

    @property
    def total(self) -> Cell:
        return self.table(())[()]

    def distribution(self, key: str) -> Distribution:
        dimension = self.dimensions[key]
        table = self.table((key,))
        rows = [Row(c, label, table[(c,)]) for c, label in dimension.categories]
        return Distribution(dimension, rows, table[(TOTAL,)])

    def crosstab(self, rows_key: str, columns_key: str) -> CrossTable:
        keys = self._canonical([rows_key, columns_key])
        table = self.table(keys)
        row_dim, col_dim = self.dimensions[rows_key], self.dimensions[columns_key]

        def at(r, c) -> Cell:
            coordinates = {rows_key: r, columns_key: c}
            return table[tuple(coordinates[k] for k in keys)]

        columns = [c for c, _label in col_dim.categories]
        rows = [
            CrossRow(label, [at(r, c) for c in columns], at(r, TOTAL))
            for r, label in row_dim.categories
        ]
        return CrossTable(
            row_dim,
            col_dim,
            [label for _c, label in col_dim.categories],
            rows,
            [at(TOTAL, c) for c in columns],
            at(TOTAL, TOTAL),
        )

    def combinations(self, keys: Sequence[str]) -> list[tuple[list[str], Cell]]:
        """Every combination of the given dimensions with its totals, as (labels, cell) in the
        order the keys were given: the rows of the aggregated export."""
        canonical = self._canonical(keys)
        table = self.table(canonical)
        dims = [self.dimensions[k] for k in keys]
        result = []
        for combo in product(*[[c for c, _l in d.categories] + [TOTAL] for d in dims]):
            coordinates = dict(zip(keys, combo, strict=True))
            cell = table[tuple(coordinates[k] for k in canonical)]
            result.append(([d.label_of(c) for d, c in zip(dims, combo, strict=True)], cell))
        return result


@dataclass(frozen=True)
class FindingCounts:
    """Confirmed findings of the anonymity check in a period's reports (two queries)."""

    reports: int  # reports with at least one confirmed finding
    findings: int
    by_kind: list[tuple[str, int]]  # (German label, count), most frequent first


def confirmed_finding_counts(period: Period) -> FindingCounts:
    """How often reporters confirmed a flagged span as "not personal" in the period's reports;
    the KIM-Koordination reviews these (forms.anonymity_guard)."""
    from forms.anonymity import KIND_LABELS
    from forms.models import ConfirmedFinding

    findings = ConfirmedFinding.objects.filter(meldebogen__in=period.submitted_reports())
    kinds = Counter(findings.values_list("kind", flat=True))
    reports = findings.values("meldebogen").distinct().count()
    return FindingCounts(
        reports=reports,
        findings=sum(kinds.values()),
        by_kind=[(KIND_LABELS.get(kind, kind), n) for kind, n in kinds.most_common()],
    )
