"""The triage of a Meldebogen as an explicit state machine.

Statuses (``forms.models.Status``) and the allowed transitions between them are data in this one
file: ``TRANSITIONS`` says from where to where a report may move, who may move it (a model
permission, held by the KIM-Koordination) and whether a reason is required. Every change goes
through ``change_status``, which appends a ``StatusChange`` row (who, when, from, to, comment);
the history is never edited.

Main path::

    eingegangen -> gesichtet -> (zur Fallrekonstruktion vorgesehen -> rekonstruiert)
                -> einem Thema zugeordnet -> abgeschlossen

plus "zurückgestellt" (from every open status, and back) and "nicht weiterverfolgt", both with
a required reason. Reversible on purpose: zurückgestellt -> back into the triage; a planned
reconstruction can be dropped (-> gesichtet, with reason); "nicht weiterverfolgt" and
"abgeschlossen" can be reopened with a reason. Drafts are not part of the triage: the reporter
submits them (forms/submission.py), which is the change entwurf -> eingegangen.

Concurrency: the report carries a version counter. ``change_status`` moves the status with one
conditional UPDATE (``WHERE version = <read version> AND status = <read status>``) inside a
transaction; if another coordinator changed the report in between, nothing is written and
``TransitionRefused`` says so in German. Callers that showed the report to a person pass the
version they showed as ``expected_version``, so a decision taken on an outdated view is refused
too instead of silently overwriting the other person's change.
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from forms.models import Meldebogen, Status
from forms.service_levels import deadline_for
from portal.models import Verlaufseintrag
from portal.transitions import Machine, Transition, TransitionRefused, register

__all__ = ["Transition", "TransitionRefused"]

CHANGE_PERMISSION = "meldeboegen.change_meldebogen"

# Sent after the transaction that changed the status has committed; receivers get
# ``meldebogen`` and ``change`` (the Verlaufseintrag). For apps further up (e.g. cycle) that
# tell reporters what became of their report, without forms importing them.
status_changed = Signal()


S = Status
OPEN_STATUSES = (S.EINGEGANGEN, S.GESICHTET, S.ZUR_FALLREKONSTRUKTION, S.REKONSTRUIERT)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.EINGEGANGEN, S.GESICHTET, "Als gesichtet markieren"),
    Transition(S.GESICHTET, S.ZUR_FALLREKONSTRUKTION, "Zur Fallrekonstruktion vorsehen"),
    Transition(S.GESICHTET, S.THEMA_ZUGEORDNET, "Einem Thema zugeordnet"),
    Transition(S.ZUR_FALLREKONSTRUKTION, S.REKONSTRUIERT, "Als rekonstruiert markieren"),
    Transition(
        S.ZUR_FALLREKONSTRUKTION, S.GESICHTET, "Doch nicht rekonstruieren", reason_required=True
    ),
    Transition(S.REKONSTRUIERT, S.THEMA_ZUGEORDNET, "Einem Thema zugeordnet"),
    Transition(S.THEMA_ZUGEORDNET, S.ZUR_FALLREKONSTRUKTION, "Doch zur Fallrekonstruktion"),
    Transition(S.THEMA_ZUGEORDNET, S.ABGESCHLOSSEN, "Abschließen"),
    # Deferred and back: every open status may be deferred; a deferred report comes back into
    # the triage where it fits.
    *(
        Transition(source, S.ZURUECKGESTELLT, "Zurückstellen", reason_required=True)
        for source in (*OPEN_STATUSES, S.THEMA_ZUGEORDNET)
    ),
    Transition(S.ZURUECKGESTELLT, S.GESICHTET, "Wieder aufnehmen (gesichtet)"),
    Transition(S.ZURUECKGESTELLT, S.ZUR_FALLREKONSTRUKTION, "Zur Fallrekonstruktion vorsehen"),
    Transition(S.ZURUECKGESTELLT, S.THEMA_ZUGEORDNET, "Einem Thema zugeordnet"),
    # Not pursued, with a reason; may be reopened with a reason.
    *(
        Transition(source, S.NICHT_WEITERVERFOLGT, "Nicht weiterverfolgen", reason_required=True)
        for source in (*OPEN_STATUSES, S.ZURUECKGESTELLT)
    ),
    Transition(S.NICHT_WEITERVERFOLGT, S.GESICHTET, "Wieder aufnehmen", reason_required=True),
    Transition(S.ABGESCHLOSSEN, S.THEMA_ZUGEORDNET, "Wieder öffnen", reason_required=True),
)

TRANSITIONS_BY_PAIR: dict[tuple[str, str], Transition] = {
    (t.source, t.target): t for t in TRANSITIONS
}
ALLOWED_STATUS_CHANGES: dict[str, tuple[str, ...]] = {
    status: tuple(t.target for t in TRANSITIONS if t.source == status) for status in Status.values
}

# What the reporter reads on their own report (plain German, no internal details).
REPORTER_TEXTS: dict[str, str] = {
    S.ENTWURF: "Dieser Meldebogen ist noch ein Entwurf und wurde nicht abgesendet.",
    S.EINGEGANGEN: (
        "Ihr Meldebogen ist bei der KIM-Koordination eingegangen und wartet auf die erste Sichtung."
    ),
    S.GESICHTET: (
        "Die KIM-Koordination hat Ihren Meldebogen gelesen und prüft, wie es weitergeht."
    ),
    S.ZUR_FALLREKONSTRUKTION: (
        "Ihr Meldebogen ist für eine Fallrekonstruktion vorgesehen: Die beteiligten Stellen "
        "sollen den Fall gemeinsam nachvollziehen. Die KIM-Koordination meldet sich dazu."
    ),
    S.REKONSTRUIERT: (
        "Der Fall aus Ihrem Meldebogen wurde in einer Fallrekonstruktion gemeinsam "
        "nachvollzogen. Die Ergebnisse werden jetzt ausgewertet."
    ),
    S.THEMA_ZUGEORDNET: (
        "Ihr Meldebogen gehört zu einem Thema, das die KIM-Koordination weiter bearbeitet "
        "und der Lenkungsgruppe vorlegen kann."
    ),
    S.ABGESCHLOSSEN: "Die Bearbeitung Ihres Meldebogens ist abgeschlossen.",
    S.ZURUECKGESTELLT: (
        "Die Bearbeitung Ihres Meldebogens ist vorübergehend zurückgestellt. "
        "Die KIM-Koordination nimmt ihn später wieder auf."
    ),
    S.NICHT_WEITERVERFOLGT: (
        "Die KIM-Koordination verfolgt Ihren Meldebogen nicht weiter. Vielen Dank für Ihre "
        "Meldung; sie fließt in die Übersicht der gemeldeten Hürden ein."
    ),
}


def reporter_status_text(status: str) -> str:
    return REPORTER_TEXTS.get(status, "")


def label(status: str) -> str:
    return str(Status(status).label)


def may_change_status(user) -> bool:
    """Whether ``user`` may make any triage transition (the KIM-Koordination may)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(CHANGE_PERMISSION)
    )


