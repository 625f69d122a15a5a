import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import APIToken


def create_token(username: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", username, "--name", "Fachsoftware", stdout=out)
    return out.getvalue().split()[-1]


def test_token_from_the_command_authenticates_api_requests(client, partner):
    token = create_token(partner.username)
    response = client.get("/api/v1/me/", headers={"authorization": f"Token {token}"})
    assert response.status_code == 200
    assert response.json() == {
        "username": partner.username,
        "name": partner.get_full_name(),
        "roles": ["Externe Partner"],
    }


def test_token_is_stored_only_as_a_digest(partner):
    token = create_token(partner.username)
    row = APIToken.objects.get(user=partner)
    assert token not in {row.key_hash, row.prefix}
    assert row.name == "Fachsoftware"


def test_revoked_token_is_refused_with_a_german_message(client, partner):
    token = create_token(partner.username)
    APIToken.objects.get(user=partner).revoke()
    response = client.get("/api/v1/me/", headers={"authorization": f"Token {token}"})
    assert response.status_code == 401
    assert "gültiges API-Token" in response.json()["detail"]


def test_token_of_deactivated_user_is_refused(client, partner):
    token = create_token(partner.username)
    partner.is_active = False
    partner.save()
    response = client.get("/api/v1/me/", headers={"authorization": f"Token {token}"})
    assert response.status_code == 401


def test_wrong_or_missing_token_gets_401(client, db):
    assert client.get("/api/v1/me/").status_code == 401
    response = client.get("/api/v1/me/", headers={"authorization": "Token falsch"})
    assert response.status_code == 401


def test_session_login_also_works_for_the_api(client, case_manager):
    client.force_login(case_manager)
    assert client.get("/api/v1/me/").json()["roles"] == ["Case Management"]


def test_command_refuses_unknown_user(db):
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("create_api_token", "niemand", stdout=io.StringIO())


def test_openapi_schema_is_published(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/me/" in response.json()["paths"]
