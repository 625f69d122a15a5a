"""The dashboard's filter: a period (and the two dimensions of the cross table)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from reporting.statistics import MAX_MONTHS, Period, add_months

CROSSTAB_CHOICES = (
    ("kommune", "Kommune"),
    ("thema", "Thema"),
    ("zielgruppe", "Zielgruppe"),
    ("huerde", "Art der Hürde"),
    ("rechtskreis", "Rechtskreis"),
    ("monat", "Monat"),
)
EXPORT_DIMENSION_CHOICES = CROSSTAB_CHOICES
DEFAULT_EXPORT_DIMENSIONS = ("kommune", "thema", "zielgruppe")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ZeitraumForm(forms.Form):
    """A period of whole days; empty fields mean the last twelve months."""

    von = forms.DateField(
        label="von",
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        error_messages={"invalid": "Bitte ein Datum angeben, z. B. 01.01.2026."},
    )
    bis = forms.DateField(
        label="bis",
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        error_messages={"invalid": "Bitte ein Datum angeben, z. B. 31.12.2026."},
    )

    def clean(self):
        data = super().clean()
        default = Period.default()
        start = data.get("von") or default.start
        end = data.get("bis") or (
            min(add_months(start, 12) - datetime.timedelta(days=1), timezone.localdate())
            if data.get("von")
            else default.end
        )
        if self.errors:
            return data
        if end < start:
            raise forms.ValidationError(
                "Das Ende des Zeitraums liegt vor seinem Anfang. Bitte tauschen Sie die Daten."
            )
        if len(Period(start, end).months()) > MAX_MONTHS:
            raise forms.ValidationError(
                f"Bitte wählen Sie einen Zeitraum von höchstens {MAX_MONTHS // 12} Jahren."
            )
        data["period"] = Period(start, end)
        return data

    def period(self) -> Period:
        """The chosen period, or the default when the input is invalid."""
        if self.is_valid():
            return self.cleaned_data["period"]
        return Period.default()


class KreuztabelleForm(forms.Form):
    zeilen = forms.ChoiceField(
        label="Zeilen", choices=CROSSTAB_CHOICES, required=False, initial="kommune"
    )
    spalten = forms.ChoiceField(
        label="Spalten", choices=CROSSTAB_CHOICES, required=False, initial="thema"
    )

    def clean(self):
        data = super().clean()
        data["zeilen"] = data.get("zeilen") or "kommune"
        data["spalten"] = data.get("spalten") or "thema"
        if data["zeilen"] == data["spalten"]:
            raise forms.ValidationError(
                "Bitte wählen Sie für Zeilen und Spalten zwei verschiedene Merkmale."
            )
        return data

    def dimensions(self) -> tuple[str, str]:
        if self.is_valid():
            return self.cleaned_data["zeilen"], self.cleaned_data["spalten"]
        return "kommune", "thema"


def export_dimensions(raw: list[str]) -> tuple[str, ...] | None:
    """The dimensions of the aggregated export (one to three, no repeats), or None if invalid."""
    allowed = {key for key, _label in EXPORT_DIMENSION_CHOICES}
    keys = tuple(dict.fromkeys(k for k in raw if k))
    if not keys:
        return DEFAULT_EXPORT_DIMENSIONS
    if len(keys) > 3 or any(k not in allowed for k in keys):
        return None
    return keys
