"""Import the Kommunen of the Kreis from a CSV/XLSX file (name and AGS, optionally the short
name and the own offices), or the list the project ships for the Märkischer Kreis.

A real installation needs its Kommunen before anyone can file a Meldebogen or record a
Kooperationsvereinbarung; ``manage.py import_kommunen`` and ``setup_portal --kommunen`` use this
module, the admin's import (Stammdaten → Kommunen → Importieren) the same resource. The file is
checked completely first: a file with one bad row changes nothing.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from knowledge.admin_import import error_messages, missing_columns, read_dataset
from knowledge.resources import KommuneResource

SHIPPED_LISTS = {
    "maerkischer-kreis": Path(__file__).resolve().parent
    / "data"
    / "kommunen_maerkischer_kreis.csv",
}

# Short headings a hand-made file may use, mapped to the resource's German column names.
HEADER_ALIASES = {
    "name": "Name",
    "kommune": "Name",
    "ags": "Amtlicher Gemeindeschlüssel",
    "gemeindeschlüssel": "Amtlicher Gemeindeschlüssel",
    "gemeindeschluessel": "Amtlicher Gemeindeschlüssel",
    "amtlicher gemeindeschlüssel": "Amtlicher Gemeindeschlüssel",
    "slug": "Kurzname (URL)",
    "kurzname": "Kurzname (URL)",
}


class KommunenImportError(Exception):
    """The file cannot be imported; ``messages`` says why, in German, per row."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class KommunenImportResult:
    created: int
    updated: int
    unchanged: int


def resolve_source(source: str) -> Path:
    """A shipped list's name ("maerkischer-kreis") or a file path."""
    return SHIPPED_LISTS.get(source.strip().lower(), Path(source))


def import_kommunen(path: Path) -> KommunenImportResult:
    """Create or update Kommunen (matched by AGS) from ``path``; all rows or none."""
    if not path.is_file():
        names = ", ".join(f"„{name}“" for name in SHIPPED_LISTS)
        raise KommunenImportError(
            [f"Die Datei „{path}“ gibt es nicht. Mitgeliefert ist die Liste {names}."]
        )
    file_format = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    try:
        dataset = read_dataset(path.read_bytes(), file_format)
    except ValueError as error:
        raise KommunenImportError([str(error)]) from error
    dataset.headers = [
        HEADER_ALIASES.get(str(header or "").strip().lower(), str(header or "").strip())
        for header in dataset.headers or []
    ]
    resource = KommuneResource()
    missing = missing_columns(resource, dataset)
    if "Name" not in (dataset.headers or []):
        missing.insert(0, "Name")
    if missing:
        raise KommunenImportError(
            [
                "In der Datei fehlen die Spalten "
                + ", ".join(f"„{column}“" for column in missing)
                + " (erste Zeile: Überschriften, z. B. „Name;AGS“)."
            ]
        )
    if not len(dataset):
        raise KommunenImportError(["Die Datei enthält keine Kommunen."])
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=True, raise_errors=False)
        problems = error_messages(result, resource)
        if problems:
            raise KommunenImportError(problems)
        result = resource.import_data(dataset, dry_run=False, raise_errors=False)
        problems = error_messages(result, resource)
        if problems:
            transaction.set_rollback(True)
            raise KommunenImportError(problems)
    totals = result.totals
    return KommunenImportResult(
        created=totals.get("new", 0),
        updated=totals.get("update", 0),
        unchanged=totals.get("skip", 0),
    )
