"""Forms of the triage (coordination) and of the reporter's answer to a question."""

from django import forms

from forms.anonymity_guard import AnonymityGuardMixin
from forms.models import CLOSED_STATUSES, Meldebogen, Status
from forms.widgets import HiddenInput, RadioSelect, Select, Textarea, TextInput
from forms.workflow import REPORTER_REASON_REQUIRED, Transition, label
from forms.worklist import BULK_ACTIONS

REQUIRED = "Bitte füllen Sie dieses Feld aus."


def _required(field: forms.Field, message: str = REQUIRED) -> forms.Field:
    field.error_messages["required"] = message
    return field


class StatusForm(forms.Form):
    """Change the status of one report: the allowed transitions, a comment, the version seen."""

    neuer_status = forms.ChoiceField(label="Neuer Status", widget=RadioSelect)
    kommentar = forms.CharField(
        label="Kommentar oder Begründung",
        required=False,
        max_length=2000,
        widget=Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Bei „Zurückgestellt“, „Nicht weiterverfolgt“ und beim Wiederaufnehmen "
        "Pflicht. Nur für die KIM-Koordination sichtbar.",
    )
    begruendung_meldende = forms.CharField(
        label="Begründung für die meldende Person",
        required=False,
        max_length=2000,
        widget=Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Bei „Abgeschlossen“, „Nicht weiterverfolgt“ (Pflicht) und „Dublette“: "
        "Die meldende Person liest diesen Text bei ihrem Meldebogen. Keine internen "
        "Details, keine Namen.",
    )
    dublette_von = forms.CharField(
        label="Dublette von (Meldebogen-Nummer)",
        required=False,
        max_length=20,
        help_text="Nur bei „Als Dublette markieren“: die Nummer des Meldebogens, der denselben "
        "Fall beschreibt, z. B. MB-2026-0007.",
    )
    version = forms.IntegerField(widget=HiddenInput, min_value=0)

    def __init__(self, *args, transitions: list[Transition], meldebogen=None, **kwargs):
        self.meldebogen = meldebogen
        super().__init__(*args, **kwargs)
        _required(self.fields["neuer_status"], "Bitte wählen Sie den neuen Status.")
        # Any triage status passes the form: the state machine decides against the report's
        # current status and says why in German (e.g. when someone else changed it meanwhile).
        self.fields["neuer_status"].valid_value = lambda value: (
            value in Status.values and value != Status.ENTWURF
        )
        self.offer(transitions)

    def offer(self, transitions: list[Transition]) -> None:
        """The transitions shown as choices."""
        self.transitions = {t.target: t for t in transitions}
        self.fields["neuer_status"].choices = [
            (t.target, f"{t.action} (→ {label(t.target)})") for t in transitions
        ]

    def clean(self):
        cleaned = super().clean()
        transition = self.transitions.get(cleaned.get("neuer_status"))
        if transition and transition.reason_required and not cleaned.get("kommentar", "").strip():
            self.add_error(
                "kommentar",
                f"Für „{label(transition.target)}“ ist eine Begründung nötig.",
            )
        target = cleaned.get("neuer_status")
        reporter_reason = cleaned.get("begruendung_meldende", "").strip()
        if target in REPORTER_REASON_REQUIRED and not reporter_reason:
            self.add_error(
                "begruendung_meldende",
                f"Für „{label(target)}“ braucht die meldende Person eine Begründung.",
            )
        if reporter_reason and target and target not in CLOSED_STATUSES:
            self.add_error(
                "begruendung_meldende",
                "Eine Begründung für die meldende Person gibt es nur beim Abschließen, bei "
                "„Nicht weiterverfolgt“ und bei einer Dublette. Bitte leeren Sie das Feld.",
            )
        cleaned["duplicate_of"] = None
        reference = cleaned.get("dublette_von", "").strip().upper()
        if target == Status.DUBLETTE:
            if not reference:
                self.add_error(
                    "dublette_von",
                    "Bitte geben Sie die Nummer des Meldebogens an, der denselben Fall beschreibt.",
                )
            else:
                original = Meldebogen.objects.submitted().filter(reference=reference).first()
                if original is None:
                    self.add_error(
                        "dublette_von",
                        f"Einen eingereichten Meldebogen {reference} gibt es nicht.",
                    )
                elif self.meldebogen is not None and original.pk == self.meldebogen.pk:
                    self.add_error(
                        "dublette_von", "Ein Meldebogen kann keine Dublette von sich selbst sein."
                    )
                cleaned["duplicate_of"] = original
        elif reference:
            self.add_error(
                "dublette_von",
                "Die Nummer gilt nur für „Als Dublette markieren“. Bitte leeren Sie das Feld.",
            )
        return cleaned


