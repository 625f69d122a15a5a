"""Partner systems onboard without help (issue 22, point 5): German 401 for every method,
the reference lists and their values in the schema, the caller's own reports with status and
feedback, and the schema's example working on an installation made by ``setup_portal``."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from cycle.models import GenerativesThema
from forms.api import EXAMPLE
from forms.models import Meldebogen, Rueckfrage
from forms.reference_data import MISSING_KOMMUNEN
from knowledge.models import Kommune

README = Path(__file__).resolve().parents[2] / "README.md"


def create_token(username: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", username, "--name", "Fachsoftware", stdout=out)
    return out.getvalue().split()[-1]


def auth(token: str) -> dict:
    return {"authorization": f"Token {token}"}


def post_json(client, path: str, payload, token: str | None = None):
    return client.post(
        path,
        data=json.dumps(payload),
        content_type="application/json",
        headers=auth(token) if token else {},
    )


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("token", [None, "falsch"], ids=["ohne-token", "falsches-token"])
def test_missing_or_wrong_token_is_a_german_401_for_every_method(db, method, token):
    # Django's CSRF check is on, as for a real partner system: still 401, never 403 "CSRF".
    client = Client(enforce_csrf_checks=True)
    for path in ("/api/v1/meldeboegen/", "/api/v1/kommunen/", "/api/v1/anonymity-check/"):
        body = {} if method == "get" else {"data": json.dumps(EXAMPLE)}
        response = getattr(client, method)(
            path, content_type="application/json", headers=auth(token) if token else {}, **body
        )
        if response.status_code == 405:  # method not offered on this path
            continue
        assert response.status_code == 401, (method, path, response.content)
        detail = response.json()["detail"]
        assert "API-Token" in detail and "CSRF" not in detail


def test_logged_in_session_without_csrf_token_is_refused_in_german(db, partner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    response = post_json(client, "/api/v1/meldeboegen/", EXAMPLE)
    assert response.status_code == 403
    assert "CSRF check Failed" not in response.content.decode()


def test_reference_lists_and_their_values_in_the_schema(client, partner, kommunen):
    token = create_token(partner.username)
    listed = client.get("/api/v1/kommunen/", headers=auth(token)).json()
    assert listed == [
        {"slug": "altena", "name": "Altena", "ags": "05962004"},
        {"slug": "werdohl", "name": "Werdohl", "ags": "05962060"},
    ]
    themen = [t["name"] for t in client.get("/api/v1/themen/", headers=auth(token)).json()]
    assert "Sprache" in themen
    choices = client.get("/api/v1/auswahllisten/", headers=auth(token)).json()
    assert {"code": "fehlendes_angebot", "label": "Fehlendes Angebot"} in choices["huerden"]

    schema = client.get("/api/v1/openapi.json").json()
    properties = schema["components"]["schemas"]["MeldebogenIn"]["properties"]
    assert properties["kommunen"]["items"]["enum"] == ["altena", "werdohl"]
    assert properties["thema"]["enum"] == themen
    assert "/api/v1/kommunen/" in properties["kommunen"]["description"]
    for path in ("/api/v1/kommunen/", "/api/v1/themen/", "/api/v1/auswahllisten/"):
        assert "get" in schema["paths"][path]


def test_schema_example_uses_the_installations_kommunen(client, db):
    Kommune.objects.create(name="Unna", slug="unna", ags="05978036")
    Kommune.objects.create(name="Kamen", slug="kamen", ags="05978020")
    schema = client.get("/api/v1/openapi.json").json()
    [example] = schema["components"]["schemas"]["MeldebogenIn"]["examples"]
    assert example["kommunen"] == ["kamen", "unna"]
    assert EXAMPLE["kommunen"] == ["werdohl", "altena"]  # the constant stays untouched


def test_own_reports_listed_with_status_and_feedback_paginated(
    client, partner, case_manager, kommunen
):
    token = create_token(partner.username)
    references = []
    for _ in range(3):
        response = post_json(client, "/api/v1/meldeboegen/", EXAMPLE, token)
        assert response.status_code == 201, response.json()
        references.append(response.json()["reference"])
    other = create_token(case_manager.username)
    foreign = post_json(client, "/api/v1/meldeboegen/", EXAMPLE, other).json()["reference"]
    newest = Meldebogen.objects.get(reference=references[-1])
    Rueckfrage.objects.create(meldebogen=newest, question="Seit wann?")
    thema = GenerativesThema.objects.create(
        title="Wartelisten der Integrationskurse", description="…", status="in_klaerung"
    )
    thema.meldeboegen.add(newest)

    response = client.get("/api/v1/meldeboegen/?page_size=2", headers=auth(token))
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (3, 1, 2)
    assert [item["reference"] for item in body["items"]] == references[::-1][:2]
    first = body["items"][0]
    assert first["status"] == "eingegangen" and first["status_label"] == "Eingegangen"
    assert first["offene_rueckfragen"] == 1
    assert first["rueckmeldungen"] == [
        {
            "thema": "Wartelisten der Integrationskurse",
            "status": "in Klärung",
            "text": "Die KIM-Koordination klärt das Thema gerade mit den beteiligten Stellen.",
            "beschluss": "",
        }
    ]
    second_page = client.get("/api/v1/meldeboegen/?page=2&page_size=2", headers=auth(token))
    assert [item["reference"] for item in second_page.json()["items"]] == [references[0]]
    assert foreign not in json.dumps(body) + second_page.content.decode()
    too_far = client.get("/api/v1/meldeboegen/?page=3&page_size=2", headers=auth(token))
    assert too_far.status_code == 404
    assert "Seite 3 gibt es nicht" in too_far.json()["detail"]


def test_without_kommunen_the_api_and_the_wizard_say_what_is_missing(client, partner):
    call_command("setup_portal", stdout=io.StringIO())
    token = create_token(partner.username)
    response = post_json(client, "/api/v1/meldeboegen/", EXAMPLE, token)
    assert response.status_code == 422
    assert response.json()["detail"] == MISSING_KOMMUNEN
    client.force_login(partner)
    client.post("/meldeboegen/neu/")
    draft = Meldebogen.objects.get()
    page = client.get(f"/meldeboegen/{draft.pk}/schritt/wer/").content.decode()
    assert "Dieser Meldebogen lässt sich zurzeit nicht einreichen" in page
    assert "noch keine Kommunen eingetragen" in page


def test_readme_example_works_on_a_fresh_installation(client, partner):
    """The README's steps: setup_portal with the shipped Kommunen, a token, then the example
    from the served schema posted as it is."""
    readme = README.read_text(encoding="utf-8")
    assert "setup_portal --kommunen maerkischer-kreis" in readme
    assert ".components.schemas.MeldebogenIn.examples[0]" in readme
    output = io.StringIO()
    call_command("setup_portal", "--kommunen", "maerkischer-kreis", stdout=output)
    assert "Kommunen: 15 angelegt" in output.getvalue()
    token = create_token(partner.username)
    schema = client.get("/api/v1/openapi.json", headers=auth(token)).json()
    example = schema["components"]["schemas"]["MeldebogenIn"]["examples"][0]
    response = post_json(client, "/api/v1/meldeboegen/", example, token)
    assert response.status_code == 201, response.json()
    assert re.fullmatch(r"MB-\d{4}-\d{4}", response.json()["reference"])
    listed = client.get("/api/v1/meldeboegen/", headers=auth(token)).json()
    assert listed["items"][0]["reference"] == response.json()["reference"]


def test_import_kommunen_from_a_csv_with_name_and_ags(db, tmp_path):
    path = tmp_path / "kommunen.csv"
    path.write_text("Name;AGS\nBergkamen;05978004\nFröndenberg/Ruhr;05978012\n", "utf-8")
    out = io.StringIO()
    call_command("import_kommunen", str(path), stdout=out)
    assert "2 angelegt" in out.getvalue()
    assert dict(Kommune.objects.values_list("slug", "ags")) == {
        "bergkamen": "05978004",
        "froendenbergruhr": "05978012",
    }
    # A second run changes nothing; a bad row changes nothing either.
    call_command("import_kommunen", str(path), stdout=io.StringIO())
    assert Kommune.objects.count() == 2
    path.write_text("Name;AGS\nHolzwickede;05978016\nKamen;5978\n", "utf-8")
    with pytest.raises(CommandError) as problem:
        call_command("import_kommunen", str(path), stdout=io.StringIO())
    assert "Zeile 3" in str(problem.value) and "acht Ziffern" in str(problem.value)
    assert not Kommune.objects.filter(name="Holzwickede").exists()
    path.write_text("Gemeinde;Schlüssel\nHolzwickede;05978016\n", "utf-8")
    with pytest.raises(CommandError, match="fehlen die Spalten"):
        call_command("import_kommunen", str(path), stdout=io.StringIO())


def test_shipped_list_has_the_fifteen_kommunen_of_the_maerkischer_kreis(db):
    call_command("import_kommunen", "maerkischer-kreis", stdout=io.StringIO())
    assert Kommune.objects.count() == 15
    iserlohn = Kommune.objects.get(slug="iserlohn")
    assert iserlohn.ags == "05962028" and iserlohn.has_auslaenderbehoerde
