"""The API answers bad input with German messages."""

import io

from django.core.management import call_command


def token_for(username: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", username, stdout=out)
    return out.getvalue().split()[-1]


def post(client, token: str, body: str):
    return client.post(
        "/api/v1/anonymity-check/",
        data=body,
        content_type="application/json",
        headers={"authorization": f"Token {token}"},
    )


def test_malformed_json_gets_a_german_400(client, case_manager):
    response = post(client, token_for(case_manager.username), '{"text": "abc"')
    assert response.status_code == 400
    assert response.json()["detail"] == "Der Inhalt der Anfrage ist kein gültiges JSON."


def test_missing_field_is_named_in_german(client, case_manager):
    response = post(client, token_for(case_manager.username), "{}")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Die Anfrage enthält ungültige Angaben."
    assert {"field": "text", "type": "missing", "message": "Pflichtfeld fehlt."} in body["errors"]
