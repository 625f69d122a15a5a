"""The anonymity guard: free text of a Meldebogen must not contain personal data of clients.

Every free-text field is run through ``forms.anonymity.find_personal_data``. A finding blocks
the step (or the API request) until the reporter either removes the text or confirms that it is
not personal data; confirmed findings are stored as ``ConfirmedFinding`` for the KIM-Koordination
to review. A confirmation covers only the findings that were shown to the reporter: text added
afterwards is checked again.
"""

from collections.abc import Iterable, Mapping

from django import forms
from django.core.exceptions import ValidationError

from forms.anonymity import Finding, find_personal_data
from forms.models import ConfirmedFinding, Meldebogen

CONFIRM_SUFFIX = "__bestaetigt"
SHOWN_SUFFIX = "__geprueft"
CONFIRM_LABEL = "Ich habe geprüft: das sind keine personenbezogenen Daten."

Confirmed = Mapping[str, set[tuple[str, str]]]


def finding_key(finding: Finding) -> str:
    return f"{finding.kind}:{finding.text}"


def confirmed_for(meldebogen: Meldebogen | None) -> dict[str, set[tuple[str, str]]]:
    """Field name -> {(kind, text)} already confirmed for this report."""
    confirmed: dict[str, set[tuple[str, str]]] = {}
    if meldebogen is None or meldebogen.pk is None:
        return confirmed
    for field, kind, text in meldebogen.confirmed_findings.values_list("field", "kind", "text"):
        confirmed.setdefault(field, set()).add((kind, text))
    return confirmed


def open_findings(text: str, already_confirmed: Iterable[tuple[str, str]] = ()) -> list[Finding]:
    """Findings in ``text`` that were not confirmed before."""
    done = set(already_confirmed)
    return [f for f in find_personal_data(text or "") if (f.kind, f.text) not in done]


def describe_findings(findings: Iterable[Finding]) -> str:
    """German list of findings: "Name einer Person: „Ahmed“; Telefonnummer: „0171 …“"."""
    return "; ".join(f"{finding.label}: „{finding.text}“" for finding in findings)


def findings_message(findings: list[Finding]) -> str:
    return (
        "Möglicherweise personenbezogene Daten gefunden – "
        f"{describe_findings(findings)}. Bitte entfernen Sie diese Angaben oder bestätigen Sie, "
        "dass es keine personenbezogenen Daten sind."
    )


def record_confirmations(meldebogen: Meldebogen, confirmations, user) -> None:
    """Store confirmed findings, ``confirmations`` being (field, Finding) pairs."""
    for field, finding in confirmations:
        ConfirmedFinding.objects.get_or_create(
            meldebogen=meldebogen,
            field=field,
            kind=finding.kind,
            text=finding.text[:300],
            defaults={"confirmed_by": user},
        )


class AnonymityGuardMixin(forms.BaseForm):
    """Form mixin: block free-text fields with unconfirmed findings (see module docstring).

    The template renders, for each field in ``form.findings``, the findings, a hidden input per
    shown finding (``<field>__geprueft``) and the checkbox ``<field>__bestaetigt``.
    """

    guarded_fields: tuple[str, ...] = ()

    def __init__(self, *args, confirmed: Confirmed | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirmed = confirmed or {}
        self.check_anonymity = True
        self.findings: dict[str, list[Finding]] = {}
        self.confirmations: list[tuple[str, Finding]] = []

    def confirm_name(self, field: str) -> str:
        return self.add_prefix(field + CONFIRM_SUFFIX)

    def shown_name(self, field: str) -> str:
        return self.add_prefix(field + SHOWN_SUFFIX)

    def is_confirmed(self, field: str) -> bool:
        return self.is_bound and self.data.get(self.confirm_name(field)) in {"1", "on", "true"}

    def clean(self):
        cleaned_data = super().clean()
        if not self.check_anonymity:
            return cleaned_data
        for field in self.guarded_fields:
            text = cleaned_data.get(field)
            if not text:
                continue
            findings = open_findings(text, self.confirmed.get(field, ()))
            if not findings:
                continue
            self.findings[field] = findings
            shown = set(self.data.getlist(self.shown_name(field)))
            if self.is_confirmed(field) and all(finding_key(f) in shown for f in findings):
                self.confirmations.extend((field, f) for f in findings)
                continue
            self.add_error(field, ValidationError(findings_message(findings), "personal_data"))
        return cleaned_data

    def guard_context(self) -> list[dict]:
        """What the template needs to show per guarded field with findings."""
        return [
            {
                "field": self[name],
                "findings": self.findings[name],
                "keys": [finding_key(f) for f in self.findings[name]],
                "confirm_name": self.confirm_name(name),
                "shown_name": self.shown_name(name),
                "confirmed": self.is_confirmed(name),
            }
            for name in self.guarded_fields
            if name in self.findings
        ]
