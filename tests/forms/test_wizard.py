"""The Meldebogen wizard: steps, validation, drafts, submission."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from forms.anonymity import KIND_LABELS
from forms.models import Meldebogen, Status

from .conftest import (
    CLEAN_SITUATION,
    fill_all_steps,
    post_step,
    start_draft,
    step_data,
    step_url,
)


def test_start_prefills_from_profile(client, reporter, kommunen):
    client.force_login(reporter)
    draft = start_draft(client)
    assert draft.owner == reporter
    assert draft.status == Status.ENTWURF
    assert draft.organisation_name == "Migrationsberatung Caritas"
    assert draft.rolle == "KIM-Case Management Werdohl"
    assert list(draft.kommunen.all()) == [kommunen[0]]
    assert draft.draft_expires_at is not None
    response = client.get(step_url(draft, "wer"))
    html = response.content.decode()
    assert "Schritt 1 von 5" in html
    assert 'autocomplete="organization"' in html
    assert 'autocomplete="organization-title"' in html
    assert "<legend>Betroffene Kommune(n)" in html


def test_live_hint_gets_the_finding_labels_from_the_page(client, reporter, kommunen):
    """The live anonymity hint (anonymity-hint.js) names findings with the labels the server
    uses in its own messages, rendered into the page as JSON, not kept again in the script."""
    client.force_login(reporter)
    draft = start_draft(client)
    html = client.get(step_url(draft, "situation")).content.decode()
    data = re.search(r'<script id="anonymity-labels" type="application/json">(.*?)</script>', html)
    assert json.loads(data.group(1)) == KIND_LABELS
    script = (settings.BASE_DIR / "forms/static/meldeboegen/anonymity-hint.js").read_text()
    assert not any(label in script for label in KIND_LABELS.values())


def test_whole_wizard_submits_with_reference(client, reporter, kommunen, thema, mailoutbox):
    client.force_login(reporter)
    draft = start_draft(client)
    responses = fill_all_steps(client, draft, kommunen, thema)
    assert responses["wer"]["Location"] == step_url(draft, "situation")
    draft.refresh_from_db()
    assert draft.status == Status.EINGEGANGEN
    assert draft.reference.startswith("MB-")
    assert responses["pruefen"]["Location"] == reverse("forms:confirmation", args=[draft.pk])
    page = client.get(responses["pruefen"]["Location"]).content.decode()
    assert draft.reference in page
    assert draft.situation == CLEAN_SITUATION
    assert draft.zielgruppen == ["neuzugewanderte", "familien"]
    assert draft.fallrekonstruktion is True


@pytest.mark.parametrize(
    ("step", "field", "message"),
    [
        ("wer", "kommunen", "mindestens einen Eintrag"),
        ("wer", "organisation_name", "Bitte füllen Sie dieses Feld aus."),
        ("situation", "situation", "Bitte füllen Sie dieses Feld aus."),
        ("situation", "rechtskreise", "mindestens einen Eintrag"),
        ("situation", "thema", "Bitte füllen Sie dieses Feld aus."),
        ("huerde", "huerden", "mindestens einen Eintrag"),
        ("huerde", "haeufigkeit", "wie oft das vorkommt"),
        ("vorschlag", "fallrekonstruktion", "„Ja“ oder „Nein“"),
    ],
)
def test_each_step_validates_on_its_own(client, reporter, kommunen, thema, step, field, message):
    client.force_login(reporter)
    draft = start_draft(client)
    data = dict(step_data(kommunen, thema)[step])
    data.pop(field)
    response = post_step(client, draft, step, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert f'id="id_{step}-{field}_error"' in html
    assert "aria-describedby" in html


def test_invalid_choice_is_refused(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    data = dict(step_data(kommunen, thema)["situation"], rechtskreise=["sgb99"])
    response = post_step(client, draft, "situation", data)
    assert response.status_code == 200
    assert "keine gültige Auswahl" in response.content.decode()


def test_back_and_save_draft_keep_partial_answers(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    response = post_step(
        client,
        draft,
        "situation",
        {"situation": "Lange Wartezeiten.", "rechtskreise": ["sgb2"]},
        entwurf_speichern="1",
    )
    assert response["Location"] == reverse("forms:list")
    draft.refresh_from_db()
    assert draft.situation == "Lange Wartezeiten."
    assert draft.rechtskreise == ["sgb2"]
    response = post_step(
        client, draft, "situation", {"situation": "Noch länger."}, wizard_goto_step="wer"
    )
    assert response["Location"] == step_url(draft, "wer")
    draft.refresh_from_db()
    assert draft.situation == "Noch länger."


def test_draft_survives_logout_and_resumes(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    data = step_data(kommunen, thema)
    post_step(client, draft, "wer", data["wer"])
    post_step(client, draft, "situation", data["situation"])
    client.logout()

    client.force_login(reporter)  # a new session: the wizard's session storage is gone
    response = client.get(reverse("forms:resume", args=[draft.pk]))
    assert response["Location"] == step_url(draft, "huerde")
    html = client.get(step_url(draft, "situation")).content.decode()
    assert CLEAN_SITUATION in html
    post_step(client, draft, "huerde", data["huerde"])
    post_step(client, draft, "vorschlag", data["vorschlag"])
    post_step(client, draft, "pruefen", {})
    draft.refresh_from_db()
    assert draft.status == Status.EINGEGANGEN


def test_submit_of_incomplete_draft_goes_to_missing_step(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    post_step(client, draft, "wer", step_data(kommunen, thema)["wer"])
    response = post_step(client, draft, "pruefen", {})
    assert response["Location"] == step_url(draft, "situation")
    draft.refresh_from_db()
    assert draft.status == Status.ENTWURF
    assert draft.reference is None


def test_summary_shows_answers_with_change_links(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    for step, data in list(step_data(kommunen, thema).items())[:4]:
        post_step(client, draft, step, data)
    html = client.get(step_url(draft, "pruefen")).content.decode()
    assert "Schritt 5 von 5" in html
    assert CLEAN_SITUATION in html
    for step in ("wer", "situation", "huerde", "vorschlag"):
        assert f'href="{step_url(draft, step)}"' in html
    assert "Meldebogen absenden" in html


def test_other_users_draft_is_not_found(client, reporter, partner, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    client.force_login(partner)
    assert client.get(step_url(draft, "wer")).status_code == 404
    assert client.get(reverse("forms:detail", args=[draft.pk])).status_code == 404


def test_submitted_report_cannot_be_edited(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    fill_all_steps(client, draft, kommunen, thema)
    response = client.get(step_url(draft, "wer"))
    assert response["Location"] == reverse("forms:detail", args=[draft.pk])
    assert Meldebogen.objects.get().situation == CLEAN_SITUATION


def test_step_links_save_what_was_typed(client, reporter, kommunen, thema):
    """The page promises that every step is saved: the step navigation submits the form."""
    client.force_login(reporter)
    draft = start_draft(client)
    html = client.get(step_url(draft, "situation")).content.decode()
    nav = html[html.index('<nav aria-label="Schritte des Meldebogens">') :]
    nav = nav[: nav.index("</nav>")]
    for step in ("wer", "huerde", "vorschlag", "pruefen"):
        assert (
            f'<button type="submit" form="wizard-form" name="wizard_goto_step" value="{step}"'
            in nav
        )
    assert "<a href" not in nav
    assert '<form method="post" enctype="multipart/form-data" novalidate id="wizard-form">' in html
    # Enter in a text field still means "Weiter": the first submit button of the form is a
    # hidden copy of it, before the step buttons.
    first_button = html.index('form="wizard-form"')
    assert html[html.rfind("<button", 0, first_button) : first_button].count("name=") == 0
    # A jump forward to "Vorschlag" keeps the text typed on "Situation".
    response = post_step(
        client,
        draft,
        "situation",
        {"situation": "Familien warten lange auf Kurse."},
        wizard_goto_step="vorschlag",
    )
    assert response["Location"] == step_url(draft, "vorschlag")
    draft.refresh_from_db()
    assert draft.situation == "Familien warten lange auf Kurse."
