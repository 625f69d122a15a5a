"""The buttons "Entwurf speichern" and "Zurück" on every step of the wizard: what was typed is
kept, files uploaded on the step are kept, and what cannot be kept is explained in German
(issue 16)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forms.models import Anhang, Meldebogen
from forms.steps import VorschlagForm

from .conftest import post_step, start_draft, step_data, step_url

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"
SAVE_DRAFT = "save"
BACK = "back"
PREVIOUS_STEP = {
    "situation": "wer",
    "huerde": "situation",
    "vorschlag": "huerde",
    "pruefen": "vorschlag",
}
STEPS_WITH_ANSWERS = ("wer", "situation", "huerde", "vorschlag")


def saved_answers(draft: Meldebogen, step: str) -> dict:
    """The draft's stored answers of one step, in the shape of conftest.step_data."""
    draft = Meldebogen.objects.get(pk=draft.pk)
    if step == "wer":
        return {
            "organisation_name": draft.organisation_name,
            "rolle": draft.rolle,
            "kommunen": [str(pk) for pk in draft.kommunen.values_list("pk", flat=True)],
        }
    if step == "situation":
        return {
            "thema": str(draft.thema_id),
            "zielgruppen": draft.zielgruppen,
            "rechtskreise": draft.rechtskreise,
            "situation": draft.situation,
        }
    if step == "huerde":
        return {
            "huerden": draft.huerden,
            "beteiligte_stellen": draft.beteiligte_stellen,
            "versucht": draft.versucht,
            "haeufigkeit": draft.haeufigkeit,
        }
    return {"vorschlag": draft.vorschlag, "fallrekonstruktion": str(draft.fallrekonstruktion)}


CASES = [(step, SAVE_DRAFT) for step in STEPS_WITH_ANSWERS] + [
    (step, BACK) for step in STEPS_WITH_ANSWERS if step in PREVIOUS_STEP
]


def action_fields(step: str, action: str) -> dict:
    if action == SAVE_DRAFT:
        return {"entwurf_speichern": "1"}
    return {"wizard_goto_step": PREVIOUS_STEP[step]}


def expected_location(draft: Meldebogen, step: str, action: str) -> str:
    if action == SAVE_DRAFT:
        return reverse("forms:list")
    return step_url(draft, PREVIOUS_STEP[step])


@pytest.mark.parametrize(("step", "action"), CASES)
def test_save_draft_and_back_keep_the_answers_of_every_step(
    client, reporter, kommunen, thema, step, action
):
    client.force_login(reporter)
    draft = start_draft(client)
    draft.kommunen.clear()  # start empty, so the step's own answers are what is checked
    data = step_data(kommunen, thema)[step]
    response = post_step(client, draft, step, data, **action_fields(step, action))
    assert response.status_code == 302
    assert response["Location"] == expected_location(draft, step, action)
    assert saved_answers(draft, step) == data
    # The step shown again is filled from the draft.
    html = client.get(step_url(draft, step)).content.decode()
    for value in data.values():
        if isinstance(value, str) and len(value) > 8:
            assert value in html


@pytest.mark.parametrize("action", [SAVE_DRAFT, BACK])
def test_attachment_uploaded_on_save_draft_or_back_is_kept(
    client, reporter, kommunen, thema, action
):
    client.force_login(reporter)
    draft = start_draft(client)
    data = dict(
        step_data(kommunen, thema)["vorschlag"],
        anhaenge=[SimpleUploadedFile("bericht.pdf", PDF)],
    )
    response = post_step(client, draft, "vorschlag", data, **action_fields("vorschlag", action))
    assert response.status_code == 302
    assert response["Location"] == expected_location(draft, "vorschlag", action)
    draft.refresh_from_db()
    assert draft.vorschlag == "Eine gemeinsame Warteliste."
    anhang = Anhang.objects.get(meldebogen=draft)
    assert anhang.original_name == "bericht.pdf"
    html = client.get(step_url(draft, "vorschlag")).content.decode()
    assert "bericht.pdf" in html  # listed under "Vorhandene Anhänge entfernen"


@pytest.mark.parametrize("action", [SAVE_DRAFT, BACK])
def test_refused_attachment_on_save_draft_or_back_is_explained(
    client, reporter, kommunen, thema, action
):
    """A file that cannot be kept stops on the step with the reason; the text is saved."""
    client.force_login(reporter)
    draft = start_draft(client)
    data = dict(
        step_data(kommunen, thema)["vorschlag"],
        anhaenge=[SimpleUploadedFile("tool.exe", b"MZ")],
    )
    response = post_step(client, draft, "vorschlag", data, **action_fields("vorschlag", action))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schritt 4 von 5" in html
    assert "„tool.exe“ hat einen nicht erlaubten Dateityp" in html
    assert "nicht gespeichert" in html
    assert "Eine gemeinsame Warteliste." in html
    draft.refresh_from_db()
    assert draft.vorschlag == "Eine gemeinsame Warteliste."
    assert draft.fallrekonstruktion is True
    assert not Anhang.objects.exists()


def test_attachment_removal_on_save_draft_is_kept(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    vorschlag = step_data(kommunen, thema)["vorschlag"]
    post_step(
        client, draft, "vorschlag", dict(vorschlag, anhaenge=[SimpleUploadedFile("a.pdf", PDF)])
    )
    anhang = Anhang.objects.get()
    data = dict(vorschlag, vorschlag="Geändert.", anhaenge_entfernen=[str(anhang.pk)])
    response = post_step(client, draft, "vorschlag", data, entwurf_speichern="1")
    assert response.status_code == 302
    assert not Anhang.objects.exists()
    draft.refresh_from_db()
    assert draft.vorschlag == "Geändert."


def test_save_partial_writes_fields_of_the_meldebogen_only(reporter):
    """The step's form has fields that are no field of the Meldebogen (files, removals);
    a partial save writes the Meldebogen's own fields and leaves files to their own code."""
    draft = Meldebogen.objects.create(owner=reporter)
    form = VorschlagForm(
        {"vorschlag-vorschlag": "Mehr Kursplätze.", "vorschlag-fallrekonstruktion": "False"},
        {"vorschlag-anhaenge": [SimpleUploadedFile("bericht.pdf", PDF)]},
        instance=draft,
        prefix="vorschlag",
        partial=True,
    )
    form.save_partial()
    draft = Meldebogen.objects.get(pk=draft.pk)
    assert draft.vorschlag == "Mehr Kursplätze."
    assert draft.fallrekonstruktion is False
    assert [a.original_name for a in draft.anhaenge.all()] == ["bericht.pdf"]
