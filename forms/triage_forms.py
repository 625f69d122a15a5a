"""Forms of the triage (coordination) and of the reporter's answer to a question."""

from django import forms

from forms.anonymity_guard import AnonymityGuardMixin
from forms.models import Status
from forms.workflow import Transition, label
from forms.worklist import BULK_ACTIONS

REQUIRED = "Bitte füllen Sie dieses Feld aus."


def _required(field: forms.Field, message: str = REQUIRED) -> forms.Field:
    field.error_messages["required"] = message
    return field


class StatusForm(forms.Form):
    """Change the status of one report: the allowed transitions, a comment, the version seen."""

    neuer_status = forms.ChoiceField(label="Neuer Status", widget=forms.RadioSelect)
    kommentar = forms.CharField(
        label="Kommentar oder Begründung",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Bei „Zurückgestellt“, „Nicht weiterverfolgt“ und beim Wiederaufnehmen "
        "Pflicht. Nur für die KIM-Koordination sichtbar.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, transitions: list[Transition], **kwargs):
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
        return cleaned


class NotizForm(forms.Form):
    text = _required(
        forms.CharField(
            label="Neue interne Notiz",
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
            help_text="Nur die KIM-Koordination sieht Notizen; die meldende Person nie.",
        )
    )


class RueckfrageForm(forms.Form):
    question = _required(
        forms.CharField(
            label="Rückfrage an die meldende Person",
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
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
            widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
            help_text="Bitte beschreiben Sie die Situation, nicht die Person: keine Namen, "
            "Geburtsdaten, Aktenzeichen oder Adressen.",
        )
    )


class FilterSpeichernForm(forms.Form):
    name = _required(
        forms.CharField(label="Name des Filters", max_length=80),
        "Bitte geben Sie dem Filter einen Namen.",
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)


class BulkForm(forms.Form):
    aktion = forms.ChoiceField(
        label="Aktion für die ausgewählten Meldebögen",
        choices=[(a.name, a.label) for a in BULK_ACTIONS],
    )
    begruendung = forms.CharField(
        label="Begründung",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Pflicht bei „Zurückstellen“ und „Nicht weiterverfolgen“.",
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
        return cleaned
