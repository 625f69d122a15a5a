"""API fuzzing: schemathesis generates requests from /api/v1/openapi.json, with and without a
token. Every answer must be no 5xx, documented in the schema (status, content type, body), and
every error must carry a German ``detail``. Bounded: a fixed number of examples per operation,
derandomised, so the run takes the same (short) time on every database."""

import copy
import io
import json
import os
import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import positive_data_acceptance

from portal.api import api

# Examples per operation and token state; KIM_FUZZ_EXAMPLES=500 for a deeper run by hand.
EXAMPLES = int(os.environ.get("KIM_FUZZ_EXAMPLES", "50"))

# Words of framework messages (Django, ninja, pydantic) that must never reach an API client.
ENGLISH = re.compile(
    r"\b(not found|unauthorized|forbidden|field required|input should|invalid|error|"
    r"method not allowed|the|please|request)\b",
    re.IGNORECASE,
)


@schemathesis.check
def errors_are_german(ctx, response, case) -> None:
    if response.status_code < 400:
        return
    body = json.loads(response.content)
    detail = body.get("detail")
    if not isinstance(detail, str) or not detail or ENGLISH.search(detail):
        raise AssertionError(f"Fehler ohne deutsche Meldung: {response.status_code} {body!r}")
    for error in body.get("errors", []):
        if ENGLISH.search(error.get("message", "")):
            raise AssertionError(f"Englische Feldmeldung: {error!r}")


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The requests go through Django's real WSGI handler, which closes the database connection
    after each request; inside the test's transaction (PostgreSQL) that would end it. Django's
    test client avoids this the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_lockout(settings):
    # the fuzzer sends many wrong tokens from one address: keep the Anmeldesperre out of it
    settings.KIM_LOGIN_FAILURES_PER_ADDRESS = 1_000_000


@pytest.fixture
def api_token(case_manager) -> str:
    out = io.StringIO()
    call_command("create_api_token", case_manager.username, "--name", "Fuzzing", stdout=out)
    return out.getvalue().split()[-1]


# The schema /api/v1/openapi.json serves (test_the_fuzzed_schema_is_the_served_one), built
# without a request so that it is there when pytest collects the tests.
OPENAPI = api.get_openapi_schema(path_prefix="/api/v1/")
schema = schemathesis.openapi.from_dict(OPENAPI)
schema.app = WSGIHandler()

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def excluded_checks(case) -> list:
    """Creating a Meldebogen needs existing Kommunen and Themen (slugs in the database), which
    the schema cannot list: a schema-valid request may rightly be refused (422, with the German
    reason). Every other check still applies to it."""
    if case.method == "POST" and case.path == "/api/v1/meldeboegen/":
        return [positive_data_acceptance]
    return []


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_without_a_token(db, case):
    case.call_and_validate(
        additional_checks=[errors_are_german], excluded_checks=excluded_checks(case)
    )


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_with_a_token(db, case, api_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {api_token}"},
        additional_checks=[errors_are_german],
        excluded_checks=excluded_checks(case),
    )


def test_the_fuzzed_schema_is_the_served_one(client, case_manager):
    from forms.api import add_reference_values

    client.force_login(case_manager)
    # The served schema also carries the installation's Kommunen and Themen as enums.
    served = client.get("/api/v1/openapi.json").json()
    assert served == add_reference_values(copy.deepcopy(OPENAPI))


@pytest.mark.parametrize(
    "field, value",
    [("kommunen", ["werdohl\x00"]), ("thema", "Sprache\x00")],
    ids=["kommune", "thema"],
)
def test_a_nul_character_in_a_looked_up_name_is_an_unknown_name(client, api_token, field, value):
    """Found by the fuzzing on PostgreSQL (which refuses NUL in any text, even in a WHERE):
    the Kommune or Thema is unknown (422, German), not an internal error (500)."""
    from knowledge.models import Kommune

    Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    payload = {
        "organisation_name": "Jobcenter",
        "rolle": "Fallmanagement",
        "kommunen": ["werdohl"],
        "thema": "Sprache",
        "zielgruppen": [],
        "rechtskreise": [],
        "situation": "Kein Kursplatz frei.",
        "huerden": [],
        "haeufigkeit": "einzelfall",
        "fallrekonstruktion": False,
        field: value,
    }
    response = client.post(
        "/api/v1/meldeboegen/",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Token {api_token}"},
    )
    assert response.status_code == 422
    expected = "Unbekannte Kommune" if field == "kommunen" else "Unbekanntes Thema"
    assert response.json()["detail"].startswith(expected)
