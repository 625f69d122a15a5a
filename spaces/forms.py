"""Front-end forms of the spaces: Aufgaben on the minutes page, attendance, documents.

Every message is German; a form with errors is shown again with what was entered.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from portal.uploads import validate_upload
from spaces.capabilities import SEE_ALL_SPACES
from spaces.models import Anwesenheit, Aufgabe, Mitgliedschaft, Sitz, Sitzung, Tagesordnungspunkt
from spaces.richtext import sanitize

DATE_ERROR = "Bitte geben Sie das Datum als TT.MM.JJJJ an, z. B. 31.12.2026."


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


def assignable_users(sitzung: Sitzung):
    """Who can take on a task: the Gremium's current members and everyone who works in every
    space (``SEE_ALL_SPACES``, held by the KIM-Koordination)."""
    members = Mitgliedschaft.objects.active().filter(sitz__gremium_id=sitzung.gremium_id)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=members.values("user_id")) | Q(pk__in=SEE_ALL_SPACES.holders()))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class AufgabeForm(forms.ModelForm):
    """Who does what until when, for one agenda item of the Sitzung (or the whole Sitzung)."""

    assignee = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        label="zuständig",
        empty_label="– bitte wählen –",
        error_messages={
            "required": "Bitte wählen Sie aus, wer die Aufgabe übernimmt.",
            "invalid_choice": "Diese Person kann die Aufgabe nicht übernehmen; bitte wählen "
            "Sie ein Mitglied des Gremiums oder die KIM-Koordination.",
        },
    )

    class Meta:
        model = Aufgabe
        fields = ["tagesordnungspunkt", "assignee", "text", "due_on"]
        labels = {"tagesordnungspunkt": "zu Tagesordnungspunkt", "text": "Aufgabe", "due_on": "bis"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "text": {"required": "Bitte beschreiben Sie die Aufgabe."},
            "due_on": {"invalid": DATE_ERROR},
            "tagesordnungspunkt": {
                "invalid_choice": "Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung."
            },
        }

    def __init__(self, *args, sitzung: Sitzung, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sitzung = sitzung
        top = self.fields["tagesordnungspunkt"]
        top.queryset = sitzung.tagesordnung.order_by("sort_order", "pk")
        top.empty_label = "– die Sitzung insgesamt –"
        top.required = False
        self.fields["assignee"].queryset = assignable_users(sitzung)
        self.fields["due_on"].required = False
        self.fields["due_on"].input_formats = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]

    def clean_due_on(self) -> datetime.date | None:
        due_on = self.cleaned_data.get("due_on")
        # The Sitzung's day in the portal's time zone (starts_at is stored in UTC).
        if due_on and due_on < timezone.localdate(self.sitzung.starts_at):
            raise forms.ValidationError(
                "Die Frist liegt vor der Sitzung; bitte wählen Sie ein späteres Datum."
            )
        return due_on


ATTENDANCE_CHOICES = [("", "– nicht erfasst –"), *Anwesenheit.Status.choices]


class SitzAnwesenheitForm(forms.Form):
    """One seat's line of the attendance list."""

    status = forms.ChoiceField(choices=ATTENDANCE_CHOICES, required=False, label="Anwesenheit")
    vertreten_durch = forms.CharField(
        required=False, max_length=200, label="vertreten durch (Name oder Sitz)"
    )

    def __init__(self, *args, sitz: Sitz, holder: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sitz = sitz
        self.holder = holder
        who = f"{sitz.label}" + (f" ({holder})" if holder else "")
        self.fields["status"].label = f"Anwesenheit: {who}"
        self.fields["vertreten_durch"].label = f"vertreten durch (für {sitz.label})"

    def clean(self) -> dict:
        data = super().clean()
        status = data.get("status")
        stand_in = (data.get("vertreten_durch") or "").strip()
        if status == Anwesenheit.Status.VERTRETEN and not stand_in:
            self.add_error(
                "vertreten_durch",
                "Bitte geben Sie an, wer den Sitz vertreten hat (Name oder Sitz).",
            )
        if stand_in and status != Anwesenheit.Status.VERTRETEN:
            self.add_error(
                "vertreten_durch",
                "Eine Vertretung gibt es nur bei „vertreten“. Wählen Sie „vertreten“ oder "
                "leeren Sie das Feld.",
            )
        data["vertreten_durch"] = stand_in
        return data


class GaesteForm(forms.Form):
    gaeste = forms.CharField(
        required=False,
        label="Gäste",
        help_text="Eine Person je Zeile, gern mit Organisation, z. B. „Maria Muster, Jobcenter“.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_gaeste(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["gaeste"].splitlines()]
        names = [name for name in names if name]
        too_long = [name for name in names if len(name) > 200]
        if too_long:
            raise forms.ValidationError(
                f"Eine Zeile ist länger als 200 Zeichen; bitte kürzen Sie: „{too_long[0][:40]}…“"
            )
        return names


class KommentarForm(forms.Form):
    text = forms.CharField(
        label="Kommentar",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Bitte schreiben Sie einen Kommentar, bevor Sie ihn senden."},
    )


class DokumentForm(forms.Form):
    title = forms.CharField(
        label="Titel",
        max_length=255,
        error_messages={"required": "Bitte geben Sie dem Dokument einen Titel."},
    )
    file = forms.FileField(
        label="Datei",
        help_text="Erlaubt: "
        + ", ".join(ext.upper() for ext in settings.WAGTAILDOCS_EXTENSIONS)
        + f"; höchstens {settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // (1024 * 1024)} MB.",
        error_messages={
            "required": "Bitte wählen Sie eine Datei aus.",
            "empty": "Die Datei ist leer.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(
            upload, settings.WAGTAILDOCS_EXTENSIONS, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        )
        return upload


class BerichtigungForm(forms.Form):
    """A correction of one Protokollpunkt or Beschluss of approved minutes."""

    new_title = forms.CharField(
        label="Berichtigter Betreff",
        max_length=300,
        required=False,
        help_text="Leer lassen, wenn der Betreff bleibt.",
    )
    new_text = forms.CharField(
        label="Berichtigter Text",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Bitte tragen Sie den berichtigten Text ein."},
    )
    reason = forms.CharField(
        label="Begründung",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Was war falsch, und wer hat darauf hingewiesen?",
        error_messages={"required": "Bitte begründen Sie die Berichtigung."},
    )

    def __init__(self, *args, is_beschluss: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_beschluss:
            # A Protokollpunkt's discussion is rich text (spaces.richtext).
            del self.fields["new_title"]
            self.fields["new_text"].widget = richtext_widget(10)
            self.fields["new_text"].help_text = RICHTEXT_HELP

    def clean_new_text(self) -> str:
        text = self.cleaned_data["new_text"]
        if "new_title" in self.fields:
            return text
        text = sanitize(text)
        if not text:
            raise forms.ValidationError("Bitte tragen Sie den berichtigten Text ein.")
        return text


# --- the minutes editor (spaces/views_editor.py) -------------------------------------------


RICHTEXT_HELP = (
    "Fett, kursiv, Listen und Links über die Werkzeugleiste oder mit Strg+B / Strg+I. "
    # Hidden by richtext-editor.js once the editor is there: only the plain textarea needs it.
    "<span data-richtext-fallback-help>Ohne JavaScript: Absätze durch eine Leerzeile trennen; "
    "erlaubt sind &lt;b&gt;, &lt;i&gt;, &lt;ul&gt;/&lt;ol&gt; mit &lt;li&gt; und "
    "&lt;a href=&quot;…&quot;&gt;.</span>"
)


def richtext_widget(rows: int) -> forms.Textarea:
    """A textarea that static/spaces/richtext-editor.js turns into a small rich-text editor."""
    return forms.Textarea(attrs={"rows": rows, "data-richtext": "1"})


class DiscussionForm(forms.Form):
    discussion = forms.CharField(
        required=False,
        label="Beratung und Ergebnis",
        widget=richtext_widget(6),
        help_text=RICHTEXT_HELP,
    )

    def clean_discussion(self) -> str:
        return sanitize(self.cleaned_data["discussion"])


VOTE_ERROR = "Bitte geben Sie eine ganze Zahl ab 0 an."


class BeschlussEditForm(forms.Form):
    """A Beschluss with its wording and vote, as written into the minutes."""

    title = forms.CharField(label="Betreff", max_length=300, required=False)
    text = forms.CharField(
        label="Beschlusstext", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    vote_yes = forms.IntegerField(
        label="Ja", min_value=0, required=False, error_messages={"invalid": VOTE_ERROR}
    )
    vote_no = forms.IntegerField(
        label="Nein", min_value=0, required=False, error_messages={"invalid": VOTE_ERROR}
    )
    vote_abstain = forms.IntegerField(
        label="Enthaltungen", min_value=0, required=False, error_messages={"invalid": VOTE_ERROR}
    )
    shared_with_all = forms.BooleanField(label="für alle Akteure freigeben", required=False)

    def __init__(self, *args, new: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.new = new
        for name in ("vote_yes", "vote_no", "vote_abstain"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "class": "vote"})

    @property
    def filled(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool((data.get("title") or "").strip() or (data.get("text") or "").strip())

    def clean(self) -> dict:
        data = super().clean()
        title, text = (data.get("title") or "").strip(), (data.get("text") or "").strip()
        if self.new and not title and not text:
            return data  # the empty slot for a new Beschluss
        if not title:
            self.add_error("title", "Bitte geben Sie den Betreff des Beschlusses an.")
        if not text:
            self.add_error("text", "Bitte geben Sie den Wortlaut des Beschlusses an.")
        return data


class NeueAufgabeForm(forms.Form):
    """An Aufgabe under one TOP, written into the minutes editor (all empty: none)."""

    text = forms.CharField(
        label="Neue Aufgabe", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assignee = forms.TypedChoiceField(
        label="zuständig",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": "Diese Person kann die Aufgabe nicht übernehmen; bitte wählen "
            "Sie ein Mitglied des Gremiums oder die KIM-Koordination.",
        },
    )
    due_on = forms.DateField(
        label="bis",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"],
        error_messages={"invalid": DATE_ERROR},
    )

    def __init__(self, *args, sitzung: Sitzung, assignees: list, **kwargs) -> None:
        """``assignees``: the users of ``assignable_users(sitzung)``, read once per page."""
        super().__init__(*args, **kwargs)
        self.sitzung = sitzung
        self.fields["assignee"].choices = [("", "– bitte wählen –")] + [
            (user.pk, user.get_full_name() or user.get_username()) for user in assignees
        ]

    @property
    def filled(self) -> bool:
        return bool((getattr(self, "cleaned_data", {}).get("text") or "").strip())

    def clean(self) -> dict:
        data = super().clean()
        text = (data.get("text") or "").strip()
        if text and not data.get("assignee"):
            self.add_error("assignee", "Bitte wählen Sie aus, wer die Aufgabe übernimmt.")
        if not text and (data.get("assignee") or data.get("due_on")):
            self.add_error("text", "Bitte beschreiben Sie die Aufgabe.")
        due_on = data.get("due_on")
        if due_on and due_on < timezone.localdate(self.sitzung.starts_at):
            self.add_error(
                "due_on", "Die Frist liegt vor der Sitzung; bitte wählen Sie ein späteres Datum."
            )
        return data


# --- moving and cancelling a Sitzung (spaces/views_sitzung.py) ----------------------------


class SitzungVerlegenForm(forms.Form):
    """New date, time and place of a Sitzung; the calendar update follows the save."""

    past_message = "Eine Sitzung wird nicht in die Vergangenheit verlegt."

    datum = forms.DateField(
        label="Datum",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Bitte geben Sie das Datum an.",
            "invalid": "Bitte geben Sie ein gültiges Datum an.",
        },
    )
    beginn = forms.TimeField(
        label="Beginn (Uhrzeit)",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Bitte geben Sie die Uhrzeit des Beginns an.",
            "invalid": "Bitte geben Sie eine Uhrzeit wie 10:00 an.",
        },
    )
    ende = forms.TimeField(
        label="Ende (Uhrzeit)",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Bitte geben Sie eine Uhrzeit wie 12:00 an."},
    )
    ort = forms.CharField(label="Ort", max_length=300, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        datum, beginn, ende = cleaned.get("datum"), cleaned.get("beginn"), cleaned.get("ende")
        if datum and beginn:
            starts_at = timezone.make_aware(datetime.datetime.combine(datum, beginn))
            if starts_at < timezone.now():
                self.add_error("datum", self.past_message)
            cleaned["starts_at"] = starts_at
            cleaned["ends_at"] = None
            if ende:
                if ende <= beginn:
                    self.add_error("ende", "Das Ende muss nach dem Beginn liegen.")
                else:
                    cleaned["ends_at"] = timezone.make_aware(datetime.datetime.combine(datum, ende))
        return cleaned


class SitzungWiederAnsetzenForm(SitzungVerlegenForm):
    """Date, time and place of a cancelled Sitzung that takes place after all."""

    past_message = "Eine Sitzung wird nicht in der Vergangenheit wieder angesetzt."
    hinweis = forms.CharField(
        label="Hinweis an die Mitglieder (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Steht im Verlauf der Sitzung und, falls eingeladen war, in der E-Mail.",
    )


class SitzungAbsagenForm(forms.Form):
    begruendung = forms.CharField(
        label="Begründung der Absage",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Steht in der Absage an die Mitglieder und im Verlauf der Sitzung.",
        error_messages={"required": "Bitte begründen Sie die Absage."},
    )


class SitzungAngabenForm(forms.ModelForm):
    """Title and video link of an upcoming Sitzung (the Tagesordnung page)."""

    video_url = forms.URLField(
        label="Link zur Videokonferenz",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="Vollständige Adresse, z. B. https://…; leer lassen, wenn es keine gibt.",
        error_messages={"invalid": "Bitte geben Sie eine vollständige Adresse wie https://… an."},
    )

    class Meta:
        model = Sitzung
        fields = ["title", "video_url"]
        labels = {"title": "Titel der Sitzung"}
        help_texts = {"title": "z. B. „12. Sitzung“"}
        error_messages = {"title": {"required": "Bitte geben Sie den Titel der Sitzung an."}}


class TopForm(forms.ModelForm):
    class Meta:
        model = Tagesordnungspunkt
        fields = ["title", "description", "presenter"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": "Bitte geben Sie das Thema des TOP an."}}


class BaseTopFormSet(forms.BaseInlineFormSet):
    """The TOPs with a unique accessible name per field ("Thema (TOP 2)", "Thema (neuer TOP)"),
    a position ("Reihenfolge") and "streichen"."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        existing = index is not None and index < self.initial_form_count()
        where = f"TOP {index + 1}" if existing else "neuer TOP"
        if not existing and index is not None and self.extra > 1:
            where = f"neuer TOP {index - self.initial_form_count() + 1}"
        for name, field in form.fields.items():
            if name == "ORDER":
                field.label = f"Position ({where})"
                field.help_text = "Die TOPs werden nach dieser Zahl geordnet."
                field.widget.attrs["min"] = 1
            elif name == "DELETE":
                field.label = f"{where} streichen"
            else:
                field.label = f"{field.label} ({where})"


TopFormSet = forms.inlineformset_factory(
    Sitzung,
    Tagesordnungspunkt,
    form=TopForm,
    formset=BaseTopFormSet,
    extra=1,
    can_delete=True,
    can_order=True,
)
