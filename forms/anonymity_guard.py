"""The anonymity guard: free text of a Meldebogen must not contain personal data of clients.

Every free-text field is run through ``forms.anonymity.find_personal_data``. A finding blocks
the step (or the API request) until the reporter either removes the text or confirms, finding by
finding, that it is not personal data; one tick never covers several findings. Findings that are
always personal (phone numbers, e-mail addresses, IBANs, tax, social-security, ID and case
numbers, full birth dates: ``Finding.always_personal``) cannot be confirmed at all, they must be
removed. Confirmed findings are stored as ``ConfirmedFinding`` (field, kind, the span, who
confirmed) for the KIM-Koordination to review. A confirmation covers only the findings that were
shown to the reporter: text added afterwards is checked again.
"""

from collections.abc import Iterable, Mapping

from django import forms
from django.core.exceptions import ValidationError

from forms.anonymity import Finding, find_personal_data
from forms.models import ConfirmedFinding, Meldebogen

CONFIRM_SUFFIX = "__bestaetigt"
SHOWN_SUFFIX = "__geprueft"
CONFIRM_LABEL = "Ich habe geprüft: das ist keine personenbezogene Angabe."
REMOVE_NOTE = "Diese Angabe ist immer personenbezogen. Bitte entfernen Sie sie aus dem Text."
CONTEXT_CHARS = 40

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
    return [
        f
        for f in find_personal_data(text or "")
        if f.always_personal or (f.kind, f.text) not in done
    ]


def describe_findings(findings: Iterable[Finding]) -> str:
    """German list of findings: "Name einer Person: „Ahmed“; Telefonnummer: „0171 …“"."""
    return "; ".join(f"{finding.label}: „{finding.text}“" for finding in findings)


def findings_message(findings: list[Finding]) -> str:
    """German error for the findings still open: what must go, what may be confirmed."""
    remove = [f for f in findings if f.always_personal]
    check = [f for f in findings if not f.always_personal]
    parts = []
    if remove:
        parts.append(
            f"Bitte entfernen Sie {describe_findings(remove)} – "
            f"{'diese Angabe ist' if len(remove) == 1 else 'diese Angaben sind'} "
            "immer personenbezogen."
        )
    if check:
        parts.append(
            f"Möglicherweise personenbezogene Daten gefunden – {describe_findings(check)}. "
            "Bitte entfernen Sie diese Angaben oder bestätigen Sie jeden Fund einzeln, wenn er "
            "keine personenbezogene Angabe ist."
        )
    return " ".join(parts)


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

    The template renders, for each field in ``form.findings``, one fieldset per finding with the
    quoted span, a hidden input per shown finding (``<field>__geprueft``) and, unless the finding
    is always personal, a checkbox ``<field>__bestaetigt`` whose value is the finding's key.
    """

    guarded_fields: tuple[str, ...] = ()

    def __init__(self, *args, confirmed: Confirmed | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirmed = confirmed or {}
        self.check_anonymity = True
        self.findings: dict[str, list[Finding]] = {}
        self.checked_texts: dict[str, str] = {}
        self.confirmations: list[tuple[str, Finding]] = []

    def confirm_name(self, field: str) -> str:
        return self.add_prefix(field + CONFIRM_SUFFIX)

    def shown_name(self, field: str) -> str:
        return self.add_prefix(field + SHOWN_SUFFIX)

    def confirmed_keys(self, field: str) -> set[str]:
        """Keys of the findings in ``field`` the reporter ticked (and was shown)."""
        if not self.is_bound:
            return set()
        ticked = set(self.data.getlist(self.confirm_name(field)))
        shown = set(self.data.getlist(self.shown_name(field)))
        return ticked & shown

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
            self.checked_texts[field] = text
            ticked = self.confirmed_keys(field)
            still_open = [f for f in findings if f.always_personal or finding_key(f) not in ticked]
            if not still_open:
                self.confirmations.extend((field, f) for f in findings)
                continue
            self.add_error(field, ValidationError(findings_message(still_open), "personal_data"))
        return cleaned_data

    def guard_context(self) -> list[dict]:
        """What the template needs to show per guarded field with findings: one fieldset per
        finding with the quoted span in its context, and a checkbox unless it must go."""
        checks = []
        for name in self.guarded_fields:
            if name not in self.findings:
                continue
            text = self.checked_texts.get(name, "")
            ticked = self.confirmed_keys(name)
            items = []
            for number, finding in enumerate(self.findings[name], start=1):
                key = finding_key(finding)
                before = text[max(0, finding.start - CONTEXT_CHARS) : finding.start]
                after = text[finding.end : finding.end + CONTEXT_CHARS]
                items.append(
                    {
                        "finding": finding,
                        "key": key,
                        "id": f"{self[name].auto_id}_fund{number}",
                        "before": ("…" if finding.start > CONTEXT_CHARS else "") + before,
                        "after": after + ("…" if finding.end + CONTEXT_CHARS < len(text) else ""),
                        "always_personal": finding.always_personal,
                        "checked": key in ticked and not finding.always_personal,
                    }
                )
            checks.append(
                {
                    "field": self[name],
                    "findings": self.findings[name],
                    "items": items,
                    "confirm_name": self.confirm_name(name),
                    "shown_name": self.shown_name(name),
                }
            )
        return checks
