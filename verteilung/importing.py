"""Import of indicator values from the statistics office's CSV/XLSX exports.

The file has a heading row: a column ``Kommune`` (name) or ``AGS`` (Amtlicher
Gemeindeschlüssel), and one column per indicator, headed by its name or Kurzname. Numbers are
read in German notation ("1.234", "1.234,5", "12,5"); an empty cell leaves the value as it is.
Year, source and date (Stand) are given once for the file.

``parse`` reads and checks everything first and returns the rows for the preview; ``apply``
writes them in one transaction. Any error and nothing is written; each error names the row
(line 1 is the heading row) and the column, in German.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from knowledge.admin_import import read_dataset
from knowledge.models import Kommune
from verteilung.models import Indikator, Kennzahl

MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = ("csv", "xlsx")
KOMMUNE_COLUMNS = ("kommune", "gemeinde", "name")
AGS_COLUMNS = ("ags", "amtlicher gemeindeschlüssel", "gemeindeschlüssel", "gemeindeschluessel")
GERMAN_NUMBER = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


class ImportFehler(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Vorschau:
    jahr: int
    quelle: str
    stand: datetime.date
    indikatoren: list[Indikator]
    # (Kommune, values aligned with indikatoren, None where the cell was empty)
    zeilen: list[tuple[Kommune, list[Decimal | None]]] = field(default_factory=list)

    @property
    def anzahl(self) -> int:
        return sum(1 for _k, werte in self.zeilen for w in werte if w is not None)

    def as_data(self) -> dict:
        """JSON for the session between preview and confirmation."""
        return {
            "jahr": self.jahr,
            "quelle": self.quelle,
            "stand": self.stand.isoformat(),
            "indikatoren": [i.pk for i in self.indikatoren],
            "zeilen": [
                [k.pk, [None if w is None else str(w) for w in werte]] for k, werte in self.zeilen
            ],
        }

    @classmethod
    def from_data(cls, data: dict) -> Vorschau:
        indikatoren = Indikator.objects.in_bulk(data["indikatoren"])
        kommunen = Kommune.objects.in_bulk([k for k, _w in data["zeilen"]])
        return cls(
            jahr=data["jahr"],
            quelle=data["quelle"],
            stand=datetime.date.fromisoformat(data["stand"]),
            indikatoren=[indikatoren[i] for i in data["indikatoren"]],
            zeilen=[
                (kommunen[k], [None if w is None else Decimal(w) for w in werte])
                for k, werte in data["zeilen"]
            ],
        )


def parse_number(value: object) -> Decimal | None:
    """A German number ("1.234,5") or a spreadsheet's number; None for an empty cell; raises
    ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).replace("\u00a0", "").replace(" ", "").strip()
        if not text:
            return None
        if not GERMAN_NUMBER.match(text):
            raise ValueError(text)
        try:
            number = Decimal(text.replace(".", "").replace(",", "."))
        except InvalidOperation as error:
            raise ValueError(text) from error
    if number < 0 or not number.is_finite():
        raise ValueError(str(value))
    return number.quantize(Decimal("0.01"))