def _is_owner(user, meldebogen: Meldebogen | None) -> bool:
    return meldebogen is not None and user.pk == meldebogen.owner_id


def _updates(meldebogen: Meldebogen, target: str, now) -> dict:
    return {"status_changed_at": now, "frist": deadline_for(target, now), "updated_at": now}


def _conflict(meldebogen: Meldebogen) -> TransitionRefused:
    row = Meldebogen.objects.filter(pk=meldebogen.pk).values("status", "reference").first()
    last = MELDEBOGEN.history(meldebogen).order_by("-at", "-pk").first()
    who = ""
    if last is not None and last.by is not None:
        who = f" von {last.by.get_full_name() or last.by.get_username()}"
    when = f" am {timezone.localtime(last.at):%d.%m.%Y um %H:%M} Uhr" if last else ""
    current = f"; er ist jetzt „{label(row['status'])}“" if row else ""
    reference = row["reference"] if row else ""
    return TransitionRefused(
        f"Der Meldebogen {reference} wurde inzwischen{who}{when} geändert{current}. Ihre "
        "Änderung wurde nicht gespeichert, damit nichts überschrieben wird. Bitte prüfen Sie "
        "den aktuellen Stand und entscheiden Sie erneut.",
        "conflict",
    )


# Submitting is the reporter's transition (forms/submission.py); the triage's are above.
SUBMISSION = Transition(S.ENTWURF, S.EINGEGANGEN, "Absenden", permission=_is_owner)

