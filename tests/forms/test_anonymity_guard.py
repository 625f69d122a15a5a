"""The anonymity guard in the wizard: findings block the step until removed or confirmed."""

from forms.models import ConfirmedFinding, Status

from .conftest import post_step, start_draft, step_data, step_url

PERSONAL = "Herr Yilmaz wartet seit Monaten, erreichbar unter yilmaz@example.org."


def situation_with(kommunen, thema, text):
    return dict(step_data(kommunen, thema)["situation"], situation=text)


TWO_NAMES = "Herr Yilmaz und Frau Petrova warten seit Monaten auf einen Kursplatz."
NAME_AND_PHONE = "Herr Yilmaz wartet seit Monaten, mobil unter 0171/2345678."


def confirm(*keys: str, shown: tuple[str, ...] | None = None) -> dict:
    """The per-finding checkboxes (and the hidden list of shown findings) as posted."""
    return {
        "situation-situation__bestaetigt": list(keys),
        "situation-situation__geprueft": list(shown if shown is not None else keys),
    }


def test_each_finding_is_shown_with_its_span_and_its_own_checkbox(
    client, reporter, kommunen, thema
):
    client.force_login(reporter)
    draft = start_draft(client)
    response = post_step(client, draft, "situation", situation_with(kommunen, thema, TWO_NAMES))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fund 1 von 2: Name einer Person <q>Yilmaz</q>" in html
    assert "Fund 2 von 2: Name einer Person <q>Petrova</q>" in html
    # The span in its context, marked.
    assert "Herr <mark>Yilmaz</mark> und Frau Petrova" in html
    assert html.count('name="situation-situation__bestaetigt"') == 2
    assert 'value="name:Yilmaz"' in html and 'value="name:Petrova"' in html
    assert html.count('<fieldset class="anonymity-finding"') == 2
    draft.refresh_from_db()
    assert draft.situation == ""
    assert not ConfirmedFinding.objects.exists()


def test_one_tick_does_not_confirm_several_findings(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    data = situation_with(kommunen, thema, TWO_NAMES)
    shown = ("name:Yilmaz", "name:Petrova")
    # The old single checkbox ("1") confirms nothing, nor does one of two ticks.
    for ticked in (["1"], ["name:Yilmaz"]):
        response = post_step(client, draft, "situation", data, **confirm(*ticked, shown=shown))
        assert response.status_code == 200
        assert "„Petrova“" in response.content.decode()
        assert not ConfirmedFinding.objects.exists()
    response = post_step(client, draft, "situation", data, **confirm(*shown))
    assert response["Location"] == step_url(draft, "huerde")
    assert sorted(ConfirmedFinding.objects.values_list("text", flat=True)) == [
        "Petrova",
        "Yilmaz",
    ]


def test_always_personal_findings_cannot_be_confirmed(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    data = situation_with(kommunen, thema, NAME_AND_PHONE)
    response = post_step(client, draft, "situation", data)
    html = response.content.decode()
    assert "Telefonnummer <q>0171/2345678</q>" in html
    assert "Diese Angabe ist immer personenbezogen" in html
    # Only the name has a checkbox; the phone number must go.
    assert html.count('name="situation-situation__bestaetigt"') == 1
    assert 'value="telefon:0171/2345678"' in html  # listed as shown, hidden
    # Even a forged tick for the phone number does not let it through.
    response = post_step(
        client, draft, "situation", data, **confirm("name:Yilmaz", "telefon:0171/2345678")
    )
    assert response.status_code == 200
    assert "Bitte entfernen Sie Telefonnummer: „0171/2345678“" in response.content.decode()
    assert not ConfirmedFinding.objects.exists()
    draft.refresh_from_db()
    assert draft.situation == ""
    # Without the number, the confirmed name passes and is recorded.
    data = situation_with(kommunen, thema, "Herr Yilmaz wartet seit Monaten.")
    response = post_step(client, draft, "situation", data, **confirm("name:Yilmaz"))
    assert response["Location"] == step_url(draft, "huerde")
    assert list(ConfirmedFinding.objects.values_list("kind", "text", "confirmed_by")) == [
        ("name", "Yilmaz", reporter.pk)
    ]


def test_full_birth_dates_must_go_but_a_birth_year_may_be_confirmed(
    client, reporter, kommunen, thema
):
    client.force_login(reporter)
    draft = start_draft(client)
    text = "Die Klientin, geboren am 1985-03-12, wartet."
    response = post_step(
        client,
        draft,
        "situation",
        situation_with(kommunen, thema, text),
        **confirm("geburtsdatum:1985-03-12"),
    )
    assert response.status_code == 200
    assert "Geburtsdatum <q>1985-03-12</q>" in response.content.decode()
    text = "Die Klientin, Jahrgang 1985, wartet."
    response = post_step(
        client,
        draft,
        "situation",
        situation_with(kommunen, thema, text),
        **confirm("geburtsdatum:1985"),
    )
    assert response["Location"] == step_url(draft, "huerde")


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
    data = situation_with(kommunen, thema, TWO_NAMES)
    response = post_step(client, draft, "situation", data, **confirm("name:Yilmaz", "name:Petrova"))
    assert response["Location"] == step_url(draft, "huerde")
    found = ConfirmedFinding.objects.filter(meldebogen=draft).order_by("text")
    assert [(f.field, f.kind, f.text, f.confirmed_by) for f in found] == [
        ("situation", "name", "Petrova", reporter),
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
        situation_with(kommunen, thema, TWO_NAMES),
        **confirm("name:Yilmaz", "name:Petrova", shown=("name:Yilmaz",)),
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
