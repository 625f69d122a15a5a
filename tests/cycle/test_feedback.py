"""The feedback loop: reporters see on their own report what became of it, and get one e-mail
per report and decision, with only what they may see."""

import pytest
from django.test import RequestFactory

from accounts import roles
from cycle import actions
from cycle.models import Rueckmeldung
from cycle.panels import meldebogen_panel
from forms.models import Status

from .conftest import add_kette, advance, make_report, make_zielsystem, member


def panel(meldebogen, user) -> str:
    request = RequestFactory().get(f"/meldeboegen/{meldebogen.pk}/")
    request.user = user
    return meldebogen_panel(meldebogen, request)


@pytest.fixture
def assigned(thema, reporter, other_reporter, koordination):
    own = advance(make_report(reporter), koordination, Status.GESICHTET)
    foreign = advance(make_report(other_reporter), koordination, Status.GESICHTET)
    actions.assign_to_thema(thema, own, by=koordination)
    actions.assign_to_thema(thema, foreign, by=koordination)
    return {"own": own, "foreign": foreign}


def test_reporter_sees_theme_and_status_on_own_report(client, assigned, thema, reporter):
    client.force_login(reporter)
    response = client.get(assigned["own"].get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Was aus Ihrem Meldebogen geworden ist" in content
    assert f"Thema: {thema.title}" in content
    assert "in Klärung" in content
    assert "klärt das Thema gerade" in content
    # Never other reports, the internal description or the findings.
    assert assigned["foreign"].reference not in content
    assert "Interne Beschreibung" not in content


def test_panel_is_empty_for_other_users(assigned, other_reporter, ib_user):
    assert panel(assigned["own"], ib_user) == ""
    assert panel(assigned["own"], other_reporter) == ""


def test_reporter_sees_reconstruction_date_but_not_its_findings(
    rekonstruktion, reporter, koordination, organisation
):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    add_kette(rekonstruktion, organisation, findings="Geheime Erkenntnis der Runde")
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    html = panel(report, reporter)
    assert f"am {rekonstruktion.date:%d.%m.%Y} in einer Fallrekonstruktion" in html
    assert "Geheime Erkenntnis" not in html
    assert "Verpflichtung ohne Kursvermittlung" not in html


def test_internal_decision_is_not_shown_to_the_reporter(
    assigned, thema, beschluss_intern, arbeitsgruppe, koordination, reporter
):
    zielsystem = make_zielsystem(arbeitsgruppe)  # a draft: only for the Arbeitsgruppe
    actions.link_beschluss(
        thema,
        beschluss_intern,
        by=koordination,
        arbeitsgruppe=arbeitsgruppe,
        zielsystem=zielsystem,
        notify=False,
    )
    html = panel(assigned["own"], reporter)
    assert beschluss_intern.number not in html
    assert beschluss_intern.title not in html
    assert "sobald er für alle Akteure freigegeben ist" in html
    assert "Arbeitsgruppe Sprache" not in html
    assert "Zielsystem Sprache" not in html


def test_released_decision_and_zielsystem_are_shown(
    assigned, thema, beschluss_frei, arbeitsgruppe, koordination, reporter
):
    zielsystem = make_zielsystem(arbeitsgruppe, adopted_by=beschluss_frei, shared=True)
    actions.link_beschluss(
        thema,
        beschluss_frei,
        by=koordination,
        arbeitsgruppe=arbeitsgruppe,
        zielsystem=zielsystem,
        notify=False,
    )
    html = panel(assigned["own"], reporter)
    assert beschluss_frei.number in html
    assert beschluss_frei.get_absolute_url() in html
    assert "Arbeitsgruppe Sprache" in html
    # The reporter is no member: the Arbeitsgruppe's name, but no link into its space.
    assert f'href="{arbeitsgruppe.get_absolute_url()}"' not in html
    assert zielsystem.get_absolute_url() in html


def test_a_member_of_the_working_group_gets_the_link(
    assigned, thema, beschluss_intern, arbeitsgruppe, koordination, reporter
):
    member(arbeitsgruppe, reporter)
    actions.link_beschluss(
        thema, beschluss_intern, by=koordination, arbeitsgruppe=arbeitsgruppe, notify=False
    )
    html = panel(assigned["own"], reporter)
    assert f'href="{arbeitsgruppe.get_absolute_url()}"' in html
    assert beschluss_intern.number not in html  # the Lenkungsgruppe's decision stays internal


# --- e-mail ----------------------------------------------------------------------------------


def test_feedback_mail_goes_to_exactly_the_reporters_of_the_theme(
    outbox,
    thema,
    rekonstruktion,
    beschluss_frei,
    reporter,
    other_reporter,
    koordination,
    organisation,
    make_user,
):
    via_rek = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, via_rek, by=koordination)
    add_kette(rekonstruktion, organisation)
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    actions.add_rekonstruktion_to_thema(thema, rekonstruktion, by=koordination)
    direct = advance(make_report(other_reporter), koordination, Status.GESICHTET)
    actions.assign_to_thema(thema, direct, by=koordination)
    no_mail = make_user("ohne-mail", roles.CASE_MANAGEMENT)
    no_mail.email = ""
    no_mail.save()
    inactive = make_user("inaktiv", roles.CASE_MANAGEMENT, is_active=False)
    for owner in (no_mail, inactive):
        report = advance(make_report(owner), koordination, Status.GESICHTET)
        actions.assign_to_thema(thema, report, by=koordination)
    # A report in another theme and an unassigned report get nothing.
    make_report(make_user("unbeteiligt", roles.CASE_MANAGEMENT))

    sent = actions.link_beschluss(thema, beschluss_frei, by=koordination)

    assert sent == 2
    assert sorted(tuple(m.to) for m in outbox) == sorted(
        [(reporter.email,), (other_reporter.email,)]
    )
    by_recipient = {m.to[0]: m for m in outbox}
    own_mail = by_recipient[reporter.email]
    assert via_rek.reference in own_mail.subject
    assert direct.reference not in own_mail.body
    assert thema.title in own_mail.body
    assert beschluss_frei.number in own_mail.body
    assert "Interne Beschreibung" not in own_mail.body
    assert "Interne Erkenntnis" not in own_mail.body
    assert "Geheimer Freitext" not in own_mail.body
    assert Rueckmeldung.objects.count() == 2