MELDEBOGEN = register(
    Machine(
        model=Meldebogen,
        transitions=(SUBMISSION, *TRANSITIONS),
        permission=CHANGE_PERMISSION,
        noun="ein Meldebogen",
        subject="Der Meldebogen",
        genitive="eines Meldebogens",
        version_field="version",
        updates=_updates,
        conflict=_conflict,
    )
)


def allowed_transitions(status: str, user=None) -> list[Transition]:
    """Triage transitions out of ``status``, only those ``user`` may make if a user is given."""
    return [
        t for t in TRANSITIONS if t.source == status and (user is None or MELDEBOGEN.may(t, user))
    ]


def check_transition(source: str, target: str, comment: str = "") -> Transition:
    """The triage transition from ``source`` to ``target``; raises TransitionRefused."""
    if target not in Status.values:
        raise TransitionRefused(f"„{target}“ ist kein Status eines Meldebogens.", "unknown")
    if source == Status.ENTWURF or target == Status.ENTWURF:
        raise TransitionRefused(
            "Entwürfe gehören der meldenden Person: Sie sendet den Meldebogen ab; in der "
            "Sichtung wird ein Meldebogen nicht zum Entwurf.",
            "draft",
        )
    if source == target:
        raise TransitionRefused(f"Der Meldebogen ist bereits „{label(target)}“.", "same")
    return MELDEBOGEN.check(source, target, comment)


def change_status(
    meldebogen: Meldebogen,
    new_status: str,
    *,
    by,
    comment: str = "",
    expected_version: int | None = None,
) -> Verlaufseintrag:
    """Move ``meldebogen`` to ``new_status`` in the triage and append the change to its Verlauf.

    ``by`` is the acting user; ``comment`` (the reason) is required for transitions that need
    one. ``expected_version``: the ``Meldebogen.version`` the person saw; if the report has
    changed since, the change is refused (code ``conflict``). Raises ``TransitionRefused``.
    Updates the given instance's ``status``, ``version``, ``status_changed_at`` and ``frist``.
    """
    if new_status not in Status.values:
        raise TransitionRefused(f"„{new_status}“ ist kein Status eines Meldebogens.", "unknown")
    if not may_change_status(by):
        raise TransitionRefused(
            "Nur die KIM-Koordination darf den Status eines Meldebogens ändern.", "permission"
        )
    current = Meldebogen.objects.filter(pk=meldebogen.pk).values_list("status", flat=True).first()
    if current is not None and (current == Status.ENTWURF or new_status == Status.ENTWURF):
        check_transition(current, new_status, comment)
    entry = MELDEBOGEN.apply(
        meldebogen, new_status, by=by, reason=comment, expected_version=expected_version
    )
    transaction.on_commit(
        lambda: status_changed.send(sender=Meldebogen, meldebogen=meldebogen, change=entry)
    )
    return entry


def record_submission(
    meldebogen: Meldebogen, *, at=None, updates: dict | None = None
) -> Verlaufseintrag:
    """Submit a draft: entwurf -> eingegangen by its reporter, with the first Verlauf row.

    ``updates``: the columns submitting sets too (reference number, time of submission).
    Called by forms.submission.submit inside its transaction (and by the demo, dated back).
    """
    return MELDEBOGEN.apply(
        meldebogen, Status.EINGEGANGEN, by=meldebogen.owner, at=at, updates=updates
    )