class NotizForm(forms.Form):
    text = _required(
        forms.CharField(
            label="Neue interne Notiz",
            max_length=5000,
            widget=Textarea(attrs={"rows": 3, "cols": 60}),
            help_text="Nur die KIM-Koordination sieht Notizen; die meldende Person nie.",
        )
    )


class RueckfrageForm(forms.Form):
    question = _required(
        forms.CharField(
            label="Rückfrage an die meldende Person",
            max_length=2000,
            widget=Textarea(attrs={"rows": 3, "cols": 60}),
            help_text="Die meldende Person sieht die Frage bei ihrem Meldebogen (ohne Ihren "
            "Namen) und erhält eine E-Mail ohne den Text der Frage.",
        )
    )


class AntwortForm(AnonymityGuardMixin, forms.Form):
    """The reporter's answer; free text, so it passes the anonymity guard like the report."""

    guarded_fields = ("answer",)

    answer = _required(
        forms.CharField(
            label="Ihre Antwort",
            max_length=5000,
            widget=Textarea(attrs={"rows": 4, "cols": 60}),
            help_text="Bitte beschreiben Sie die Situation, nicht die Person: keine Namen, "
            "Geburtsdaten, Aktenzeichen oder Adressen.",
        )
    )


class FilterSpeichernForm(forms.Form):
    name = _required(
        forms.CharField(label="Name des Filters", max_length=80, widget=TextInput),
        "Bitte geben Sie dem Filter einen Namen.",
    )
    query = forms.CharField(widget=HiddenInput, required=False, max_length=1000)


class BulkForm(forms.Form):
    aktion = forms.ChoiceField(
        label="Aktion für die ausgewählten Meldebögen",
        choices=[(a.name, a.label) for a in BULK_ACTIONS],
        widget=Select,
    )
    begruendung = forms.CharField(
        label="Begründung",
        required=False,
        max_length=2000,
        widget=Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Pflicht bei „Zurückstellen“ und „Nicht weiterverfolgen“. Nur für die "
        "KIM-Koordination sichtbar.",
    )
    begruendung_meldende = forms.CharField(
        label="Begründung für die meldenden Personen",
        required=False,
        max_length=2000,
        widget=Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Pflicht bei „Nicht weiterverfolgen“: Jede meldende Person liest diesen Text "
        "bei ihrem Meldebogen.",
    )
    auswahl = forms.MultipleChoiceField(required=False)  # validated by parse_selection

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _required(self.fields["aktion"], "Bitte wählen Sie eine Aktion.")
        # Any "pk:version" pair is acceptable here; run_bulk_action checks each report.
        self.fields["auswahl"].valid_value = lambda value: True

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("auswahl"):
            raise forms.ValidationError("Bitte wählen Sie mindestens einen Meldebogen aus.")
        action = next((a for a in BULK_ACTIONS if a.name == cleaned.get("aktion")), None)
        if action and action.reason_required and not cleaned.get("begruendung", "").strip():
            self.add_error("begruendung", f"Für „{action.label}“ ist eine Begründung nötig.")
        reporter_reason = cleaned.get("begruendung_meldende", "").strip()
        if action and action.target in REPORTER_REASON_REQUIRED and not reporter_reason:
            self.add_error(
                "begruendung_meldende",
                f"Für „{action.label}“ brauchen die meldenden Personen eine Begründung.",
            )
        if action and reporter_reason and action.target not in CLOSED_STATUSES:
            self.add_error(
                "begruendung_meldende",
                f"Bei „{action.label}“ gibt es keine Begründung für die meldenden Personen. "
                "Bitte leeren Sie das Feld.",
            )
        return cleaned
