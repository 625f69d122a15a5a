"""Form errors reach screen readers (WCAG 1.3.1, 3.3.1): a field with an error is described by
the element that holds the message, every ARIA and label reference names an element on the page,
and the error summary links to the fields. Covers the shared field template (accounts/_field.html)
on the login and password pages and with the spaces' forms (Aufgabe, upload, attendance)."""

import pytest
from django import forms
from django.template.loader import render_to_string

from spaces.forms import AufgabeForm, DokumentForm, GaesteForm, SitzAnwesenheitForm
from spaces.models import Sitz
from tests.html_references import dangling_references, description, parse
from tests.spaces.conftest import make_gremium, sitzung

REQUIRED = "Dieses Feld muss ausgefüllt werden."


def render_form(form) -> str:
    return render_to_string("accounts/_form_errors.html", {"form": form}) + "".join(
        render_to_string("accounts/_field.html", {"field": field}) for field in form
    )


def test_login_errors_are_the_fields_description(client, db):
    response = client.post("/konto/anmelden/", {"username": "", "password": ""})
    html = response.content.decode()

    assert dangling_references(html) == []
    assert REQUIRED in description(html, "username")
    assert REQUIRED in description(html, "password")
    assert 'href="#id_username"' in html  # the summary links to the field


def test_password_reset_error_is_the_fields_description(client, db):
    response = client.post("/konto/passwort-vergessen/", {"email": "keine-adresse"})
    html = response.content.decode()

    assert dangling_references(html) == []
    assert "gültige E-Mail-Adresse" in description(html, "email")


def test_password_change_keeps_help_and_error_in_the_description(client, koordination):
    client.force_login(koordination)
    response = client.post(
        "/konto/passwort-aendern/",
        {"old_password": "falsch", "new_password1": "kurz", "new_password2": "kurz"},
    )
    html = response.content.decode()

    assert dangling_references(html) == []
    assert "Das alte Passwort war falsch." in description(html, "old_password")
    assert "zu kurz" in description(html, "new_password2")


@pytest.fixture
def gremium_sitzung(db):
    gremium = make_gremium()
    return gremium, sitzung(gremium)


def test_aufgabe_form_errors_are_described(gremium_sitzung):
    _gremium, meeting = gremium_sitzung
    form = AufgabeForm(data={"text": "", "assignee": "", "due_on": "gestern"}, sitzung=meeting)
    html = render_form(form)

    assert dangling_references(html) == []
    assert "Bitte beschreiben Sie die Aufgabe." in description(html, "text")
    assert "Bitte wählen Sie aus, wer" in description(html, "assignee")
    assert "TT.MM.JJJJ" in description(html, "due_on")


def test_upload_form_errors_are_described_with_the_help_text(db):
    html = render_form(DokumentForm(data={"title": ""}, files={}))

    assert dangling_references(html) == []
    assert "Bitte geben Sie dem Dokument einen Titel." in description(html, "title")
    file_description = description(html, "file")
    assert "Erlaubt: PDF" in file_description  # the help text ...
    assert "Bitte wählen Sie eine Datei aus." in file_description  # ... and the error


def test_attendance_form_errors_are_described(gremium_sitzung):
    gremium, _meeting = gremium_sitzung
    sitz = Sitz.objects.create(gremium=gremium, role=Sitz.Role.MITGLIED, label="Jobcenter")
    row = SitzAnwesenheitForm(
        data={"sitz-1-status": "vertreten", "sitz-1-vertreten_durch": ""},
        sitz=sitz,
        holder="",
        prefix="sitz-1",
    )
    guests = GaesteForm(data={"gaeste": "x" * 201})
    html = render_form(row) + render_form(guests)

    assert dangling_references(html) == []
    assert "wer den Sitz vertreten hat" in description(html, "sitz-1-vertreten_durch")
    assert "länger als 200 Zeichen" in description(html, "gaeste")


def test_a_radio_group_is_described_on_its_fieldset(db):
    class Choice(forms.Form):
        art = forms.ChoiceField(
            label="Art", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
        )

    html = render_form(Choice(data={}))

    assert dangling_references(html) == []
    page = parse(html)
    (fieldset,) = [e for e in page.elements if e["<tag>"] == "fieldset"]
    assert REQUIRED in page.text_by_id[fieldset["aria-describedby"]]
    assert 'href="#id_art_0"' in html  # the summary links to the first option