def _key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def parse(
    data: bytes, file_format: str, *, jahr: int, quelle: str, stand: datetime.date
) -> Vorschau:
    """Read and check the file; raises ImportFehler with every problem found."""
    try:
        dataset = read_dataset(data, file_format)
    except ValueError as error:
        raise ImportFehler([str(error)]) from error
    headers = [str(h or "").strip() for h in dataset.headers or []]
    indikatoren = {}
    for indikator in Indikator.objects.all():
        indikatoren[_key(indikator.name)] = indikator
        indikatoren[_key(indikator.slug)] = indikator
    kommune_col = ags_col = None
    columns: list[tuple[int, Indikator]] = []
    problems: list[str] = []
    for index, header in enumerate(headers):
        key = _key(header)
        if key in KOMMUNE_COLUMNS and kommune_col is None:
            kommune_col = index
        elif key in AGS_COLUMNS and ags_col is None:
            ags_col = index
        elif key in indikatoren:
            if any(ind == indikatoren[key] for _i, ind in columns):
                problems.append(f"Zeile 1: Der Indikator „{header}“ steht zweimal in der Datei.")
            columns.append((index, indikatoren[key]))
        elif key:
            known = ", ".join(f"„{i.name}“" for i in Indikator.objects.all())
            problems.append(
                f"Zeile 1, Spalte „{header}“: Diese Spalte ist kein bekannter Indikator "
                f"(bekannt sind {known}; „Kommune“ oder „AGS“ benennt die Kommune)."
            )
    if kommune_col is None and ags_col is None:
        problems.append("Zeile 1: Es fehlt die Spalte „Kommune“ oder „AGS“.")
    if not columns:
        problems.append("Zeile 1: Die Datei enthält keine Spalte mit einem Indikator.")
    if problems:
        raise ImportFehler(problems)
    if not len(dataset):
        raise ImportFehler(["Die Datei enthält keine Zeilen mit Werten."])

    by_ags = {k.ags: k for k in Kommune.objects.all()}
    by_name = {_key(k.name): k for k in by_ags.values()} | {
        _key(k.slug): k for k in by_ags.values()
    }
    seen: dict[int, int] = {}
    vorschau = Vorschau(jahr=jahr, quelle=quelle, stand=stand, indikatoren=[i for _c, i in columns])
    for line, row in enumerate(dataset, start=2):
        if not any(str(cell or "").strip() for cell in row):
            continue
        kommune = None
        if ags_col is not None and str(row[ags_col] or "").strip():
            ags = str(row[ags_col]).strip().zfill(8)
            kommune = by_ags.get(ags)
            if kommune is None:
                problems.append(
                    f"Zeile {line}, Spalte „{headers[ags_col]}“: Es gibt keine Kommune mit dem "
                    f"Gemeindeschlüssel „{row[ags_col]}“."
                )
                continue
        elif kommune_col is not None:
            kommune = by_name.get(_key(row[kommune_col]))
            if kommune is None:
                problems.append(
                    f"Zeile {line}, Spalte „{headers[kommune_col]}“: Die Kommune "
                    f"„{row[kommune_col]}“ gibt es im Kreis nicht."
                )
                continue
        else:
            problems.append(f"Zeile {line}: Die Kommune ist nicht angegeben.")
            continue
        if kommune.pk in seen:
            problems.append(
                f"Zeile {line}: {kommune.name} steht schon in Zeile {seen[kommune.pk]}."
            )
            continue
        seen[kommune.pk] = line
        werte: list[Decimal | None] = []
        for index, _indikator in columns:
            cell = row[index] if index < len(row) else None
            try:
                werte.append(parse_number(cell))
            except ValueError:
                werte.append(None)
                problems.append(
                    f"Zeile {line}, Spalte „{headers[index]}“: „{cell}“ ist keine gültige "
                    "Zahl (erwartet z. B. 1.234 oder 1.234,5, nicht negativ)."
                )
        vorschau.zeilen.append((kommune, werte))
    if problems:
        raise ImportFehler(problems)
    if not vorschau.anzahl:
        raise ImportFehler(["Die Datei enthält keine Werte."])
    return vorschau


def apply(vorschau: Vorschau, *, by) -> int:
    """Write the previewed values (create or replace); all or nothing. Returns the count."""
    count = 0
    with transaction.atomic():
        for kommune, werte in vorschau.zeilen:
            for indikator, wert in zip(vorschau.indikatoren, werte, strict=True):
                if wert is None:
                    continue
                Kennzahl.objects.update_or_create(
                    indikator=indikator,
                    kommune=kommune,
                    jahr=vorschau.jahr,
                    defaults={
                        "wert": wert,
                        "quelle": vorschau.quelle,
                        "stand": vorschau.stand,
                        "geaendert_von": by if getattr(by, "pk", None) else None,
                    },
                )
                count += 1
    return count
