"""The demo content of the spaces: as domain.md describes it, and idempotent."""

import io

from django.core.management import call_command
from django.test import override_settings

from spaces.models import (
    Aufgabe,
    Beschluss,
    Gremium,
    Mitgliedschaft,
    Protokoll,
    Protokollpunkt,
    Sitz,
    Sitzung,
    Tagesordnungspunkt,
)


def counts():
    return [
        model.objects.count()
        for model in (
            Gremium,
            Sitz,
            Mitgliedschaft,
            Sitzung,
            Tagesordnungspunkt,
            Beschluss,
            Protokoll,
            Protokollpunkt,
            Aufgabe,
        )
    ]


def test_demo_creates_the_bodies(demo):
    lg = Gremium.objects.get(slug="lenkungsgruppe")
    roles = list(lg.sitze.values_list("role", flat=True))
    assert roles.count("vorsitz") == 1
    assert roles.count("stellvertretung") == 1
    assert roles.count("geschaeftsfuehrung") == 1
    assert len(roles) == 13
    assert Mitgliedschaft.objects.filter(sitz__gremium=lg).count() < len(roles)  # some vacant
    assert Mitgliedschaft.objects.get(sitz__gremium=lg, sitz__role="geschaeftsfuehrung").user
    assert set(lg.untergremien.values_list("slug", flat=True)) == {"ag-sprache", "ag-arbeitsmarkt"}
    fak = Gremium.objects.get(slug="facharbeitskreis-integration")
    members = set(
        Mitgliedschaft.objects.filter(sitz__gremium=fak).values_list("user__username", flat=True)
    )
    assert len({m for m in members if m.startswith("ib-")}) == 15
    assert Sitzung.objects.upcoming().filter(gremium=lg).count() == 1
    assert Beschluss.objects.filter(shared_with_all=True).exists()
    assert Beschluss.objects.filter(shared_with_all=False).exists()
    # Six of the Lenkungsgruppe's own work, two adopting the demo Verteilungsschlüssel.
    assert Beschluss.objects.filter(number__startswith="LG-").count() == 8
    assert Protokoll.objects.filter(status="genehmigt").count() == 3
    assert Aufgabe.objects.open().filter(assignee__username="casemanagement").count() == 1


def test_demo_is_idempotent(demo):
    first = counts()
    numbers = sorted(Beschluss.objects.values_list("number", flat=True))
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    assert sorted(Beschluss.objects.values_list("number", flat=True)) == numbers


def test_demo_users_see_their_spaces(client, demo):
    assert client.login(username="ib-balve", password="kim-demo-2026")
    overview = client.get("/gremien/").content.decode()
    assert "Facharbeitskreis Integration" in overview
    assert "Lenkungsgruppe KIM" not in overview
    assert client.get("/gremien/lenkungsgruppe/").status_code == 404
    register = client.get("/gremien/beschluesse/").content.decode()
    assert "Einrichtung der Arbeitsgruppe Sprache" in register
    assert "Verteilungsschlüssel Case Management" not in register

    assert client.login(username="ib-iserlohn", password="kim-demo-2026")
    assert client.get("/gremien/lenkungsgruppe/").status_code == 200
    assert "3. Sitzung" in client.get("/gremien/kalender/").content.decode()
