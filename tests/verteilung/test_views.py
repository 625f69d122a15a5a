"""The pages as each role sees them: the coordination works on figures, keys and scenarios;
the Integrationsbeauftragte read the adopted keys and their own Kommune; others see nothing.
Downloads (CSV for German Excel, PDF), the search under the same rule, the directory's panel,
and query counts that do not grow with the number of Kommunen."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.models import Kommune
from tests.search.conftest import run_search, titles
from tests.verteilung.conftest import make_key
from verteilung import actions
from verteilung.models import Kennzahl, Verteilungsschluessel, Zustaendigkeit

DAY = datetime.date(2026, 1, 1)


@pytest.fixture
def adopted(entwurf, beschluss, koordination):
    actions.beschliessen(entwurf, beschluss, DAY, by=koordination)
    entwurf.refresh_from_db()
    return entwurf


@pytest.fixture
def scenario(adopted, koordination):
    kopie = actions.kopieren(adopted, by=koordination)
    kopie.titel = "Szenario Werdohl"
    kopie.save()
    return kopie


@pytest.fixture
def zustaendigkeit(kommunen):
    return Zustaendigkeit.objects.create(
        person="Aylin Demir",
        kontakt="02351 966-7101",
        kommune=kommunen["balve"],
        wochenstunden=Decimal("19.5"),
        sprechtage="dienstags 9–12 Uhr",
        ort="Rathaus Balve, Raum 12",
    )


def test_integrationsbeauftragte_read_the_adopted_key_not_the_scenarios(
    client, ib_balve, adopted, scenario
):
    client.force_login(ib_balve)
    page = client.get("/verteilung/").text
    assert adopted.titel in page and "Szenario Werdohl" not in page
    assert "Balve erhält" in page
    detail = client.get(adopted.get_absolute_url())
    assert detail.status_code == 200
    assert "Berechnung je Kommune" in detail.text and "In Kraft setzen" not in detail.text
    assert client.get(scenario.get_absolute_url()).status_code == 404
    assert client.get(f"/verteilung/schluessel/{scenario.pk}/csv/").status_code == 404
    assert client.get(f"/verteilung/schluessel/{scenario.pk}/vergleich/").status_code == 404
    assert client.get("/verteilung/kennzahlen/").status_code == 404
    assert client.post(f"/verteilung/schluessel/{adopted.pk}/szenario/").status_code == 404


def test_integrationsbeauftragte_see_their_own_kommune_only(
    client, ib_balve, adopted, zustaendigkeit
):
    client.force_login(ib_balve)
    own = client.get("/verteilung/kommunen/balve/")
    assert own.status_code == 200
    assert "Aylin Demir" in own.text and "dienstags 9–12 Uhr" in own.text
    assert "Rathaus Balve, Raum 12" in own.text
    other = client.get("/verteilung/kommunen/iserlohn/")
    assert other.status_code == 403
    assert "ihre Integrationsbeauftragten" in other.text


@pytest.mark.parametrize("role_fixture", ["partner", "case_manager"])
def test_other_roles_are_refused_with_a_reason(client, request, role_fixture, adopted):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get("/verteilung/")
    assert response.status_code == 403
    assert "Integrationsbeauftragten" in response.text
    assert client.get(adopted.get_absolute_url()).status_code == 403


def test_a_warning_when_assigned_hours_differ_from_the_adopted_vzae(
    client, koordination, ib_balve, adopted, zustaendigkeit
):
    # 19,5 hours are 0,50 VZÄ; the key gives Balve its floor, 0,25.
    client.force_login(ib_balve)
    page = client.get("/verteilung/kommunen/balve/").text
    assert "weichen vom Schlüssel ab" in page and "0,50 VZÄ" in page
    client.force_login(koordination)
    assert "weichen vom Schlüssel ab" in client.get("/verteilung/").text
    Zustaendigkeit.objects.filter(pk=zustaendigkeit.pk).update(wochenstunden=Decimal("9.75"))
    assert "weichen vom Schlüssel ab" not in client.get("/verteilung/kommunen/balve/").text


def test_the_coordination_builds_a_key_with_german_numbers(
    client, koordination, kennzahlen, indikatoren
):
    client.force_login(koordination)
    data = {
        "titel": "Schlüssel 2027",
        "datenjahr": "2025",
        "gesamt_vzae": "4,00",
        "schritt": "0,25",
        "mindest_vzae": "0",
        "erlaeuterung": "",
    } | {f"gewicht_{i.pk}": "0" for i in indikatoren.values()}
    data[f"gewicht_{indikatoren['asylerstantraege'].pk}"] = "100"
    response = client.post("/verteilung/schluessel/neu/", data, follow=True)
    key = Verteilungsschluessel.objects.get(titel="Schlüssel 2027")
    assert response.redirect_chain[-1][0] == key.get_absolute_url()
    # Asylerstanträge only: 262 of 341 applications are Iserlohn's.
    iserlohn = next(z for z in response.context["ergebnis"].zeilen if z.slug == "iserlohn")
    assert iserlohn.vzae == Decimal("3.00")  # 4 × 262/341 = 3,07 -> 3,00
    assert response.context["ergebnis"].summe == Decimal("4.00")


def test_a_total_that_is_no_multiple_of_the_step_keeps_the_input(
    client, koordination, kennzahlen, indikatoren
):
    client.force_login(koordination)
    data = {
        "titel": "Krumm",
        "datenjahr": "2025",
        "gesamt_vzae": "4,1",
        "schritt": "0,25",
        "mindest_vzae": "0",
    }
    data |= {f"gewicht_{i.pk}": "10" for i in indikatoren.values()}
    response = client.post("/verteilung/schluessel/neu/", data)
    assert response.status_code == 200
    assert "Vielfaches der Schrittweite" in response.text
    assert 'value="Krumm"' in response.text
    assert not Verteilungsschluessel.objects.filter(titel="Krumm").exists()


def test_adoption_through_the_page_refuses_an_arbeitsgruppe_and_accepts_the_lenkungsgruppe(
    client, koordination, entwurf, beschluss, ag_beschluss
):
    client.force_login(koordination)
    page = client.get(entwurf.get_absolute_url()).text
    assert beschluss.number in page and ag_beschluss.number not in page  # not even offered
    url = f"/verteilung/schluessel/{entwurf.pk}/beschliessen/"
    refused = client.post(url, {"beschluss": ag_beschluss.pk, "in_kraft_seit": "2026-01-01"})
    assert refused.status_code == 400
    assert "Auswahl" in refused.text or "gültige" in refused.text
    done = client.post(url, {"beschluss": beschluss.pk, "in_kraft_seit": "2026-01-01"}, follow=True)
    assert "ist in Kraft und für alle Integrationsbeauftragten veröffentlicht" in done.text
    entwurf.refresh_from_db()
    assert entwurf.status == "in_kraft"
    assert client.get(f"/verteilung/schluessel/{entwurf.pk}/bearbeiten/").status_code == 403


def test_compare_a_scenario_with_chart_and_table(client, koordination, scenario):
    client.force_login(koordination)
    response = client.get(f"/verteilung/schluessel/{scenario.pk}/vergleich/")
    assert response.status_code == 200
    assert "<svg" in response.text
    assert "VZÄ je Kommune: geltender Schlüssel, Szenario und Differenz" in response.text


def test_csv_for_german_excel(client, ib_balve, adopted):
    client.force_login(ib_balve)
    response = client.get(f"/verteilung/schluessel/{adopted.pk}/csv/")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    header, *rows = body.lstrip("\ufeff").splitlines()
    assert header.startswith("Kommune;AGS;")
    balve = next(r for r in rows if r.startswith("Balve;"))
    assert "0,25" in balve.split(";")
    assert rows[-1].startswith("Summe;") and "4" in rows[-1].split(";")


def test_pdf_for_the_kreistag(client, ib_balve, adopted):
    client.force_login(ib_balve)
    response = client.get(f"/verteilung/schluessel/{adopted.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_search_follows_the_same_rule(ib_balve, koordination, adopted, scenario, partner):
    assert adopted.titel in titles(run_search(ib_balve, "Verteilungsschlüssel"))
    assert "Szenario Werdohl" not in titles(run_search(ib_balve, "Szenario Werdohl"))
    assert "Szenario Werdohl" in titles(run_search(koordination, "Szenario Werdohl"))
    assert titles(run_search(partner, "Verteilungsschlüssel")) == []


def test_case_managers_are_found_by_whoever_reads_the_directory(
    request, koordination, partner, kommunen
):
    from accounts import roles
    from home.models import HomePage
    from knowledge.models import KnowledgeIndexPage
    from tests.search.conftest import restrict

    wissen = HomePage.objects.get().add_child(
        instance=KnowledgeIndexPage(title="Wissen", slug="wissensbasis")
    )
    wissen.save_revision().publish()
    request.getfixturevalue("zustaendigkeit")  # entered once the directory exists
    found = run_search(partner, "Sprechtage Balve").hits
    assert [(h.title, h.url) for h in found] == [
        ("Aylin Demir", "/wissensbasis/verzeichnis/?kommune=balve")
    ]
    restrict(wissen, roles.KOORDINATION)
    assert run_search(partner, "Aylin Demir").total == 0
    assert titles(run_search(koordination, "Aylin Demir")) == ["Aylin Demir"]


def test_the_directory_panel_shows_case_managers(rf, ib_balve, partner, kommunen, zustaendigkeit):
    from verteilung.wagtail_hooks import kommune_panel

    request = rf.get("/")
    request.user = ib_balve
    html = kommune_panel(kommunen["balve"], request)
    assert "Aylin Demir" in html and "dienstags 9–12 Uhr" in html
    assert "/verteilung/kommunen/balve/" in html
    request.user = partner
    html = kommune_panel(kommunen["balve"], request)
    assert "Aylin Demir" in html and "/verteilung/kommunen/" not in html


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_kommunen(
    client, koordination, adopted, indikatoren, zustaendigkeit
):
    client.force_login(koordination)
    scenario = make_key(indikatoren, titel="Szenario")
    urls = [
        "/verteilung/",
        adopted.get_absolute_url(),
        scenario.get_absolute_url(),
        f"/verteilung/schluessel/{scenario.pk}/vergleich/",
        "/verteilung/kennzahlen/?jahr=2025",
        "/verteilung/kommunen/balve/",
        "/verteilung/zustaendigkeiten/",
    ]
    for url in urls:  # warm the per-process caches (content types, site) first
        client.get(url)
    before = [_queries(client, url) for url in urls]
    for n in range(12):
        kommune = Kommune.objects.create(name=f"Ort {n}", slug=f"ort-{n}", ags=f"0596{n + 100:04d}")
        for indikator in indikatoren.values():
            Kennzahl.objects.create(
                indikator=indikator, kommune=kommune, jahr=2025, wert=10 + n, quelle="x", stand=DAY
            )
        Zustaendigkeit.objects.create(
            person=f"P{n}", kommune=kommune, wochenstunden=1, sprechtage="-", ort="-"
        )
    after = [_queries(client, url) for url in urls]
    assert after == before


def test_entering_values_by_hand(client, koordination, kommunen, indikatoren):
    client.force_login(koordination)
    url = "/verteilung/kennzahlen/2025/asylerstantraege/"
    fields = {f"wert_{k.pk}": "" for k in kommunen.values()}
    bad = client.post(
        url,
        fields
        | {"quelle": "BAMF", "stand": "2026-03-31", f"wert_{kommunen['balve'].pk}": "vierzehn"},
    )
    assert bad.status_code == 200
    assert "Balve: Geben Sie eine Zahl ein." in bad.text or "Zahl" in bad.text
    assert 'value="vierzehn"' in bad.text  # the input survives
    assert not Kennzahl.objects.exists()
    fields[f"wert_{kommunen['balve'].pk}"] = "1.234,5"
    fields[f"wert_{kommunen['iserlohn'].pk}"] = "262"
    done = client.post(url, fields | {"quelle": "BAMF", "stand": "2026-03-31"}, follow=True)
    assert "2 Werte „Asylerstanträge“ 2025 sind gespeichert" in done.text
    balve = Kennzahl.objects.get(kommune=kommunen["balve"], jahr=2025)
    assert balve.wert == Decimal("1234.5") and balve.quelle == "BAMF"
    # The table of the year shows it in German notation.
    table = client.get("/verteilung/kennzahlen/?jahr=2025").text
    assert "1.234,5" in table
    assert "Asylerstanträge: BAMF, Stand 31.03.2026" in table
