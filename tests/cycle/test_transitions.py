"""Reports move through the triage's state machine when the cycle uses them; refused
transitions leave everything as it was and say why in German."""

import pytest
from django.urls import reverse

from cycle import actions
from cycle.actions import ActionRefused
from cycle.models import Fallrekonstruktion
from forms.models import Status

from .conftest import add_kette, advance, make_report


def statuses(*reports):
    return [type(r).objects.get(pk=r.pk).status for r in reports]


def test_adding_a_report_moves_it_to_zur_fallrekonstruktion(rekonstruktion, reporter, koordination):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    assert statuses(report) == [Status.ZUR_FALLREKONSTRUKTION]
    assert list(rekonstruktion.meldeboegen.all()) == [report]
    change = report.verlauf.latest("at")
    assert (change.from_status, change.to_status, change.by) == (
        Status.GESICHTET,
        Status.ZUR_FALLREKONSTRUKTION,
        koordination,
    )


def test_refused_transition_adds_nothing_and_says_why(rekonstruktion, reporter, koordination):
    report = make_report(reporter)  # eingegangen: not yet gesichtet
    with pytest.raises(ActionRefused) as refused:
        actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    assert report.reference in str(refused.value)
    assert "kann ein Meldebogen nicht zu „Zur Fallrekonstruktion vorgesehen“" in str(refused.value)
    assert "Möglich sind" in str(refused.value)
    assert rekonstruktion.meldeboegen.count() == 0
    assert statuses(report) == [Status.EINGEGANGEN]


def test_only_the_coordination_may_move_reports(rekonstruktion, reporter, koordination):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    with pytest.raises(ActionRefused, match="Nur die KIM-Koordination"):
        actions.add_to_rekonstruktion(rekonstruktion, report, by=reporter)
    assert rekonstruktion.meldeboegen.count() == 0


def test_completing_needs_chain_and_findings(rekonstruktion, reporter, koordination):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    with pytest.raises(ActionRefused) as refused:
        actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    assert "Dienstleistungskette" in str(refused.value)
    assert "Erkenntnisse" in str(refused.value)
    assert statuses(report) == [Status.ZUR_FALLREKONSTRUKTION]


def test_completing_moves_reports_to_rekonstruiert(
    rekonstruktion, reporter, other_reporter, koordination, organisation
):
    first = advance(make_report(reporter), koordination, Status.GESICHTET)
    second = advance(make_report(other_reporter), koordination, Status.GESICHTET)
    for report in (first, second):
        actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    add_kette(rekonstruktion, organisation)
    assert actions.complete_rekonstruktion(rekonstruktion, by=koordination) == 2
    assert statuses(first, second) == [Status.REKONSTRUIERT, Status.REKONSTRUIERT]
    rekonstruktion.refresh_from_db()
    assert rekonstruktion.status == Fallrekonstruktion.Status.ABGESCHLOSSEN
    with pytest.raises(ActionRefused, match="abgeschlossen"):
        actions.add_to_rekonstruktion(
            rekonstruktion,
            advance(make_report(reporter), koordination, "gesichtet"),
            by=koordination,
        )


def test_completion_is_all_or_nothing(
    rekonstruktion, reporter, other_reporter, koordination, organisation
):
    first = advance(make_report(reporter), koordination, Status.GESICHTET)
    second = advance(make_report(other_reporter), koordination, Status.GESICHTET)
    for report in (first, second):
        actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    # Meanwhile the second report was deferred: it cannot become "rekonstruiert".
    from forms.workflow import change_status

    change_status(second, Status.ZURUECKGESTELLT, by=koordination, comment="Rückfrage offen")
    add_kette(rekonstruktion, organisation)
    with pytest.raises(ActionRefused) as refused:
        actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    assert second.reference in str(refused.value)
    assert statuses(first, second) == [Status.ZUR_FALLREKONSTRUKTION, Status.ZURUECKGESTELLT]
    rekonstruktion.refresh_from_db()
    assert rekonstruktion.status == Fallrekonstruktion.Status.GEPLANT


