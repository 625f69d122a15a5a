"""The triage state machine: allowed and refused transitions, reasons, permissions, history,
optimistic locking (and a real two-connection race on PostgreSQL)."""

import os
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from forms.models import Meldebogen, Status
from forms.workflow import (
    ALLOWED_STATUS_CHANGES,
    TransitionRefused,
    allowed_transitions,
    change_status,
    reporter_status_text,
)
from portal.models import Verlaufseintrag

from .conftest import fill_all_steps, start_draft


def make_report(owner=None, number=1, status=Status.EINGEGANGEN, **fields) -> Meldebogen:
    now = timezone.now()
    return Meldebogen.objects.create(
        owner=owner,
        status=status,
        reference=f"MB-2026-{number:04d}",
        submitted_at=now,
        status_changed_at=now,
        **fields,
    )


def test_main_path_is_allowed_and_recorded(koordination):
    meldebogen = make_report()
    path = [
        Status.GESICHTET,
        Status.ZUR_FALLREKONSTRUKTION,
        Status.REKONSTRUIERT,
        Status.THEMA_ZUGEORDNET,
        Status.ABGESCHLOSSEN,
    ]
    for target in path:
        change = change_status(meldebogen, target, by=koordination, comment=f"nach {target}")
        assert change.to_status == target
    meldebogen.refresh_from_db()
    assert meldebogen.status == Status.ABGESCHLOSSEN
    assert meldebogen.version == len(path)
    history = list(meldebogen.verlauf.values_list("from_status", "to_status", "by"))
    assert history == [
        (Status.EINGEGANGEN, Status.GESICHTET, koordination.pk),
        (Status.GESICHTET, Status.ZUR_FALLREKONSTRUKTION, koordination.pk),
        (Status.ZUR_FALLREKONSTRUKTION, Status.REKONSTRUIERT, koordination.pk),
        (Status.REKONSTRUIERT, Status.THEMA_ZUGEORDNET, koordination.pk),
        (Status.THEMA_ZUGEORDNET, Status.ABGESCHLOSSEN, koordination.pk),
    ]
    assert meldebogen.verlauf.last().reason == "nach abgeschlossen"
    # A finished report has no deadline any more.
    assert meldebogen.frist is None


def test_reconstruction_may_be_skipped(koordination):
    meldebogen = make_report()
    change_status(meldebogen, Status.GESICHTET, by=koordination)
    change_status(meldebogen, Status.THEMA_ZUGEORDNET, by=koordination)
    assert Meldebogen.objects.get().status == Status.THEMA_ZUGEORDNET


def test_refused_jump_says_what_is_possible(koordination):
    meldebogen = make_report()
    with pytest.raises(TransitionRefused) as refused:
        change_status(meldebogen, Status.ABGESCHLOSSEN, by=koordination)
    message = str(refused.value)
    assert "Von „Eingegangen“ kann ein Meldebogen nicht zu „Abgeschlossen“ wechseln" in message
    assert "„Gesichtet“" in message and "„Zurückgestellt“" in message
    assert refused.value.code == "not_allowed"
    assert Meldebogen.objects.get().status == Status.EINGEGANGEN
    assert not Verlaufseintrag.objects.exists()


def test_every_status_has_an_entry_and_no_transition_leads_to_a_draft():
    assert set(ALLOWED_STATUS_CHANGES) == set(Status.values)
    assert ALLOWED_STATUS_CHANGES[Status.ENTWURF] == ()
    for targets in ALLOWED_STATUS_CHANGES.values():
        assert Status.ENTWURF not in targets
    # Every status of the triage can be left again except through the final ones' reopening.
    for status in Status.values:
        if status != Status.ENTWURF:
            assert ALLOWED_STATUS_CHANGES[status], status


@pytest.mark.parametrize("target", [Status.ZURUECKGESTELLT, Status.NICHT_WEITERVERFOLGT])
def test_reason_is_required(koordination, target):
    meldebogen = make_report()
    with pytest.raises(TransitionRefused) as refused:
        change_status(meldebogen, target, by=koordination, comment="   ")
    assert "ist eine Begründung nötig" in str(refused.value)
    change_status(
        meldebogen,
        target,
        by=koordination,
        comment="Erst nach der Kurswelle prüfen",
        reporter_reason="Ihr Anliegen ist bei der Stadt besser aufgehoben.",
    )
    assert Verlaufseintrag.objects.get().reason == "Erst nach der Kurswelle prüfen"


def test_deferred_report_comes_back_and_final_ones_reopen_with_reason(koordination):
    meldebogen = make_report()
    change_status(meldebogen, Status.ZURUECKGESTELLT, by=koordination, comment="später")
    assert Status.GESICHTET in ALLOWED_STATUS_CHANGES[Status.ZURUECKGESTELLT]
    change_status(meldebogen, Status.GESICHTET, by=koordination)
    change_status(
        meldebogen,
        Status.NICHT_WEITERVERFOLGT,
        by=koordination,
        comment="Einzelfall",
        reporter_reason="Ein Einzelfall.",
    )
    with pytest.raises(TransitionRefused, match="Begründung"):
        change_status(meldebogen, Status.GESICHTET, by=koordination)
    change_status(meldebogen, Status.GESICHTET, by=koordination, comment="wiederholt gemeldet")
    assert Meldebogen.objects.get().status == Status.GESICHTET


