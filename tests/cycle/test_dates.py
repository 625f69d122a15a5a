"""Nothing is reported as done before it happened: a Fallrekonstruktion is not closed before
its date (by the action, the transition machine or an edit of the date), and a future-dated
Beschluss tells its reporters on its date, not when it is linked."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cycle import actions
from cycle.actions import ActionRefused
from cycle.models import Fallrekonstruktion, Rueckmeldung
from cycle.panels import meldebogen_panel
from cycle.transitions import FALLREKONSTRUKTION
from forms.models import Status
from portal.transitions import TransitionRefused

from .conftest import add_kette, advance, make_beschluss, make_report

FEEDBACK_SUBJECT = "ist in einen Beschluss der Lenkungsgruppe eingeflossen"


def panel(meldebogen, user) -> str:
    request = RequestFactory().get(f"/meldeboegen/{meldebogen.pk}/")
    request.user = user
    return meldebogen_panel(meldebogen, request)


@pytest.fixture
def planned(rekonstruktion, reporter, koordination, organisation):
    """A reconstruction next week with a report, a chain and findings: all but its date."""
    rekonstruktion.date = timezone.localdate() + datetime.timedelta(days=7)
    rekonstruktion.save()
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    add_kette(rekonstruktion, organisation)
    return rekonstruktion, report


def test_a_reconstruction_cannot_be_closed_before_its_date(planned, koordination, reporter):
    rekonstruktion, report = planned
    with pytest.raises(ActionRefused) as refused:
        actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    assert "kann erst an diesem Tag oder danach abgeschlossen werden" in str(refused.value)
    assert f"{rekonstruktion.date:%d.%m.%Y}" in str(refused.value)
    rekonstruktion.refresh_from_db()
    report.refresh_from_db()
    assert rekonstruktion.status == Fallrekonstruktion.Status.GEPLANT
    assert report.status == Status.ZUR_FALLREKONSTRUKTION
    # The reporter reads that it is planned, not that it happened.
    html = panel(report, reporter)
    assert "soll am" in html
    assert "wurde am" not in html


def test_the_transition_itself_refuses_an_early_closing(planned, koordination):
    """The guard sits in the machine, so no other path (admin, shell) can close it early."""
    rekonstruktion, _report = planned
    with pytest.raises(TransitionRefused) as refused:
        FALLREKONSTRUKTION.apply(
            rekonstruktion, Fallrekonstruktion.Status.ABGESCHLOSSEN, by=koordination
        )
    assert refused.value.code == "too_early"
    assert not rekonstruktion.verlauf.exists()
    assert Fallrekonstruktion.objects.get().status == Fallrekonstruktion.Status.GEPLANT


def test_closing_on_its_date_tells_the_reporter(planned, koordination, reporter):
    rekonstruktion, report = planned
    Fallrekonstruktion.objects.filter(pk=rekonstruktion.pk).update(date=timezone.localdate())
    rekonstruktion.refresh_from_db()
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    assert "wurde am" in panel(report, reporter)


def test_the_date_of_a_closed_reconstruction_cannot_move_past_its_closing(planned, koordination):
    rekonstruktion, _report = planned
    Fallrekonstruktion.objects.filter(pk=rekonstruktion.pk).update(date=timezone.localdate())
    rekonstruktion.refresh_from_db()
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    rekonstruktion.date = timezone.localdate() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as invalid:
        rekonstruktion.full_clean()
    assert "ihr Datum kann nicht danach liegen" in str(invalid.value.message_dict["date"])


def test_the_admin_refuses_a_date_after_the_closing(client, planned, koordination):
    rekonstruktion, _report = planned
    Fallrekonstruktion.objects.filter(pk=rekonstruktion.pk).update(date=timezone.localdate())
    rekonstruktion.refresh_from_db()
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    client.force_login(koordination)
    url = f"/admin/snippets/cycle/fallrekonstruktion/edit/{rekonstruktion.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    for formset in form.formsets.values():
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": str(len(formset.forms)),
                f"{formset.prefix}-INITIAL_FORMS": str(len(formset.forms)),
                f"{formset.prefix}-MIN_NUM_FORMS": "0",
                f"{formset.prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for index, child in enumerate(formset.forms):
            for name, value in child.initial.items():
                if value is not None:
                    data[f"{formset.prefix}-{index}-{name}"] = getattr(value, "pk", value)
            data[f"{formset.prefix}-{index}-id"] = child.instance.pk
            data[f"{formset.prefix}-{index}-ORDER"] = str(index + 1)
    later = timezone.localdate() + datetime.timedelta(days=3)
    data["date"] = later.isoformat()
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "ihr Datum kann nicht danach liegen" in response.content.decode()
    rekonstruktion.refresh_from_db()
    assert rekonstruktion.date == timezone.localdate()


@pytest.fixture
def decided_theme(thema, reporter, koordination):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.assign_to_thema(thema, report, by=koordination)
    return thema, report


def test_a_future_dated_beschluss_mails_reporters_on_its_date(
    decided_theme, lenkungsgruppe, koordination, reporter, outbox, client
):
    thema, report = decided_theme
    beschluss = make_beschluss(lenkungsgruppe, "Kursplätze mit Kinderbetreuung", shared=True)
    # The model refuses a future date (spaces' record rule); data from before that rule, or a
    # database edit, can still hold one, and feedback must wait for it all the same.
    type(beschluss).objects.filter(pk=beschluss.pk).update(
        decided_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    beschluss.refresh_from_db()

    assert actions.link_beschluss(thema, beschluss, by=koordination) == 0
    assert not [m for m in outbox if FEEDBACK_SUBJECT in m.subject]
    assert not Rueckmeldung.objects.exists()
    # Nor does the reporter read of it on the page yet.
    assert "Kursplätze mit Kinderbetreuung" not in panel(report, reporter)
    assert "einen Beschluss gefasst" not in panel(report, reporter)

    # The daily job sends nothing before the date ...
    out = io.StringIO()
    call_command("send_rueckmeldungen", stdout=out)
    assert "0 Rückmeldungen" in out.getvalue()
    assert not [m for m in outbox if FEEDBACK_SUBJECT in m.subject]

    # ... and the feedback once the date has come.
    type(beschluss).objects.filter(pk=beschluss.pk).update(decided_on=timezone.localdate())
    call_command("send_rueckmeldungen", stdout=io.StringIO())
    mails = [m for m in outbox if FEEDBACK_SUBJECT in m.subject]
    assert [m.to for m in mails] == [[reporter.email]]
    assert "Kursplätze mit Kinderbetreuung" in panel(report, reporter)
    # Once only.
    call_command("send_rueckmeldungen", stdout=io.StringIO())
    assert len([m for m in outbox if FEEDBACK_SUBJECT in m.subject]) == 1


def test_linking_a_future_beschluss_on_the_page_says_when_reporters_learn_of_it(
    client, decided_theme, lenkungsgruppe, koordination
):
    thema, _report = decided_theme
    beschluss = make_beschluss(lenkungsgruppe, "Später gültig", shared=True)
    # The model refuses a future date (spaces' record rule); data from before that rule, or a
    # database edit, can still hold one, and feedback must wait for it all the same.
    type(beschluss).objects.filter(pk=beschluss.pk).update(
        decided_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    beschluss.refresh_from_db()
    client.force_login(koordination)
    response = client.post(
        reverse("cycle:thema_beschluss", args=[thema.pk]),
        {"be-beschluss": beschluss.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert (
        f"Er ist auf den {beschluss.decided_on:%d.%m.%Y} datiert: Die meldenden Personen "
        "erfahren davon an diesem Tag." in response.content.decode()
    )


def test_a_report_joining_a_decided_theme_is_told(
    thema, lenkungsgruppe, reporter, other_reporter, koordination, outbox
):
    first = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.assign_to_thema(thema, first, by=koordination)
    beschluss = make_beschluss(lenkungsgruppe, "Gemeinsame Warteliste", shared=True)
    assert actions.link_beschluss(thema, beschluss, by=koordination) == 1

    late = advance(make_report(other_reporter), koordination, Status.GESICHTET)
    actions.assign_to_thema(thema, late, by=koordination)
    mails = [m for m in outbox if FEEDBACK_SUBJECT in m.subject]
    assert sorted(m.to[0] for m in mails) == sorted([reporter.email, other_reporter.email])
    late_mail = next(m for m in mails if m.to == [other_reporter.email])
    assert late.reference in late_mail.subject
    assert Rueckmeldung.objects.filter(meldebogen=late, beschluss=beschluss).exists()
