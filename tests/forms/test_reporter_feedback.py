"""Reporters are not left guessing: closing transitions carry a reason written for them
(separate from the internal one), status changes reach them by e-mail unless they switched
that off for the report, and the page never promises news for a closed report."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forms.models import Meldebogen, Status, Thema
from forms.workflow import change_status

STATUS_SUBJECT = "Neuer Stand Ihres Meldebogens"
INTERNAL = "Intern: die Leitung der VHS hält das für übertrieben."
FOR_REPORTER = "Das Raumangebot ist Sache der Stadt Balve; wir haben Ihr Anliegen weitergegeben."


def status_mails(mailoutbox) -> list:
    return [m for m in mailoutbox if m.subject.startswith(STATUS_SUBJECT)]


@pytest.fixture
def report(db, case_manager, kommunen):
    now = timezone.now() - datetime.timedelta(days=3)
    meldebogen = Meldebogen.objects.create(
        owner=case_manager,
        status=Status.EINGEGANGEN,
        reference="MB-2026-0101",
        submitted_at=now,
        status_changed_at=now,
        thema=Thema.objects.get(name="Sprache"),
        situation="Geheimer Freitext: Wartezeit beim Kursträger.",
    )
    meldebogen.kommunen.set([kommunen[0]])
    return meldebogen


def triage(client, meldebogen, **data):
    meldebogen.refresh_from_db()
    return client.post(
        reverse("forms:triage", args=[meldebogen.pk]),
        {"formular": "status", "version": meldebogen.version, **data},
    )


def test_not_pursued_shows_the_reporters_reason_not_the_internal_one(
    client, koordination, case_manager, report
):
    client.force_login(koordination)
    response = triage(
        client,
        report,
        neuer_status=Status.NICHT_WEITERVERFOLGT,
        kommentar=INTERNAL,
        begruendung_meldende=FOR_REPORTER,
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.NICHT_WEITERVERFOLGT
    assert report.reporter_reason == FOR_REPORTER
    assert report.verlauf.get().reason == INTERNAL

    client.force_login(case_manager)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Begründung der KIM-Koordination" in page
    assert FOR_REPORTER in page
    assert INTERNAL not in page
    assert "Sobald sich daraus etwas ergibt" not in page
    assert "Warum, lesen Sie oben beim Status." in page


def test_not_pursued_without_a_reason_for_the_reporter_is_refused_in_german(
    client, koordination, report
):
    client.force_login(koordination)
    response = triage(client, report, neuer_status=Status.NICHT_WEITERVERFOLGT, kommentar=INTERNAL)
    assert response.status_code == 400
    html = response.content.decode()
    assert "braucht die meldende Person eine Begründung" in html
    assert INTERNAL in html  # the typed internal reason survives
    report.refresh_from_db()
    assert report.status == Status.EINGEGANGEN
    # The state machine says the same to every other caller.
    with pytest.raises(Exception, match="braucht die meldende Person eine Begründung"):
        change_status(report, Status.NICHT_WEITERVERFOLGT, by=koordination, comment=INTERNAL)


def test_reporter_reason_is_only_for_closing_transitions(client, koordination, report):
    client.force_login(koordination)
    response = triage(
        client, report, neuer_status=Status.GESICHTET, begruendung_meldende=FOR_REPORTER
    )
    assert response.status_code == 400
    assert "gibt es nur beim Abschließen" in response.content.decode()


def test_reopening_clears_the_reporters_reason(koordination, report):
    change_status(
        report,
        Status.NICHT_WEITERVERFOLGT,
        by=koordination,
        comment=INTERNAL,
        reporter_reason=FOR_REPORTER,
    )
    change_status(report, Status.GESICHTET, by=koordination, comment="Neue Hinweise")
    report.refresh_from_db()
    assert report.reporter_reason == ""


def test_bulk_not_pursued_needs_and_stores_the_reporters_reason(client, koordination, report):
    client.force_login(koordination)
    worklist = reverse("forms:worklist")
    selection = f"{report.pk}:{report.version}"
    data = {"aktion": "nicht_weiterverfolgen", "begruendung": INTERNAL, "auswahl": [selection]}
    response = client.post(worklist, data)
    assert response.status_code == 400
    assert "brauchen die meldenden Personen eine Begründung" in response.content.decode()
    response = client.post(worklist, {**data, "begruendung_meldende": FOR_REPORTER})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.reporter_reason) == (Status.NICHT_WEITERVERFOLGT, FOR_REPORTER)


def test_status_change_mails_the_reporter_without_content(
    koordination, case_manager, report, mailoutbox
):
    change_status(report, Status.GESICHTET, by=koordination)
    change_status(
        report,
        Status.NICHT_WEITERVERFOLGT,
        by=koordination,
        comment=INTERNAL,
        reporter_reason=FOR_REPORTER,
    )
    mails = status_mails(mailoutbox)
    assert [m.to for m in mails] == [[case_manager.email]] * 2
    assert mails[0].subject == f"{STATUS_SUBJECT} MB-2026-0101: Gesichtet"
    last = mails[1].body
    assert "Nicht weiterverfolgt" in last
    assert "eine Begründung geschrieben" in last
    assert report.get_absolute_url() in last
    assert "#benachrichtigung" in last
    # Nothing that was written about the report leaves the portal.
    for text in (FOR_REPORTER, INTERNAL, "Geheimer Freitext"):
        assert text not in last


def test_reporter_switches_status_mails_off_and_on(
    client, koordination, case_manager, partner, report, mailoutbox
):
    url = reverse("forms:status_mails", args=[report.pk])
    client.force_login(partner)
    assert client.post(url, {"status_mails": "aus"}).status_code == 404

    client.force_login(case_manager)
    response = client.post(url, {"status_mails": "aus"}, follow=True)
    html = response.content.decode()
    assert "Sie erhalten keine E-Mails mehr über Statusänderungen von MB-2026-0101" in html
    assert "E-Mails zu diesem Meldebogen wieder einschalten" in html
    change_status(report, Status.GESICHTET, by=koordination)
    assert status_mails(mailoutbox) == []

    client.post(url, {"status_mails": "an"})
    report.refresh_from_db()
    change_status(report, Status.ZURUECKGESTELLT, by=koordination, comment="Später")
    assert len(status_mails(mailoutbox)) == 1


def test_the_partner_api_lists_the_reporters_reason(client, koordination, case_manager, report):
    from tests.forms.test_api_partner_systems import auth, create_token

    change_status(
        report,
        Status.NICHT_WEITERVERFOLGT,
        by=koordination,
        comment=INTERNAL,
        reporter_reason=FOR_REPORTER,
    )
    token = create_token(case_manager.username)
    [item] = client.get("/api/v1/meldeboegen/", headers=auth(token)).json()["items"]
    assert item["status"] == "nicht_weiterverfolgt"
    assert item["begruendung"] == FOR_REPORTER
    assert INTERNAL not in str(item)
