"""The five steps of the Meldebogen wizard. Each step is a ModelForm on the draft and is
validated on its own; free-text fields are checked by the anonymity guard."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from forms.anonymity_guard import AnonymityGuardMixin
from forms.attachments import ACCEPT_ATTRIBUTE, max_attachments, validate_attachment
from forms.models import (
    Anhang,
    Haeufigkeit,
    Huerde,
    Meldebogen,
    Rechtskreis,
    Thema,
    Zielgruppe,
)
from forms.widgets import CheckboxSelectMultiple, RadioSelect, Select, Textarea, TextInput
from knowledge.models import Kommune

REQUIRED_MESSAGE = "Bitte füllen Sie dieses Feld aus."
CHOOSE_MESSAGE = "Bitte wählen Sie mindestens einen Eintrag aus."
TEXTAREA = {"rows": 6, "cols": 60}


class StepForm(AnonymityGuardMixin, forms.ModelForm):
    """Base of every step: German messages, and a partial mode for "Entwurf speichern"."""

    title: str = ""

    def __init__(self, *args, partial: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.partial = partial
        default_required = forms.Field.default_error_messages["required"]
        for field in self.fields.values():
            if field.error_messages.get("required") == default_required:
                field.error_messages["required"] = REQUIRED_MESSAGE
            if partial:
                # A draft may be incomplete and may still contain unconfirmed findings.
                field.required = False
        if partial:
            self.check_anonymity = False

    def update_instance(self) -> None:
        """Adjust the draft after its fields were copied from the form, before it is saved."""

    def save_related(self) -> None:
        """Save what belongs to the draft but is no field of it (the attachments)."""

    def save(self, commit: bool = True) -> Meldebogen:
        self.update_instance()
        instance = super().save(commit)
        if commit:
            self.save_related()
        return instance

    def _save_m2m(self) -> None:
        """ModelForm's, except that a many-to-many list the user did not change is not written:
        its initial value was read from the draft when the form was built, and ModelForm would
        read the stored ids again and open a transaction to change nothing."""
        changed = self.changed_data
        unchanged = {
            f.name
            for f in self.instance._meta.many_to_many
            if f.name in self.fields and f.name in self.cleaned_data and f.name not in changed
        }
        kept = {name: self.cleaned_data.pop(name) for name in unchanged}
        try:
            super()._save_m2m()
        finally:
            self.cleaned_data.update(kept)

    def save_partial(self) -> Meldebogen:
        """Save what is valid on its own (for "Entwurf speichern" and "Zurück").

        Validation (ModelForm's ``_post_clean``) has already copied every valid field of the
        Meldebogen that the step names in ``Meta.fields`` onto the draft, and only those:
        fields of the form that are no field of the Meldebogen (uploaded files) are left to
        ``save_related``. Fields with errors keep their stored value; the view shows their
        errors.
        """
        self.is_valid()
        # A value refused by the model's own validation was copied before it was checked.
        refused = [f.name for f in Meldebogen._meta.concrete_fields if f.name in self.errors]
        if refused and self.instance.pk:
            self.instance.refresh_from_db(fields=refused)
        self.update_instance()
        self.instance.save()
        self._save_m2m()  # the valid many-to-many fields of Meta.fields, as ModelForm.save does
        self.save_related()
        return self.instance


class WerMeldetForm(StepForm):
    title = "Wer meldet"

    kommunen = forms.ModelMultipleChoiceField(
        label="Betroffene Kommune(n)",
        queryset=Kommune.objects.order_by("name").only("pk", "name"),
        widget=CheckboxSelectMultiple,
        help_text="In welcher Kommune oder welchen Kommunen tritt die Hürde auf?",
        error_messages={"required": CHOOSE_MESSAGE},
    )

    class Meta:
        model = Meldebogen
        fields = ["organisation_name", "rolle", "kommunen"]
        labels = {
            "organisation_name": "Meldende Organisation",
            "rolle": "Ihre Funktion",
        }
        help_texts = {
            "organisation_name": "Aus Ihrem Benutzerprofil vorausgefüllt.",
            "rolle": "Zum Beispiel „KIM-Case Management“ oder „Migrationsberatung“.",
        }
        widgets = {
            "organisation_name": TextInput(attrs={"autocomplete": "organization"}),
            "rolle": TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.partial:
            self.fields["organisation_name"].required = True
            self.fields["rolle"].required = True

    def update_instance(self) -> None:
        # The directory link holds only while the name is the directory's name.
        organisation = self.instance.organisation
        if organisation is not None and organisation.name != self.instance.organisation_name:
            self.instance.organisation = None


class SituationForm(StepForm):
    title = "Situation"
    guarded_fields = ("situation",)

    thema = forms.ModelChoiceField(
        label="Thema",
        queryset=Thema.objects.none(),
        empty_label="Bitte wählen",
        widget=Select,
        help_text="Das Handlungsfeld, dem die Hürde am ehesten zugehört.",
    )
    zielgruppen = forms.MultipleChoiceField(
        label="Zielgruppe(n)",
        choices=Zielgruppe.choices,
        widget=CheckboxSelectMultiple,
        error_messages={"required": CHOOSE_MESSAGE},
    )
    rechtskreise = forms.MultipleChoiceField(
        label="Beteiligte Rechtskreise",
        choices=Rechtskreis.choices,
        widget=CheckboxSelectMultiple,
        error_messages={"required": CHOOSE_MESSAGE},
    )

    class Meta:
        model = Meldebogen
        fields = ["thema", "zielgruppen", "rechtskreise", "situation"]
        labels = {"situation": "Beschreibung der Situation"}
        help_texts = {
            "situation": (
                "Beschreiben Sie die Situation, nicht die Person: keine Namen, Geburtsdaten, "
                "Anschriften, Telefonnummern oder Aktenzeichen."
            )
        }
        widgets = {"situation": Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.thema_id
        self.fields["thema"].queryset = Thema.objects.filter(Q(active=True) | Q(pk=current))
        if not self.partial:
            self.fields["situation"].required = True


class HuerdeForm(StepForm):
    title = "Hürde"
    guarded_fields = ("beteiligte_stellen", "versucht")

    huerden = forms.MultipleChoiceField(
        label="Art der Hürde",
        choices=Huerde.choices,
        widget=CheckboxSelectMultiple,
        help_text="Mehrfachauswahl möglich.",
        error_messages={"required": CHOOSE_MESSAGE},
    )
    haeufigkeit = forms.ChoiceField(
        label="Wie oft kommt das vor?",
        choices=Haeufigkeit.choices,
        widget=RadioSelect,
        error_messages={"required": "Bitte wählen Sie aus, wie oft das vorkommt."},
    )

    class Meta:
        model = Meldebogen
        fields = ["huerden", "beteiligte_stellen", "versucht", "haeufigkeit"]
        labels = {
            "beteiligte_stellen": "Beteiligte Stellen und Organisationen",
            "versucht": "Was wurde bereits versucht?",
        }
        help_texts = {
            "beteiligte_stellen": "Ämter, Behörden und Träger – bitte keine Namen von Personen.",
        }
        widgets = {
            "beteiligte_stellen": Textarea(attrs={"rows": 3, "cols": 60}),
            "versucht": Textarea(attrs=TEXTAREA),
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class VorschlagForm(StepForm):
    title = "Vorschlag und Einverständnis"
    guarded_fields = ("vorschlag",)

    fallrekonstruktion = forms.TypedChoiceField(
        label="Sind Sie bereit, an einer Fallrekonstruktion mitzuwirken?",
        choices=[("True", "Ja"), ("False", "Nein")],
        coerce=lambda value: value == "True",
        widget=RadioSelect,
        help_text=(
            "Bei einer Fallrekonstruktion bespricht die KIM-Koordination den Fall anonym mit den "
            "beteiligten Stellen."
        ),
        error_messages={"required": "Bitte wählen Sie „Ja“ oder „Nein“."},
    )
    anhaenge = MultipleFileField(
        label="Anhänge (optional)",
        required=False,
        help_text=(
            "PDF, PNG, JPEG, DOCX, ODT oder XLSX. Anhänge dürfen keine personenbezogenen Daten "
            "enthalten: Bitte schwärzen Sie Namen, Anschriften und Aktenzeichen vorher."
        ),
    )
    anhaenge_entfernen = forms.ModelMultipleChoiceField(
        label="Vorhandene Anhänge entfernen",
        queryset=Anhang.objects.none(),
        widget=CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meldebogen
        fields = ["vorschlag", "fallrekonstruktion"]
        labels = {"vorschlag": "Ihr Vorschlag zur Lösung (optional)"}
        widgets = {"vorschlag": Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        existing = list(self.instance.anhaenge.all()) if self.instance.pk else []
        self.existing_count = len(existing)
        if existing:
            self.fields["anhaenge_entfernen"].queryset = self.instance.anhaenge.all()
        else:
            del self.fields["anhaenge_entfernen"]
        if not self.partial:
            self.fields["fallrekonstruktion"].required = True
        else:
            self.fields["fallrekonstruktion"].empty_value = None

    def clean_anhaenge(self):
        uploads = self.cleaned_data.get("anhaenge") or []
        errors = []
        self.content_types = {}
        for upload in uploads:
            try:
                self.content_types[id(upload)] = validate_attachment(upload)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return uploads

    def clean(self):
        cleaned_data = super().clean()
        uploads = cleaned_data.get("anhaenge") or []
        removed = cleaned_data.get("anhaenge_entfernen") or []
        kept = self.existing_count - len(removed)
        if uploads and kept + len(uploads) > max_attachments():
            self.add_error(
                "anhaenge",
                f"Ein Meldebogen kann höchstens {max_attachments()} Anhänge haben.",
            )
        return cleaned_data

    def save_related(self) -> None:
        """Remove and add attachments, unless the files or the removals have errors (then a
        partial save keeps the stored attachments and the view shows why)."""
        if "anhaenge" in self.errors or "anhaenge_entfernen" in self.errors:
            return
        for anhang in self.cleaned_data.get("anhaenge_entfernen") or []:
            anhang.delete_file()
            anhang.delete()
        for upload in self.cleaned_data.get("anhaenge") or []:
            Anhang.objects.create(
                meldebogen=self.instance,
                file=upload,
                original_name=upload.name[:200],
                content_type=self.content_types[id(upload)],
                size=upload.size,
            )


class PruefenForm(StepForm):
    """The last step shows the whole report; submitting it submits the report."""

    title = "Prüfen und absenden"

    class Meta:
        model = Meldebogen
        fields: list[str] = []


STEPS: list[tuple[str, type[StepForm]]] = [
    ("wer", WerMeldetForm),
    ("situation", SituationForm),
    ("huerde", HuerdeForm),
    ("vorschlag", VorschlagForm),
    ("pruefen", PruefenForm),
]
STEP_FORMS: dict[str, type[StepForm]] = dict(STEPS)
STEP_TITLES: dict[str, str] = {name: form.title for name, form in STEPS}

# Which model fields each step must have filled before the report can be submitted.
REQUIRED_BY_STEP: dict[str, tuple[str, ...]] = {
    "wer": ("organisation_name", "rolle", "kommunen"),
    "situation": ("thema", "zielgruppen", "rechtskreise", "situation"),
    "huerde": ("huerden", "haeufigkeit"),
    "vorschlag": ("fallrekonstruktion",),
}
