"""The trace in both directions: from a report to the Zielsystem and its indicators, and back
from a decision to the reports (full for the coordination, only the theme for others)."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts import roles
from cycle import actions
from cycle.panels import beschluss_panel
from cycle.trace import meldeboegen_by_thema, meldebogen_trace
from forms.models import Status

from .conftest import add_kette, advance, make_report, make_zielsystem, member


@pytest.fixture
def chain(
    thema,
    rekonstruktion,
    lenkungsgruppe,
    arbeitsgruppe,
    beschluss_frei,
    reporter,
    other_reporter,
    koordination,
    organisation,
):
    """Report A via a reconstruction, report B directly, into a theme that went to the
    Lenkungsgruppe, was decided, handed to an Arbeitsgruppe with an adopted Zielsystem."""
    via_rek = advance(make_report(reporter), koordination, Status.GESICHTET)
    direct = advance(make_report(other_reporter), koordination, Status.GESICHTET)
    unrelated = advance(make_report(other_reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, via_rek, by=koordination)
    add_kette(rekonstruktion, organisation)
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    actions.add_rekonstruktion_to_thema(thema, rekonstruktion, by=koordination)
    actions.assign_to_thema(thema, direct, by=koordination)
    top = actions.put_on_agenda(thema, lenkungsgruppe["upcoming"], by=koordination)
    zielsystem = make_zielsystem(arbeitsgruppe, adopted_by=beschluss_frei, shared=True)
    actions.link_beschluss(
        thema,
        beschluss_frei,
        by=koordination,
        arbeitsgruppe=arbeitsgruppe,
        zielsystem=zielsystem,
        notify=False,
    )
    return {
        "via_rek": via_rek,
        "direct": direct,
        "unrelated": unrelated,
        "top": top,
        "zielsystem": zielsystem,
    }


def test_forward_from_a_report(chain, thema, rekonstruktion, beschluss_frei, arbeitsgruppe):
    trace = meldebogen_trace(chain["via_rek"])
    assert trace.rekonstruktionen == [rekonstruktion]
    [item] = trace.themen
    assert item.thema == thema
    assert item.thema.tagesordnungspunkt == chain["top"]
    assert item.thema.beschluss == beschluss_frei
    assert item.thema.arbeitsgruppe == arbeitsgruppe
    assert item.thema.zielsystem == chain["zielsystem"]
    [stand] = item.indikatoren
    assert stand.latest_value == Decimal("61.5")


def test_trace_page_shows_the_whole_chain(client, chain, thema, beschluss_frei, koordination):
    client.force_login(koordination)
    response = client.get(reverse("cycle:spur", args=[chain["via_rek"].pk]))
    content = response.content.decode()
    for expected in (
        "Wartezeit Werdohl",
        thema.title,
        "3. Sitzung",
        beschluss_frei.number,
        "Arbeitsgruppe Sprache",
        "Zielsystem Sprache",
        "Anteil Kursbeginn in 8 Wochen 0",
        "61,5 %",
    ):
        assert expected in content, expected


def test_back_from_the_decision_for_the_coordination(chain, beschluss_frei, koordination):
    reports = meldeboegen_by_thema([chain["top"].generative_themen.get().pk])
    assert sorted(mb.reference for mb in next(iter(reports.values()))) == sorted(
        [chain["via_rek"].reference, chain["direct"].reference]
    )
    request = RequestFactory().get("/")
    request.user = koordination
    html = beschluss_panel(beschluss_frei, request)
    assert chain["via_rek"].reference in html
    assert chain["direct"].reference in html
    assert reverse("cycle:spur", args=[chain["direct"].pk]) in html
    assert chain["unrelated"].reference not in html


def test_beschluss_page_for_others_shows_only_the_theme(
    client, chain, thema, beschluss_frei, make_user
):
    reader = make_user("leserin", roles.INTEGRATIONSBEAUFTRAGTE)
    client.force_login(reader)
    response = client.get(beschluss_frei.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Grundlage aus der Praxis" in content
    assert thema.title in content
    assert "Meldungen aus der Praxis" in content
    assert "MB-2026-" not in content
    assert thema.get_absolute_url() not in content
    assert "Interne Beschreibung" not in content


def test_internal_decision_stays_hidden(client, thema, beschluss_intern, koordination, make_user):
    actions.link_beschluss(thema, beschluss_intern, by=koordination, notify=False)
    outsider = make_user("aussen", roles.EXTERNE_PARTNER)
    client.force_login(outsider)
    assert client.get(beschluss_intern.get_absolute_url()).status_code == 404


def test_members_of_the_lenkungsgruppe_see_theme_titles_not_reports(
    client, chain, thema, beschluss_frei, lenkungsgruppe, make_user
):
    lg_member = make_user("lg-mitglied", roles.EXTERNE_PARTNER)
    member(lenkungsgruppe["gremium"], lg_member)
    client.force_login(lg_member)
    content = client.get(beschluss_frei.get_absolute_url()).content.decode()
    assert thema.title in content
    assert chain["direct"].reference not in content


def test_theme_page_lists_reports_and_the_chain(client, chain, thema, koordination):
    client.force_login(koordination)
    content = client.get(thema.get_absolute_url()).content.decode()
    assert chain["via_rek"].reference in content
    assert chain["direct"].reference in content
    assert chain["unrelated"].reference not in content
    assert "Zielsystem Sprache" in content


def test_the_coordinations_triage_view_shows_the_cycle_and_the_way_to_the_trace(
    client, chain, thema, rekonstruktion, koordination
):
    client.force_login(koordination)
    response = client.get(reverse("forms:triage", args=[chain["via_rek"].pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "KIM-Zyklus" in content
    assert thema.get_absolute_url() in content
    assert rekonstruktion.get_absolute_url() in content
    assert reverse("cycle:spur", args=[chain["via_rek"].pk]) in content