def test_feedback_mail_once_per_report_and_decision(
    outbox, assigned, thema, beschluss_frei, beschluss_intern, koordination
):
    assert actions.link_beschluss(thema, beschluss_frei, by=koordination) == 2
    assert actions.link_beschluss(thema, beschluss_frei, by=koordination) == 0
    assert len(outbox) == 2
    # A further decision on the same theme is news again.
    assert actions.link_beschluss(thema, beschluss_intern, by=koordination) == 2
    assert len(outbox) == 4


def test_feedback_mail_hides_an_internal_decision(
    outbox, assigned, thema, beschluss_intern, koordination, reporter
):
    actions.link_beschluss(thema, beschluss_intern, by=koordination)
    mail = next(m for m in outbox if m.to == [reporter.email])
    assert beschluss_intern.number not in mail.body
    assert beschluss_intern.title not in mail.body
    assert "Wortlaut" in mail.body
    assert "sobald er für alle Akteure freigegeben ist" in mail.body
    assert assigned["own"].get_absolute_url() in mail.body


def test_a_second_report_of_the_same_reporter_gets_its_own_mail(
    outbox, thema, beschluss_frei, reporter, koordination
):
    for _ in range(2):
        report = advance(make_report(reporter), koordination, Status.GESICHTET)
        actions.assign_to_thema(thema, report, by=koordination)
    actions.link_beschluss(thema, beschluss_frei, by=koordination)
    assert len(outbox) == 2
    assert len({m.subject for m in outbox}) == 2