def test_assigning_moves_to_thema_zugeordnet(thema, reporter, koordination):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.assign_to_thema(thema, report, by=koordination)
    assert statuses(report) == [Status.THEMA_ZUGEORDNET]
    assert list(thema.meldeboegen.all()) == [report]
    with pytest.raises(ActionRefused, match="gehört schon"):
        actions.assign_to_thema(thema, report, by=koordination)


def test_assigning_a_closed_report_is_refused_with_reason(thema, reporter, koordination):
    report = advance(
        make_report(reporter),
        koordination,
        Status.GESICHTET,
        Status.THEMA_ZUGEORDNET,
        Status.ABGESCHLOSSEN,
    )
    with pytest.raises(ActionRefused, match="Begründung"):
        actions.assign_to_thema(thema, report, by=koordination)
    assert thema.meldeboegen.count() == 0


def test_a_reconstruction_brings_its_reconstructed_reports_into_the_theme(
    thema, rekonstruktion, reporter, koordination, organisation
):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    add_kette(rekonstruktion, organisation)
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    assert actions.add_rekonstruktion_to_thema(thema, rekonstruktion, by=koordination) == 1
    assert statuses(report) == [Status.THEMA_ZUGEORDNET]
    assert list(thema.fallrekonstruktionen.all()) == [rekonstruktion]


# --- through the pages -----------------------------------------------------------------------


def test_refusal_on_the_theme_page_keeps_the_input_and_shows_the_reason(
    client, thema, reporter, koordination
):
    report = make_report(reporter, status=Status.ABGESCHLOSSEN)
    client.force_login(koordination)
    response = client.post(
        reverse("cycle:thema_meldebogen", args=[thema.pk]), {"mb-meldebogen": report.reference}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nicht ausgeführt" in content
    assert "Begründung" in content
    assert f'value="{report.reference}"' in content
    assert thema.meldeboegen.count() == 0


def test_unknown_reference_is_a_field_error(client, thema, koordination):
    client.force_login(koordination)
    response = client.post(
        reverse("cycle:thema_meldebogen", args=[thema.pk]), {"mb-meldebogen": "MB-1999-0001"}
    )
    assert response.status_code == 400
    assert "keinen eingegangenen Meldebogen mit der Nummer „MB-1999-0001“" in (
        response.content.decode()
    )


def test_assigning_on_the_theme_page(client, thema, reporter, koordination):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    client.force_login(koordination)
    response = client.post(
        reverse("cycle:thema_meldebogen", args=[thema.pk]),
        {"mb-meldebogen": report.reference.lower()},
        follow=True,
    )
    assert response.status_code == 200
    assert "ist dem Thema zugeordnet" in response.content.decode()
    assert statuses(report) == [Status.THEMA_ZUGEORDNET]


def test_panel_action_adds_to_reconstruction_and_returns_to_the_report(
    client, rekonstruktion, reporter, koordination
):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    client.force_login(koordination)
    back = reverse("cycle:spur", args=[report.pk])
    response = client.post(
        reverse("cycle:meldebogen_rekonstruktion", args=[report.pk]),
        {"rekonstruktion": rekonstruktion.pk, "next": back},
    )
    assert response.status_code == 302
    assert response.url == back
    assert statuses(report) == [Status.ZUR_FALLREKONSTRUKTION]


def test_panel_action_refusal_is_a_message(client, rekonstruktion, reporter, koordination):
    report = make_report(reporter)
    client.force_login(koordination)
    back = reverse("cycle:spur", args=[report.pk])
    response = client.post(
        reverse("cycle:meldebogen_rekonstruktion", args=[report.pk]),
        {"rekonstruktion": rekonstruktion.pk, "next": back},
        follow=True,
    )
    assert "Möglich sind" in response.content.decode()
    assert statuses(report) == [Status.EINGEGANGEN]


def test_completing_on_the_page(client, rekonstruktion, reporter, koordination, organisation):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    client.force_login(koordination)
    url = reverse("cycle:rekonstruktion_abschliessen", args=[rekonstruktion.pk])
    response = client.post(url)
    assert response.status_code == 400
    assert "Es fehlt: die Dienstleistungskette" in response.content.decode()
    add_kette(rekonstruktion, organisation)
    response = client.post(url, follow=True)
    assert "1 Meldebögen sind jetzt „rekonstruiert“" in response.content.decode()
    assert statuses(report) == [Status.REKONSTRUIERT]
