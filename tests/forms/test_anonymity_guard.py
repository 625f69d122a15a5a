"""The anonymity guard in the wizard: findings block the step until removed or confirmed."""

from forms.models import ConfirmedFinding, Status

from .conftest import post_step, start_draft, step_data, step_url

PERSONAL = "Herr Yilmaz wartet seit Monaten, erreichbar unter yilmaz@example.org."


def situation_with(kommunen, thema, text):
    return dict(step_data(kommunen, thema)["situation"], situation=text)


def test_findings_block_the_step_and_are_listed(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    response = post_step(client, draft, "situation", situation_with(kommunen, thema, PERSONAL))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Name einer Person: „Yilmaz“" in html
    assert "E-Mail-Adresse: „yilmaz@example.org“" in html
    assert "Ich habe geprüft: das sind keine personenbezogenen Daten." in html
    assert 'name="situation-situation__bestaetigt"' in html
    draft.refresh_from_db()
    assert draft.situation == ""
    assert not ConfirmedFinding.objects.exists()


def test_editing_the_text_clears_the_finding(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    post_step(client, draft, "situation", situation_with(kommunen, thema, PERSONAL))
    response = post_step(
        client, draft, "situation", situation_with(kommunen, thema, "Ein Klient wartet.")
    )
    assert response["Location"] == step_url(draft, "huerde")


def test_confirmation_records_confirmed_findings(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    data = situation_with(kommunen, thema, PERSONAL)
    response = post_step(
        client,
        draft,
        "situation",
        data,
        **{
            "situation-situation__bestaetigt": "1",
            "situation-situation__geprueft": ["name:Yilmaz", "email:yilmaz@example.org"],
        },
    )
    assert response["Location"] == step_url(draft, "huerde")
    found = ConfirmedFinding.objects.filter(meldebogen=draft).order_by("kind")
    assert [(f.field, f.kind, f.text, f.confirmed_by) for f in found] == [
        ("situation", "email", "yilmaz@example.org", reporter),
        ("situation", "name", "Yilmaz", reporter),
    ]
    # Once confirmed, the same text passes again without a new confirmation.
    assert post_step(client, draft, "situation", data)["Location"] == step_url(draft, "huerde")


def test_confirmation_covers_only_the_findings_shown(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    response = post_step(
        client,
        draft,
        "situation",
        situation_with(kommunen, thema, PERSONAL),
        **{
            "situation-situation__bestaetigt": "1",
            "situation-situation__geprueft": ["name:Yilmaz"],
        },
    )
    assert response.status_code == 200
    assert not ConfirmedFinding.objects.exists()


def test_saving_a_draft_keeps_text_with_findings_but_submit_is_blocked(
    client, reporter, kommunen, thema
):
    client.force_login(reporter)
    draft = start_draft(client)
    data = step_data(kommunen, thema)
    post_step(client, draft, "wer", data["wer"])
    post_step(
        client,
        draft,
        "situation",
        situation_with(kommunen, thema, PERSONAL),
        entwurf_speichern="1",
    )
    draft.refresh_from_db()
    assert draft.situation == PERSONAL
    post_step(client, draft, "huerde", data["huerde"])
    post_step(client, draft, "vorschlag", data["vorschlag"])
    response = post_step(client, draft, "pruefen", {})
    assert response["Location"] == step_url(draft, "situation")
    draft.refresh_from_db()
    assert draft.status == Status.ENTWURF


def test_other_free_text_fields_are_guarded(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    data = dict(step_data(kommunen, thema)["huerde"], versucht="Anruf bei Frau Petrova.")
    response = post_step(client, draft, "huerde", data)
    assert response.status_code == 200
    assert "„Petrova“" in response.content.decode()
    data = dict(step_data(kommunen, thema)["vorschlag"], vorschlag="Mail an yilmaz@example.org")
    response = post_step(client, draft, "vorschlag", data)
    assert response.status_code == 200
