"""Helpers for the Meldebogen tests: a complete report, posting wizard steps."""

import pytest
from django.urls import reverse

from accounts.models import Profile
from forms.models import Meldebogen, Thema
from knowledge.models import Kommune, Organisation

CLEAN_SITUATION = (
    "Neu zugewanderte Familien warten in Werdohl vier bis sechs Monate auf einen Platz im "
    "Integrationskurs mit Kinderbetreuung."
)


@pytest.fixture
def kommunen(db):
    return [
        Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060"),
        Kommune.objects.create(name="Altena", slug="altena", ags="05962004"),
    ]


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Migrationsberatung Caritas", kind="mbe")


@pytest.fixture
def reporter(case_manager, kommunen, organisation):
    Profile.objects.create(
        user=case_manager,
        organisation=organisation,
        kommune=kommunen[0],
        function="KIM-Case Management Werdohl",
    )
    return case_manager


@pytest.fixture
def thema(db):
    return Thema.objects.get(name="Sprache")


def step_url(meldebogen: Meldebogen, step: str) -> str:
    return reverse("forms:step", kwargs={"pk": meldebogen.pk, "step": step})


def step_data(kommunen, thema) -> dict[str, dict]:
    """Valid answers per step (without prefixes)."""
    return {
        "wer": {
            "organisation_name": "Migrationsberatung Caritas",
            "rolle": "Migrationsberatung",
            "kommunen": [str(kommunen[0].pk)],
        },
        "situation": {
            "thema": str(thema.pk),
            "zielgruppen": ["neuzugewanderte", "familien"],
            "rechtskreise": ["sgb2"],
            "situation": CLEAN_SITUATION,
        },
        "huerde": {
            "huerden": ["fehlendes_angebot"],
            "beteiligte_stellen": "Jobcenter und Volkshochschule",
            "versucht": "Anfrage bei zwei Kursträgern, ohne freie Plätze.",
            "haeufigkeit": "haeufig",
        },
        "vorschlag": {"vorschlag": "Eine gemeinsame Warteliste.", "fallrekonstruktion": "True"},
        "pruefen": {},
    }


def post_step(client, meldebogen: Meldebogen, step: str, data: dict, **extra):
    """Post one wizard step the way the browser does (prefixed fields, management form)."""
    payload = {f"meldebogen_{meldebogen.pk}-current_step": step}
    for name, value in data.items():
        payload[f"{step}-{name}"] = value
    payload.update(extra)
    return client.post(step_url(meldebogen, step), payload)


def start_draft(client) -> Meldebogen:
    response = client.post(reverse("forms:start"))
    assert response.status_code == 302
    return Meldebogen.objects.latest("pk")


def fill_all_steps(client, meldebogen, kommunen, thema):
    responses = {}
    for step, data in step_data(kommunen, thema).items():
        responses[step] = post_step(client, meldebogen, step, data)
    return responses
