"""Forms of the Verteilungsschlüssel (German number input: "0,25", "1.234,5")."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from knowledge.models import Kommune
from portal.uploads import allowed_label, validate_upload
from search.registry import reindex
from spaces.models import Beschluss
from verteilung import importing
from verteilung.models import (
    Annahme,
    Gewichtung,
    Indikator,
    Verteilungsschluessel,
    beschluss_gremium_arten,
)

ANNAHMEN = 3


class ZahlField(forms.DecimalField):
    """A number in German notation ("1.234,5", "0,25", "-10"), shown with a decimal comma."""

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value).strip()
        sign = 1
        if text[:1] in ("-", "−", "+"):
            sign = 1 if text[0] == "+" else -1
            text = text[1:]
        try:
            number = importing.parse_number(text)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        return None if number is None else sign * number


def _decimal(label: str, **kwargs) -> ZahlField:
    return ZahlField(label=label, **kwargs)


class SchluesselForm(forms.ModelForm):
    """The key's numbers, one weight per indicator and up to three scenario assumptions."""

    class Meta:
        model = Verteilungsschluessel
        fields = ["titel", "datenjahr", "gesamt_vzae", "schritt", "mindest_vzae", "erlaeuterung"]
        widgets = {
            "erlaeuterung": forms.Textarea(attrs={"rows": 3}),
            "datenjahr": forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
        }
        field_classes = {"gesamt_vzae": ZahlField, "schritt": ZahlField, "mindest_vzae": ZahlField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.indikatoren = list(Indikator.objects.all())
        kommunen = Kommune.objects.order_by("name")
        current = {}
        annahmen: list[Annahme] = []
        if self.instance.pk:
            current = {g.indikator_id: g.gewicht for g in self.instance.gewichtungen.all()}
            annahmen = list(self.instance.annahmen.all())
        for indikator in self.indikatoren:
            self.fields[f"gewicht_{indikator.pk}"] = _decimal(
                f"Gewicht „{indikator.name}“ (%)",
                min_value=0,
                max_digits=5,
                decimal_places=2,
                initial=current.get(indikator.pk, Decimal(0)),
            )
        for n in range(ANNAHMEN):
            annahme = annahmen[n] if n < len(annahmen) else None
            self.fields[f"annahme_{n}_indikator"] = forms.ModelChoiceField(
                label=f"Annahme {n + 1}: Indikator",
                queryset=Indikator.objects.all(),
                required=False,
                empty_label="– keine Annahme –",
                initial=annahme.indikator_id if annahme else None,
            )
            self.fields[f"annahme_{n}_kommune"] = forms.ModelChoiceField(
                label=f"Annahme {n + 1}: Kommune",
                queryset=kommunen,
                required=False,
                empty_label="alle Kommunen",
                initial=annahme.kommune_id if annahme else None,
            )
            self.fields[f"annahme_{n}_prozent"] = _decimal(
                f"Annahme {n + 1}: Änderung (%)",
                required=False,
                max_digits=6,
                decimal_places=2,
                min_value=-100,
                help_text="z. B. 20 für +20 % oder -10 für −10 %",
                initial=annahme.prozent if annahme else None,
            )

    @property
    def gewicht_fields(self):
        return [self[f"gewicht_{i.pk}"] for i in self.indikatoren]

    @property
    def annahme_rows(self):
        return [
            (n + 1, [self[f"annahme_{n}_{part}"] for part in ("indikator", "kommune", "prozent")])
            for n in range(ANNAHMEN)
        ]

    @property
    def main_fields(self):
        return [self[name] for name in self.Meta.fields]

    def clean(self) -> dict:
        data = super().clean()
        weights = [data.get(f"gewicht_{i.pk}") or 0 for i in self.indikatoren]
        if not any(weights):
            raise ValidationError("Mindestens ein Indikator braucht ein Gewicht größer als 0.")
        for n in range(ANNAHMEN):
            indikator = data.get(f"annahme_{n}_indikator")
            prozent = data.get(f"annahme_{n}_prozent")
            if indikator and prozent is None:
                self.add_error(f"annahme_{n}_prozent", "Bitte geben Sie die Änderung in % an.")
            if prozent is not None and not indikator:
                self.add_error(f"annahme_{n}_indikator", "Bitte wählen Sie den Indikator.")
        return data

    def save(self, commit: bool = True) -> Verteilungsschluessel:
        schluessel = super().save(commit=True)
        schluessel.gewichtungen.all().delete()
        Gewichtung.objects.bulk_create(
            Gewichtung(
                schluessel=schluessel, indikator=i, gewicht=self.cleaned_data[f"gewicht_{i.pk}"]
            )
            for i in self.indikatoren
            if self.cleaned_data[f"gewicht_{i.pk}"]
        )
        schluessel.annahmen.all().delete()
        for n in range(ANNAHMEN):
            indikator = self.cleaned_data.get(f"annahme_{n}_indikator")
            if indikator:
                Annahme.objects.create(
                    schluessel=schluessel,
                    indikator=indikator,
                    kommune=self.cleaned_data.get(f"annahme_{n}_kommune"),
                    prozent=self.cleaned_data[f"annahme_{n}_prozent"],
                )
        reindex(schluessel)  # the entry lists the weights
        return schluessel


class BeschlussForm(forms.Form):
    beschluss = forms.ModelChoiceField(
        label="Beschluss der Lenkungsgruppe",
        queryset=Beschluss.objects.none(),
        empty_label="– bitte wählen –",
    )
    in_kraft_seit = forms.DateField(
        label="in Kraft ab",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beschluss"].queryset = (
            Beschluss.objects.filter(gremium__kind__in=beschluss_gremium_arten())
            .exclude(status=Beschluss.Status.AUFGEHOBEN)
            .select_related("gremium")
            .order_by("-decided_on", "-pk")
        )
        self.fields["beschluss"].label_from_instance = lambda b: (
            f"{b.number} vom {b.decided_on:%d.%m.%Y}: {b.title}"
        )


def _jahre() -> list[tuple[int, str]]:
    this = timezone.localdate().year
    return [(y, str(y)) for y in range(this, this - 8, -1)]


class ErfassenForm(forms.Form):
    """Values of one indicator and year for every Kommune."""

    quelle = forms.CharField(
        label="Quelle", max_length=200, help_text="z. B. IT.NRW, Ausländerzentralregister"
    )
    stand = forms.DateField(
        label="Stand", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, kommunen, werte: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.kommunen = kommunen
        for kommune in kommunen:
            self.fields[f"wert_{kommune.pk}"] = _decimal(
                kommune.name,
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                initial=werte.get(kommune.pk),
            )

    @property
    def wert_fields(self):
        return [self[f"wert_{k.pk}"] for k in self.kommunen]


class ImportForm(forms.Form):
    datei = forms.FileField(
        label="Datei (CSV oder XLSX)",
        help_text="Erste Zeile: Überschriften „Kommune“ oder „AGS“ und je Indikator sein Name, "
        "z. B. „Kommune;Zuzüge aus dem Ausland;Asylerstanträge“. Zahlen wie 1.234 oder 1.234,5.",
    )
    jahr = forms.TypedChoiceField(label="Jahr der Werte", coerce=int, choices=_jahre)
    quelle = forms.CharField(label="Quelle", max_length=200, help_text="z. B. IT.NRW")
    stand = forms.DateField(
        label="Stand", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_datei(self):
        datei = self.cleaned_data["datei"]
        validate_upload(datei, importing.EXTENSIONS, importing.MAX_BYTES)
        return datei

    def clean_stand(self) -> datetime.date:
        stand = self.cleaned_data["stand"]
        if stand > timezone.localdate():
            raise ValidationError("Der Stand darf nicht in der Zukunft liegen.")
        return stand


IMPORT_LABEL = allowed_label(importing.EXTENSIONS)
