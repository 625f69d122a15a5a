"""Fixtures for the cycle tests: submitted reports by two reporters, a Lenkungsgruppe with an
upcoming and a past Sitzung and decisions, an Arbeitsgruppe with a Zielsystem and indicators."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts import roles
from cycle.models import Fallrekonstruktion, GenerativesThema, Kettenglied
from forms.models import Meldebogen, Status
from forms.workflow import change_status
from knowledge.models import Organisation
from spaces.models import (
    Beschluss,
    Ergebnisziel,
    Gremium,
    Grundsatzziel,
    Indikator,
    Messwert,
    Mitgliedschaft,
    Rahmenziel,
    Sitz,
    Sitzung,
    Tagesordnungspunkt,
    Zielsystem,
)

_numbers = itertools.count(1)

SITUATION = "Geheimer Freitext der Meldung: Wartezeit beim Kursträger in Werdohl."


def make_report(owner, status: str = Status.EINGEGANGEN, **fields) -> Meldebogen:
    number = next(_numbers)
    return Meldebogen.objects.create(
        owner=owner,
        status=status,
        reference=f"MB-2026-{number:04d}",
        submitted_at=timezone.now() - datetime.timedelta(days=number),
        situation=fields.pop("situation", f"{SITUATION} ({number})"),
        **fields,
    )


def advance(meldebogen: Meldebogen, by, *statuses: str) -> Meldebogen:
    for status in statuses:
        change_status(meldebogen, status, by=by)
    return meldebogen


def member(gremium: Gremium, user, label: str = "Sitz") -> Sitz:
    sitz = Sitz.objects.create(gremium=gremium, label=label)
    Mitgliedschaft.objects.create(
        sitz=sitz, user=user, started_on=timezone.localdate() - datetime.timedelta(days=10)
    )
    return sitz


@pytest.fixture
def reporter(case_manager):
    return case_manager


@pytest.fixture
def other_reporter(partner):
    return partner


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Jobcenter Test", kind="jobcenter", email="info@jobcenter.example"
    )


@pytest.fixture
def lenkungsgruppe(db):
    gremium = Gremium.objects.create(
        name="Lenkungsgruppe", slug="lg", prefix="LG", kind=Gremium.Kind.LENKUNGSGRUPPE
    )
    now = timezone.now()
    upcoming = Sitzung.objects.create(
        gremium=gremium, title="3. Sitzung", starts_at=now + datetime.timedelta(days=20)
    )
    Tagesordnungspunkt.objects.create(sitzung=upcoming, title="Begrüßung", sort_order=0)
    Tagesordnungspunkt.objects.create(sitzung=upcoming, title="Verschiedenes", sort_order=1)
    past = Sitzung.objects.create(
        gremium=gremium,
        title="2. Sitzung",
        starts_at=now - datetime.timedelta(days=20),
        status=Sitzung.Status.DURCHGEFUEHRT,
    )
    return {"gremium": gremium, "upcoming": upcoming, "past": past}


@pytest.fixture
def arbeitsgruppe(lenkungsgruppe):
    return Gremium.objects.create(
        name="Arbeitsgruppe Sprache",
        slug="ag-sprache",
        prefix="AGS",
        kind=Gremium.Kind.ARBEITSGRUPPE,
        parent=lenkungsgruppe["gremium"],
    )


def make_beschluss(lenkungsgruppe, title: str, shared: bool) -> Beschluss:
    beschluss = Beschluss.objects.create(
        gremium=lenkungsgruppe["gremium"],
        sitzung=lenkungsgruppe["past"],
        title=title,
        text=f"Wortlaut: {title}",
        decided_on=timezone.localdate() - datetime.timedelta(days=20),
        shared_with_all=shared,
    )
    # Part of the record, as once the minutes of its Sitzung are approved (spaces' rule:
    # a released Beschluss reaches people outside the Gremium only then).
    Beschluss.objects.filter(pk=beschluss.pk).update(festgestellt_am=timezone.now())
    beschluss.refresh_from_db()
    beschluss.save()  # the search entry follows
    return beschluss


@pytest.fixture
def beschluss_intern(lenkungsgruppe):
    return make_beschluss(lenkungsgruppe, "Interne Einrichtung der Arbeitsgruppe", shared=False)


@pytest.fixture
def beschluss_frei(lenkungsgruppe):
    return make_beschluss(lenkungsgruppe, "Freigegebene Einrichtung der Arbeitsgruppe", True)


def make_zielsystem(arbeitsgruppe, adopted_by=None, shared=False, indicators: int = 1):
    zielsystem = Zielsystem.objects.create(
        gremium=arbeitsgruppe,
        title="Zielsystem Sprache",
        status=Zielsystem.Status.BESCHLOSSEN if adopted_by else Zielsystem.Status.ENTWURF,
        adopted_by=adopted_by,
        shared_with_all=shared,
    )
    grundsatz = Grundsatzziel.objects.create(zielsystem=zielsystem, title="Kurs in 8 Wochen")
    rahmen = Rahmenziel.objects.create(grundsatzziel=grundsatz, title="Übersicht der Plätze")
    ergebnis = Ergebnisziel.objects.create(rahmenziel=rahmen, title="Warteliste eingeführt")
    for i in range(indicators):
        indikator = Indikator.objects.create(
            ergebnisziel=ergebnis,
            name=f"Anteil Kursbeginn in 8 Wochen {i}",
            unit="%",
            baseline=Decimal("40"),
            target=Decimal("80"),
            sort_order=i,
        )
        Messwert.objects.create(
            indikator=indikator, measured_on=datetime.date(2026, 3, 1), value=Decimal("45")
        )
        Messwert.objects.create(
            indikator=indikator, measured_on=datetime.date(2026, 9, 1), value=Decimal("61.5")
        )
    return zielsystem


@pytest.fixture
def thema(db):
    return GenerativesThema.objects.create(
        title="Wartezeiten auf Integrationskurse",
        description="Interne Beschreibung: Kursträger und Jobcenter sprechen nicht miteinander.",
        rechtskreise=["sgb2"],
    )


@pytest.fixture
def rekonstruktion(koordination, organisation):
    rek = Fallrekonstruktion.objects.create(
        title="Wartezeit Werdohl",
        # Today: invitations still go out, and it may be closed (not before its date).
        date=timezone.localdate(),
        place="Kreishaus",
        purpose="Den Weg zum Integrationskurs nachvollziehen.",
        moderator=koordination,
    )
    return rek


def add_kette(rek: Fallrekonstruktion, organisation, findings: str = "Interne Erkenntnis") -> None:
    Kettenglied.objects.create(
        fallrekonstruktion=rek,
        organisation=organisation,
        rechtskreis="sgb2",
        geschehen="Verpflichtung ohne Kursvermittlung",
        bruch="Kein Hinweis auf Kinderbetreuung",
        sort_order=0,
    )
    rek.findings = findings
    rek.save()


@pytest.fixture
def ib_user(make_user):
    return make_user("ib-test-cycle", roles.INTEGRATIONSBEAUFTRAGTE)


@pytest.fixture
def outbox(db, mailoutbox):
    """The cycle's mails in the outbox, taken after the database fixture (which replaces
    ``mail.outbox``): without the reporters' status mails of the triage, which the cycle's
    actions cause too (tested in tests/forms/test_reporter_feedback.py)."""
    return CycleOutbox(mailoutbox)


STATUS_MAIL_SUBJECT = "Neuer Stand Ihres Meldebogens"


class CycleOutbox:
    """A live view of the outbox without status mails."""

    def __init__(self, mails: list) -> None:
        self._mails = mails

    def _cycle(self) -> list:
        return [m for m in self._mails if not str(m.subject).startswith(STATUS_MAIL_SUBJECT)]

    def __iter__(self):
        return iter(self._cycle())

    def __len__(self) -> int:
        return len(self._cycle())

    def __getitem__(self, index):
        return self._cycle()[index]

    def __bool__(self) -> bool:
        return bool(self._cycle())
