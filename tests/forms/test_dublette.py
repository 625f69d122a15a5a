"""Duplicates: a report marked as a Dublette of another is kept, linked both ways, counted
once in the statistics, explained to its reporter, and the marking is a transition with a
Verlauf row that can be undone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forms.models import Meldebogen, Status, Thema
from forms.workflow import TransitionRefused, change_status
from reporting.statistics import Period, Statistics


def make(owner, number: int, kommunen) -> Meldebogen:
    now = timezone.now() - datetime.timedelta(days=2)
    meldebogen = Meldebogen.objects.create(
        owner=owner,
        status=Status.EINGEGANGEN,
        reference=f"MB-2026-{number:04d}",
        submitted_at=now,
        status_changed_at=now,
        thema=Thema.objects.get(name="Sprache"),
        situation="Wartezeit auf den Integrationskurs in Werdohl.",
    )
    meldebogen.kommunen.set([kommunen[0]])
    return meldebogen


@pytest.fixture
def pair(db, case_manager, partner, kommunen):
    return make(partner, 1, kommunen), make(case_manager, 2, kommunen)


def post_dublette(client, meldebogen, reference: str, **extra):
    meldebogen.refresh_from_db()
    return client.post(
        reverse("forms:triage", args=[meldebogen.pk]),
        {
            "formular": "status",
            "version": meldebogen.version,
            "neuer_status": Status.DUBLETTE,
            "dublette_von": reference,
            **extra,
        },
    )


def test_marking_a_dublette_in_the_triage_links_both_ways(client, koordination, pair):
    original, dublette = pair
    client.force_login(koordination)
    response = post_dublette(client, dublette, "mb-2026-0001")
    assert response.status_code == 302
    dublette.refresh_from_db()
    assert dublette.status == Status.DUBLETTE
    assert dublette.duplicate_of == original
    assert list(original.dubletten.all()) == [dublette]
    # A transition with history, naming the original.
    [entry] = dublette.verlauf.all()
    assert (entry.from_status, entry.to_status) == (Status.EINGEGANGEN, Status.DUBLETTE)
    assert entry.reason == "Dublette von MB-2026-0001"
    assert entry.by == koordination

    dublette_page = client.get(reverse("forms:triage", args=[dublette.pk])).content.decode()
    assert "Dublette von" in dublette_page
    assert reverse("forms:triage", args=[original.pk]) in dublette_page
    original_page = client.get(reverse("forms:triage", args=[original.pk])).content.decode()
    assert "Dubletten dieses Meldebogens" in original_page
    assert reverse("forms:triage", args=[dublette.pk]) in original_page


def test_the_reporter_of_the_dublette_reads_what_it_means(client, koordination, case_manager, pair):
    original, dublette = pair
    change_status(dublette, Status.DUBLETTE, by=koordination, duplicate_of=original)
    client.force_login(case_manager)
    html = client.get(dublette.get_absolute_url()).content.decode()
    assert (
        "Derselbe Fall liegt der KIM-Koordination bereits in einem anderen Meldebogen vor" in html
    )
    assert "in der Statistik zählt der Fall einmal" in html
    assert "Sobald sich daraus etwas ergibt" not in html
    # The other report belongs to someone else: not even its number is shown.
    assert original.reference not in html


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("", "Bitte geben Sie die Nummer des Meldebogens an"),
        ("MB-2026-9999", "Einen eingereichten Meldebogen MB-2026-9999 gibt es nicht."),
        ("MB-2026-0002", "Ein Meldebogen kann keine Dublette von sich selbst sein."),
    ],
)
def test_a_wrong_original_is_refused_in_german(client, koordination, pair, reference, message):
    _original, dublette = pair
    client.force_login(koordination)
    response = post_dublette(client, dublette, reference, kommentar="Gleicher Fall")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Gleicher Fall" in html
    dublette.refresh_from_db()
    assert dublette.status == Status.EINGEGANGEN


def test_the_machine_refuses_a_dublette_without_original(koordination, pair):
    _original, dublette = pair
    with pytest.raises(TransitionRefused) as refused:
        change_status(dublette, Status.DUBLETTE, by=koordination)
    assert refused.value.code == "duplicate"


def test_a_dublette_of_a_dublette_points_at_the_original(
    koordination, pair, case_manager, kommunen
):
    original, dublette = pair
    third = make(case_manager, 3, kommunen)
    change_status(dublette, Status.DUBLETTE, by=koordination, duplicate_of=original)
    change_status(third, Status.DUBLETTE, by=koordination, duplicate_of=dublette)
    third.refresh_from_db()
    assert third.duplicate_of == original


def test_undoing_a_dublette_needs_a_reason_and_clears_the_link(koordination, pair):
    original, dublette = pair
    change_status(dublette, Status.DUBLETTE, by=koordination, duplicate_of=original)
    with pytest.raises(TransitionRefused):
        change_status(dublette, Status.GESICHTET, by=koordination)
    change_status(dublette, Status.GESICHTET, by=koordination, comment="Anderer Kurs")
    dublette.refresh_from_db()
    assert dublette.duplicate_of is None
    assert not original.dubletten.exists()


def test_a_dublette_is_counted_once_in_the_statistics(koordination, pair):
    original, dublette = pair
    period = Period.default()
    assert Statistics.for_period(period).total.count == 2
    change_status(dublette, Status.DUBLETTE, by=koordination, duplicate_of=original)
    assert Statistics.for_period(period).total.count == 1
    assert list(period.submitted_reports()) == [original]
    # Kept: the report and its text are still there.
    dublette.refresh_from_db()
    assert dublette.situation
