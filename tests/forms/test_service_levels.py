"""Deadlines in working days (weekends and NRW public holidays), editable service levels, the
daily digest e-mail (numbers, status and days only)."""

import datetime
import io

import holidays
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forms.digest import overdue_rows, send_overdue_digest
from forms.models import Bearbeitungsfristen, Meldebogen, Status
from forms.service_levels import (
    add_working_days,
    deadline_for,
    is_working_day,
    recompute_deadlines,
    working_days_between,
)
from forms.tasks import send_triage_digest_task

D = datetime.date
NRW_HOLIDAYS = holidays.country_holidays("DE", subdiv="NW", years=range(2026, 2029))


def test_weekends_and_nrw_holidays_do_not_count():
    # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    # Fronleichnam (4 June 2026) is a holiday in NRW, not in every Land.
    assert not is_working_day(D(2026, 6, 4))
    assert add_working_days(D(2026, 6, 3), 1) == D(2026, 6, 5)
    # Allerheiligen (1 November) in NRW; 2027 it is a Monday.
    assert not is_working_day(D(2027, 11, 1))
    # Friday + 1 working day = Monday.
    assert add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 23)
    # Ten working days over Christmas 2026: 25 and 26 December are holidays, 24/31 are not.
    assert add_working_days(D(2026, 12, 18), 10) == D(2027, 1, 5)
    assert working_days_between(D(2026, 12, 18), D(2027, 1, 5)) == 10
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 20)) == 0


def _previous_add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The deadline arithmetic as it was before it used the holidays library's own functions:
    a day-by-day loop over a set of the year's NRW holidays."""
    day, remaining = start, days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in NRW_HOLIDAYS:
            remaining -= 1
    return day


def test_deadlines_for_two_years_of_dates_are_unchanged():
    """Every start day of 2026 and 2027 (Easter, Pentecost, Fronleichnam, Christmas and the
    turn of the year included) gets the same deadline and the same overdue count as before."""
    start = D(2026, 1, 1)
    for offset in range(730):
        day = start + datetime.timedelta(days=offset)
        for days in (0, 1, 3, 5, 10, 20):
            expected = _previous_add_working_days(day, days)
            assert add_working_days(day, days) == expected, (day, days)
            assert working_days_between(day, expected) == days, (day, days)
        assert is_working_day(day) == (day.weekday() < 5 and day not in NRW_HOLIDAYS)


def test_deadline_follows_the_configured_days(db):
    since = timezone.make_aware(datetime.datetime(2026, 11, 20, 9, 0))
    assert deadline_for(Status.EINGEGANGEN, since) == D(2026, 12, 4)  # 10 working days
    fristen = Bearbeitungsfristen.load()
    fristen.eingegangen = 3
    fristen.save()
    assert deadline_for(Status.EINGEGANGEN, since) == D(2026, 11, 25)
    assert deadline_for(Status.THEMA_ZUGEORDNET, since) is None  # empty: no deadline
    assert deadline_for(Status.ABGESCHLOSSEN, since) is None


def test_editing_the_service_levels_recomputes_open_reports(db, django_capture_on_commit_callbacks):
    since = timezone.make_aware(datetime.datetime(2026, 11, 20, 9, 0))
    open_report = Meldebogen.objects.create(
        status=Status.EINGEGANGEN,
        reference="MB-2026-0001",
        submitted_at=since,
        status_changed_at=since,
        frist=D(2026, 12, 4),
    )
    closed = Meldebogen.objects.create(
        status=Status.ABGESCHLOSSEN, reference="MB-2026-0002", submitted_at=since
    )
    fristen = Bearbeitungsfristen.load()
    fristen.eingegangen = 5
    with django_capture_on_commit_callbacks(execute=True):
        fristen.save()
    assert Meldebogen.objects.get(pk=open_report.pk).frist == D(2026, 11, 27)
    assert Meldebogen.objects.get(pk=closed.pk).frist is None
    assert recompute_deadlines() == 0


def test_coordination_edits_the_service_levels_in_the_admin(client, koordination):
    client.force_login(koordination)
    url = "/admin/settings/meldeboegen/bearbeitungsfristen/"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Erste Sichtung" in response.content.decode()


def make_overdue(reference, status, frist, situation="Geheimer Freitext zur Situation"):
    return Meldebogen.objects.create(
        status=status,
        reference=reference,
        submitted_at=timezone.now(),
        frist=frist,
        situation=situation,
    )


def test_digest_names_numbers_status_and_days_only(db, koordination):
    today = D(2026, 11, 25)  # Wednesday
    make_overdue("MB-2026-0001", Status.EINGEGANGEN, D(2026, 11, 20))  # Friday: 3 working days
    make_overdue("MB-2026-0002", Status.GESICHTET, D(2026, 11, 24))  # 1 working day
    make_overdue("MB-2026-0003", Status.GESICHTET, D(2026, 11, 26))  # not yet due
    make_overdue("MB-2026-0004", Status.ABGESCHLOSSEN, D(2026, 11, 1))  # finished
    assert overdue_rows(today) == [
        {"reference": "MB-2026-0001", "status": "Eingegangen", "days": 3},
        {"reference": "MB-2026-0002", "status": "Gesichtet", "days": 1},
    ]
    mail.outbox.clear()
    assert send_overdue_digest(today) == 2
    (digest,) = mail.outbox
    assert digest.bcc == [koordination.email]
    assert digest.subject == "Meldebögen: 2 über der Bearbeitungsfrist"
    assert "MB-2026-0001 · Eingegangen · 3 Arbeitstage überfällig" in digest.body
    assert "MB-2026-0002 · Gesichtet · 1 Arbeitstag überfällig" in digest.body
    assert "MB-2026-0003" not in digest.body and "MB-2026-0004" not in digest.body
    assert "Geheimer Freitext" not in digest.body
    assert "/meldeboegen/sichtung/?ueberfaellig=on" in digest.body


def test_no_digest_when_nothing_is_overdue(db, koordination):
    make_overdue("MB-2026-0001", Status.EINGEGANGEN, timezone.localdate())
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_triage_digest", stdout=out)
    assert "Keine überfälligen Meldebögen." in out.getvalue()
    assert mail.outbox == []


def test_command_and_task_send_the_digest(db, koordination):
    make_overdue("MB-2026-0001", Status.EINGEGANGEN, timezone.localdate() - datetime.timedelta(30))
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_triage_digest", stdout=out)
    assert "1 überfällige Meldebögen gemeldet." in out.getvalue()
    result = send_triage_digest_task.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 2
