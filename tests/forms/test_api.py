"""Partner API: anonymity check, submit, own reports only, German errors, schema example."""

import copy
import io
import json

import pytest
from django.core.management import call_command

from forms.api import EXAMPLE
from forms.models import ConfirmedFinding, Meldebogen


def create_token(username: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", username, "--name", "Fachsoftware", stdout=out)
    return out.getvalue().split()[-1]


@pytest.fixture
def api_kommunen(kommunen):
    return kommunen


def post(client, token, path, payload, raw: str | None = None):
    return client.post(
        path,
        data=raw if raw is not None else json.dumps(payload),
        content_type="application/json",
        headers={"authorization": f"Token {token}"},
    )


def example() -> dict:
    return copy.deepcopy(EXAMPLE)


def test_anonymity_check(client, partner):
    token = create_token(partner.username)
    response = post(
        client, token, "/api/v1/anonymity-check/", {"text": "Mail an yilmaz@example.org"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "findings": [
            {
                "kind": "email",
                "start": 8,
                "end": 26,
                "text": "yilmaz@example.org",
                "always_personal": True,
            }
        ]
    }
    clean = post(client, token, "/api/v1/anonymity-check/", {"text": "§ 25b AufenthG"})
    assert clean.json() == {"findings": []}


def test_submit_creates_report_with_reference(client, partner, api_kommunen, mailoutbox):
    token = create_token(partner.username)
    response = post(client, token, "/api/v1/meldeboegen/", example())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("MB-")
    assert body["kommunen"] == ["altena", "werdohl"] or body["kommunen"] == ["werdohl", "altena"]
    meldebogen = Meldebogen.objects.get(reference=body["reference"])
    assert meldebogen.owner == partner
    assert meldebogen.thema.name == "Sprache"
    assert meldebogen.huerden == ["fehlendes_angebot", "schnittstelle"]
    assert len(mailoutbox) == 1

    fetched = client.get(
        f"/api/v1/meldeboegen/{body['reference']}/", headers={"authorization": f"Token {token}"}
    )
    assert fetched.status_code == 200
    assert fetched.json()["reference"] == body["reference"]


def test_personal_data_is_refused_unless_confirmed(client, partner, api_kommunen):
    token = create_token(partner.username)
    payload = example()
    payload["situation"] = "Herr Yilmaz wartet seit Monaten auf einen Kursplatz."
    response = post(client, token, "/api/v1/meldeboegen/", payload)
    assert response.status_code == 422
    body = response.json()
    assert "personenbezogene Daten" in body["detail"]
    assert "„Yilmaz“" in body["detail"]
    assert body["findings"][0]["field"] == "situation"
    assert body["findings"][0]["text"] == "Yilmaz"
    assert not Meldebogen.objects.exists()

    payload["confirmed_findings"] = [{"field": "situation", "text": "Yilmaz"}]
    response = post(client, token, "/api/v1/meldeboegen/", payload)
    assert response.status_code == 201
    finding = ConfirmedFinding.objects.get()
    assert (finding.field, finding.kind, finding.text, finding.confirmed_by) == (
        "situation",
        "name",
        "Yilmaz",
        partner,
    )


def test_always_personal_findings_cannot_be_confirmed(client, partner, api_kommunen):
    token = create_token(partner.username)
    payload = example()
    payload["situation"] = "Herr Yilmaz wartet, erreichbar unter +49 171 2345678."
    payload["confirmed_findings"] = [
        {"field": "situation", "text": "Yilmaz"},
        {"field": "situation", "text": "+49 171 2345678"},
    ]
    response = post(client, token, "/api/v1/meldeboegen/", payload)
    assert response.status_code == 422
    body = response.json()
    assert [(f["text"], f["always_personal"]) for f in body["findings"]] == [
        ("+49 171 2345678", True)
    ]
    assert "Bitte entfernen Sie Telefonnummer" in str(body["errors"])
    assert not Meldebogen.objects.exists()


def test_missing_and_unknown_fields(client, partner, api_kommunen):
    token = create_token(partner.username)
    payload = example()
    del payload["situation"]
    payload["name_des_klienten"] = "x"
    response = post(client, token, "/api/v1/meldeboegen/", payload)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Die Anfrage enthält ungültige Angaben."
    kinds = {error["type"] for error in body["errors"]}
    assert {"missing", "extra_forbidden"} <= kinds


def test_form_validation_applies(client, partner, api_kommunen):
    token = create_token(partner.username)
    payload = example()
    payload["situation"] = ""
    payload["kommunen"] = []
    response = post(client, token, "/api/v1/meldeboegen/", payload)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["situation"] == ["Bitte füllen Sie dieses Feld aus."]
    assert "mindestens einen Eintrag" in errors["kommunen"][0]


def test_unknown_kommune_and_thema(client, partner, api_kommunen):
    token = create_token(partner.username)
    response = post(client, token, "/api/v1/meldeboegen/", {**example(), "kommunen": ["xy"]})
    assert response.status_code == 422
    assert response.json()["detail"] == "Unbekannte Kommune: xy."
    response = post(client, token, "/api/v1/meldeboegen/", {**example(), "thema": "Mond"})
    assert response.json()["detail"] == "Unbekanntes Thema: „Mond“."


def test_malformed_json_is_a_400(client, partner):
    token = create_token(partner.username)
    response = post(client, token, "/api/v1/meldeboegen/", None, raw="{kaputt")
    assert response.status_code == 400


def test_wrong_token_and_no_token(client, db):
    response = post(client, "falsch", "/api/v1/meldeboegen/", example())
    assert response.status_code == 401
    assert "gültiges API-Token" in response.json()["detail"]
    assert client.post("/api/v1/anonymity-check/", {"text": "x"}).status_code == 401


def test_role_gate(client, integrationsbeauftragte, api_kommunen):
    token = create_token(integrationsbeauftragte.username)
    response = post(client, token, "/api/v1/meldeboegen/", example())
    assert response.status_code == 403
    assert "KIM-Case Management" in response.json()["detail"]


def test_only_own_reports(client, partner, case_manager, api_kommunen):
    token = create_token(partner.username)
    reference = post(client, token, "/api/v1/meldeboegen/", example()).json()["reference"]
    other = create_token(case_manager.username)
    response = client.get(
        f"/api/v1/meldeboegen/{reference}/", headers={"authorization": f"Token {other}"}
    )
    assert response.status_code == 404
    assert reference in response.json()["detail"]


def test_schema_has_complete_example(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/meldeboegen/" in schema["paths"]
    assert "/api/v1/anonymity-check/" in schema["paths"]
    component = schema["components"]["schemas"]["MeldebogenIn"]
    assert component["examples"] == [EXAMPLE]
    assert component["additionalProperties"] is False
    required = set(component["required"])
    assert required <= set(EXAMPLE)


def test_confirmed_findings_must_name_a_free_text_field(client, partner, api_kommunen):
    token = create_token(partner.username)
    payload = {**example(), "confirmed_findings": [{"field": "kommunen", "text": "x"}]}
    response = post(client, token, "/api/v1/meldeboegen/", payload)
    assert response.status_code == 422
    assert "„kommunen“ ist kein Freitextfeld" in response.json()["detail"]