def test_same_status_and_drafts_are_refused(koordination, case_manager):
    meldebogen = make_report()
    with pytest.raises(TransitionRefused, match="bereits „Eingegangen“"):
        change_status(meldebogen, Status.EINGEGANGEN, by=koordination)
    draft = Meldebogen.objects.create(owner=case_manager)
    with pytest.raises(TransitionRefused) as refused:
        change_status(draft, Status.GESICHTET, by=koordination)
    assert refused.value.code == "draft"
    with pytest.raises(TransitionRefused, match="kein Status"):
        change_status(meldebogen, "erledigt", by=koordination)


def test_only_the_coordination_may_change_status(case_manager, partner, koordination):
    meldebogen = make_report(owner=case_manager)
    for user in (case_manager, partner):
        with pytest.raises(TransitionRefused) as refused:
            change_status(meldebogen, Status.GESICHTET, by=user)
        assert str(refused.value) == (
            "Nur die KIM-Koordination darf den Status eines Meldebogens ändern."
        )
    assert allowed_transitions(Status.EINGEGANGEN, case_manager) == []
    assert {t.target for t in allowed_transitions(Status.EINGEGANGEN, koordination)} == {
        Status.GESICHTET,
        Status.ZURUECKGESTELLT,
        Status.NICHT_WEITERVERFOLGT,
        Status.DUBLETTE,
    }
    assert not Verlaufseintrag.objects.exists()


def test_stale_version_is_refused_and_names_the_other_change(koordination, make_user):
    from accounts.roles import KOORDINATION

    other = make_user("koordination-zwei", KOORDINATION, first_name="Olga", last_name="Otte")
    meldebogen = make_report()
    seen_version = meldebogen.version
    # Olga marks it gesichtet first ...
    change_status(Meldebogen.objects.get(), Status.GESICHTET, by=other)
    # ... then Kora decides on the version she saw.
    with pytest.raises(TransitionRefused) as refused:
        change_status(
            meldebogen,
            Status.ZURUECKGESTELLT,
            by=koordination,
            comment="Rückfrage abwarten",
            expected_version=seen_version,
        )
    assert refused.value.code == "conflict"
    message = str(refused.value)
    assert "wurde inzwischen von Olga Otte" in message
    assert "jetzt „Gesichtet“" in message
    assert "nicht gespeichert" in message
    meldebogen.refresh_from_db()
    assert meldebogen.status == Status.GESICHTET
    assert Verlaufseintrag.objects.count() == 1


def test_conditional_update_refuses_when_row_changed_underneath(koordination, monkeypatch):
    """Simulate the other transaction committing between our read and our UPDATE."""
    meldebogen = make_report()
    real_filter = Meldebogen.objects.filter
    calls = {"n": 0}

    def filter_then_interfere(*args, **kwargs):
        queryset = real_filter(*args, **kwargs)
        if "version" in kwargs:
            calls["n"] += 1
            # The competitor's change lands right before our UPDATE.
            real_filter(pk=meldebogen.pk).update(status=Status.GESICHTET, version=7)
        return queryset

    monkeypatch.setattr(Meldebogen.objects, "filter", filter_then_interfere)
    with pytest.raises(TransitionRefused) as refused:
        change_status(
            meldebogen,
            Status.NICHT_WEITERVERFOLGT,
            by=koordination,
            comment="x",
            reporter_reason="y",
        )
    monkeypatch.undo()
    assert calls["n"] == 1
    assert refused.value.code == "conflict"
    # Nothing of ours was written (the simulated competitor ran in our rolled-back
    # transaction, so the row is back as it was).
    assert Meldebogen.objects.get().status != Status.NICHT_WEITERVERFOLGT
    assert not Verlaufseintrag.objects.exists()


def test_submission_starts_the_history(client, reporter, kommunen, thema):
    client.force_login(reporter)
    draft = start_draft(client)
    fill_all_steps(client, draft, kommunen, thema)
    draft.refresh_from_db()
    assert draft.status == Status.EINGEGANGEN
    assert draft.frist is not None and draft.frist > timezone.localdate()
    first = draft.verlauf.get()
    assert (first.from_status, first.to_status, first.by) == (
        Status.ENTWURF,
        Status.EINGEGANGEN,
        reporter,
    )
    assert set(Meldebogen.objects.submitted()) == {draft}


def test_submitted_means_everything_but_drafts(case_manager):
    for number, status in enumerate(Status.values, start=1):
        if status == Status.ENTWURF:
            Meldebogen.objects.create(owner=case_manager)
        else:
            make_report(number=number, status=status)
    assert Meldebogen.objects.submitted().count() == len(Status.values) - 1
    assert not Meldebogen.objects.submitted().filter(status=Status.ENTWURF).exists()


def test_every_status_has_a_plain_german_text_for_the_reporter():
    for status in Status.values:
        assert reporter_status_text(status)


# --- a real race on PostgreSQL --------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="A real race needs two PostgreSQL connections (set DATABASE_URL=postgres://...); "
    "SQLite serialises all writes.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coordinators_racing_one_wins(make_user):
    from accounts.roles import KOORDINATION

    assert connection.vendor == "postgresql"
    users = [make_user(f"koord-{i}", KOORDINATION) for i in range(2)]
    meldebogen = make_report()
    version = meldebogen.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def worker(user, target, comment):
        try:
            mine = Meldebogen.objects.get(pk=meldebogen.pk)
            barrier.wait()
            change_status(mine, target, by=user, comment=comment, expected_version=version)
            outcomes.append("ok")
        except TransitionRefused as refused:
            outcomes.append(refused.code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(users[0], Status.GESICHTET, "")),
        threading.Thread(
            target=worker, args=(users[1], Status.ZURUECKGESTELLT, "Rückfrage abwarten")
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == ["conflict", "ok"]
    assert meldebogen.verlauf.count() == 1
    assert Meldebogen.objects.get(pk=meldebogen.pk).version == version + 1
