"""The API returns the newly indexed types, and only to who may see them."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from cycle.models import GenerativesThema
from forms.models import Meldebogen, Status, Thema
from knowledge.models import KnowledgeDocument

SUBMITTED = next(value for value in Status.values if value != Status.ENTWURF)
API = "/api/v1/search/"


def content(case_manager) -> None:
    Meldebogen.objects.create(
        owner=case_manager,
        status=SUBMITTED,
        reference="MB-2026-0001",
        thema=Thema.objects.get(name="Sprache"),
        situation="Die Sprachmittlung für Elterngespräche fehlt.",
        submitted_at=timezone.make_aware(datetime.datetime(2026, 2, 3, 9, 0)),
    )
    KnowledgeDocument.objects.create(
        title="Leitfaden Sprachmittlung",
        file=ContentFile(b"Sprachmittlung bestellen: so geht es.", name="l.txt"),
    )
    GenerativesThema.objects.create(
        title="Sprachmittlung in Schulen",
        description="Für Elterngespräche in Schulen fehlt Sprachmittlung.",
    )


def kinds(client) -> dict[str, int]:
    data = client.get(API, {"q": "Sprachmittlung"}).json()
    assert {r["type"] for r in data["results"]} == {f["value"] for f in data["facets"]["kind"]}
    return {f["value"]: f["count"] for f in data["facets"]["kind"]}


def test_api_returns_the_new_types_to_the_coordination(client, koordination, case_manager):
    content(case_manager)
    client.force_login(koordination)
    assert kinds(client) == {"meldebogen": 1, "dokument": 1, "generatives-thema": 1}
    data = client.get(API, {"q": "Sprachmittlung", "type": "meldebogen"}).json()
    (result,) = data["results"]
    assert result["type_label"] == "Meldebogen" and result["date"] == "2026-02-03"


def test_api_gives_owner_and_outsider_only_what_they_may_see(
    client, koordination, case_manager, partner
):
    content(case_manager)
    client.force_login(case_manager)
    assert kinds(client) == {"meldebogen": 1, "dokument": 1}
    client.force_login(partner)
    assert kinds(client) == {"dokument": 1}
    data = client.get(API, {"q": "Sprachmittlung", "type": "meldebogen"}).json()
    assert data["total"] == 0 and data["results"] == []
