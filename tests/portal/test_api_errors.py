"""The API answers every error in German JSON: missing or wrong tokens (401 for every method),
CSRF, bad input (pydantic's errors by type), unknown URLs, wrong methods, throttling, crashes."""

import datetime
import enum
import io
import json
import re
import uuid
from typing import Literal

import pytest
from django.core.management import call_command
from django.http import Http404
from django.test import Client, override_settings
from ninja.errors import Throttled
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from portal.api import api
from portal.api_errors import GENERIC_VALIDATION_MESSAGE, german_errors, german_message


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


# --- authentication: a missing or wrong token is a German 401 for every method ----------------
# The test client skips Django's CSRF check unless asked; the API's clients (partner systems)
# send no CSRF token, which is how the 403 "CSRF check Failed" reached them but not the tests.


@pytest.fixture
def api_client(db):
    return Client(enforce_csrf_checks=True)


ENDPOINTS = [
    ("get", "/api/v1/me/"),
    ("get", "/api/v1/search/?q=Sprache"),
    ("get", "/api/v1/meldeboegen/MB-2026-0001/"),
    ("post", "/api/v1/anonymity-check/"),
    ("post", "/api/v1/meldeboegen/"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize("authorization", [None, "Token falsch", "Token ", "Bearer falsch"])
def test_missing_or_wrong_token_is_a_german_401_for_every_endpoint(
    api_client, method, path, authorization
):
    headers = {"authorization": authorization} if authorization is not None else {}
    if method == "post":
        response = api_client.post(
            path, data='{"text": "abc"}', content_type="application/json", headers=headers
        )
    else:
        response = api_client.get(path, headers=headers)
    assert response.status_code == 401, response.content
    assert "gültiges API-Token" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_wrong_token_does_not_fall_back_to_the_session(api_client, case_manager):
    api_client.force_login(case_manager)
    response = api_client.get("/api/v1/me/", headers={"authorization": "Token falsch"})
    assert response.status_code == 401
    assert "ungültig oder widerrufen" in response.json()["detail"]


def test_session_writes_need_the_csrf_token_and_say_so_in_german(api_client, case_manager):
    api_client.force_login(case_manager)
    response = api_client.post(
        "/api/v1/anonymity-check/", data={"text": "abc"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "Sicherheitsprüfung (CSRF) fehlgeschlagen" in response.json()["detail"]

    api_client.get("/konto/passwort-aendern/")  # sets the CSRF cookie, as a page would
    response = api_client.post(
        "/api/v1/anonymity-check/",
        data={"text": "abc"},
        content_type="application/json",
        headers={"x-csrftoken": api_client.cookies["csrftoken"].value},
    )
    assert response.status_code == 200


def test_a_token_needs_no_csrf_token(api_client, case_manager):
    response = post(api_client, token_for(case_manager.username), '{"text": "abc"}')
    assert response.status_code == 200


# --- validation: pydantic's messages in German --------------------------------------------------


def test_query_limits_are_explained_in_german(client, case_manager):
    client.force_login(case_manager)
    response = client.get("/api/v1/search/?q=Sprache&page_size=51&page=0")
    assert response.status_code == 422
    errors = {error["field"]: error for error in response.json()["errors"]}
    assert errors["page_size"]["message"] == "Der Wert darf höchstens 50 sein."
    assert errors["page"]["message"] == "Der Wert muss mindestens 1 sein."
    assert "Input should" not in response.content.decode()


def test_too_long_text_is_explained_in_german(client, case_manager):
    response = post(client, token_for(case_manager.username), json.dumps({"text": "x" * 20_001}))
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error == {
        "field": "text",
        "type": "string_too_long",
        "message": "Der Text ist zu lang (höchstens 20000 Zeichen).",
    }


class Level(enum.Enum):
    LOW = "niedrig"
    HIGH = "hoch"


class Everything(BaseModel):
    """A schema with the constraints the API uses, to produce pydantic's errors."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=2, max_length=5, pattern=r"^[a-z]+$")
    count: int = Field(gt=0, lt=10)
    share: float = Field(ge=0, le=1)
    flag: bool
    day: datetime.date
    moment: datetime.datetime
    ident: uuid.UUID
    items: list[int] = Field(min_length=1, max_length=2)
    choice: Literal["a", "b"]
    level: Level
    nested: dict[str, int]


BAD_INPUTS = [
    {},
    {
        "name": "X",
        "count": 0,
        "share": 2,
        "flag": "vielleicht",
        "day": "morgen",
        "moment": "bald",
        "ident": "nein",
        "items": [],
        "choice": "c",
        "level": "mittel",
        "nested": [],
        "extra": 1,
    },
    {
        "name": "abcdefg",
        "count": 10,
        "share": -1,
        "flag": 3,
        "day": 5.5,
        "moment": [],
        "ident": 1,
        "items": [1, 2, 3],
        "choice": 1,
        "level": None,
        "nested": {"a": "b"},
    },
    {"name": 1, "count": "x", "share": "x", "items": "x", "day": "2026-02-30"},
    {"name": "ABC", "count": 1.5},
]


@pytest.mark.parametrize("data", BAD_INPUTS)
def test_every_validation_error_gets_a_german_message(data):
    with pytest.raises(PydanticValidationError) as raised:
        Everything.model_validate(data)
    errors = german_errors(
        [{**e, "loc": ("body", "payload", *e["loc"])} for e in raised.value.errors()]
    )
    for error in errors:
        assert error["message"] != GENERIC_VALIDATION_MESSAGE, error  # a German text per type
        assert not re.search(r"\b(Input|should|Field|required|valid)\b", error["message"]), error
    assert "name" in {error["field"] for error in errors}


def test_choices_are_listed_in_german():
    assert german_message({"type": "literal_error", "ctx": {"expected": "'a' or 'b'"}}) == (
        "Dieser Wert ist nicht zulässig. Erlaubt: 'a' oder 'b'."
    )


# --- German JSON for what ninja or Django answer without our handlers -----------------------


def test_unknown_api_url_is_german_json(client, case_manager):
    for logged_in in (False, True):
        if logged_in:
            client.force_login(case_manager)
        response = client.get("/api/v1/gibt-es-nicht/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith("Nicht gefunden")


def test_wrong_method_is_german_json_with_allow(client, case_manager):
    response = client.get(
        "/api/v1/anonymity-check/",
        headers={"authorization": f"Token {token_for(case_manager.username)}"},
    )
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["detail"] == (
        "Diese Methode ist für diese Adresse nicht erlaubt. Erlaubt: POST."
    )


@override_settings(ROOT_URLCONF="tests.portal.error_urls")
def test_a_crash_in_the_api_is_german_json(db, case_manager):
    client = Client(raise_request_exception=False)
    response = client.get(
        "/api/v1/test-absturz/",
        headers={"authorization": f"Token {token_for(case_manager.username)}"},
    )
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Interner Fehler")


def test_a_crash_in_an_endpoint_is_german_json(db, case_manager, monkeypatch):
    def broken_backend():
        raise RuntimeError("Suchindex kaputt")

    monkeypatch.setattr("search.api_views.get_backend", broken_backend)
    client = Client(raise_request_exception=False)
    response = client.get(
        "/api/v1/search/?q=x",
        headers={"authorization": f"Token {token_for(case_manager.username)}"},
    )
    assert response.status_code == 500
    assert response.json()["detail"].startswith("Interner Fehler")
    assert "Suchindex" not in response.content.decode()


def test_throttling_and_not_found_inside_endpoints_are_german(rf):
    request = rf.get("/api/v1/me/")
    throttled = api.on_exception(request, Throttled(wait=29.4))
    assert throttled.status_code == 429
    assert json.loads(throttled.content)["detail"] == (
        "Zu viele Anfragen: Bitte versuchen Sie es in 29 Sekunden erneut."
    )
    not_found = api.on_exception(request, Http404("No Meldebogen matches the given query."))
    assert not_found.status_code == 404
    assert json.loads(not_found.content)["detail"] == "Nicht gefunden."
