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

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from forms.models import Meldebogen, Status, StatusChange
from forms.service_levels import deadline_for

CHANGE_PERMISSION = "meldeboegen.change_meldebogen"

# Sent after the transaction that changed the status has committed; receivers get
# ``meldebogen`` and ``change`` (the StatusChange). For apps further up (e.g. cycle) that tell
# reporters what became of their report, without forms importing them.
status_changed = Signal()


class TransitionRefused(Exception):
    """A status change that was not made; ``str(exc)`` is a German message saying why.

    ``code`` is one of ``unknown``, ``draft``, ``permission``, ``not_allowed``, ``same``,
    ``reason``, ``conflict``, ``missing``.
    """

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    # What the button or menu entry says (German).
    action: str
    reason_required: bool = False
    permission: str = CHANGE_PERMISSION


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
        "Die KIM-Koordination verfolgt Ihren Meldebogen nicht weiter. Er fließt in die "
        "Übersicht der gemeldeten Hürden ein. Vielen Dank!"
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


def allowed_transitions(status: str, user=None) -> list[Transition]:
    """Transitions out of ``status``, only those ``user`` may make if a user is given."""
    return [
        t
        for t in TRANSITIONS
        if t.source == status and (user is None or (user.is_active and user.has_perm(t.permission)))
    ]


def _quoted(statuses) -> str:
    return ", ".join(f"„{label(s)}“" for s in statuses) or "keiner"


def check_transition(source: str, target: str, comment: str = "") -> Transition:
    """The transition from ``source`` to ``target``; raises TransitionRefused if not allowed."""
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
    transition = TRANSITIONS_BY_PAIR.get((source, target))
    if transition is None:
        raise TransitionRefused(
            f"Von „{label(source)}“ kann ein Meldebogen nicht zu „{label(target)}“ wechseln. "
            f"Möglich sind: {_quoted(ALLOWED_STATUS_CHANGES.get(source, ()))}.",
            "not_allowed",
        )
    if transition.reason_required and not comment.strip():
        raise TransitionRefused(
            f"Für „{label(target)}“ ist eine Begründung nötig. Bitte tragen Sie sie ein.",
            "reason",
        )
    return transition


def _conflict(meldebogen_pk: int) -> TransitionRefused:
    row = Meldebogen.objects.filter(pk=meldebogen_pk).values("status", "reference").first()
    last = (
        StatusChange.objects.filter(meldebogen_id=meldebogen_pk)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
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


def change_status(
    meldebogen: Meldebogen,
    new_status: str,
    *,
    by,
    comment: str = "",
    expected_version: int | None = None,
) -> StatusChange:
    """Move ``meldebogen`` to ``new_status`` and append the change to its history.

    ``by`` is the acting user; ``comment`` is required for transitions that need a reason.
    ``expected_version``: the ``Meldebogen.version`` the person saw; if the report has changed
    since, the change is refused (code ``conflict``). Raises ``TransitionRefused``. Updates the
    given instance's ``status``, ``version``, ``status_changed_at`` and ``frist``.
    """
    comment = (comment or "").strip()
    if new_status not in Status.values:
        raise TransitionRefused(f"„{new_status}“ ist kein Status eines Meldebogens.", "unknown")
    if not may_change_status(by):
        raise TransitionRefused(
            "Nur die KIM-Koordination darf den Status eines Meldebogens ändern.", "permission"
        )
    with transaction.atomic():
        current = Meldebogen.objects.filter(pk=meldebogen.pk).values("status", "version").first()
        if current is None:
            raise TransitionRefused("Diesen Meldebogen gibt es nicht mehr.", "missing")
        if expected_version is not None and current["version"] != expected_version:
            raise _conflict(meldebogen.pk)
        transition = check_transition(current["status"], new_status, comment)
        if not by.has_perm(transition.permission):
            raise TransitionRefused(
                f"Sie dürfen den Meldebogen nicht auf „{label(new_status)}“ setzen.", "permission"
            )
        now = timezone.now()
        frist = deadline_for(new_status, now)
        updated = Meldebogen.objects.filter(
            pk=meldebogen.pk, version=current["version"], status=current["status"]
        ).update(
            status=new_status,
            version=F("version") + 1,
            status_changed_at=now,
            frist=frist,
            updated_at=now,
        )
        if updated != 1:
            raise _conflict(meldebogen.pk)
        change = StatusChange.objects.create(
            meldebogen_id=meldebogen.pk,
            by=by,
            at=now,
            from_status=current["status"],
            to_status=new_status,
            comment=comment,
        )
        meldebogen.status = new_status
        meldebogen.version = current["version"] + 1
        meldebogen.status_changed_at = now
        meldebogen.frist = frist
        transaction.on_commit(
            lambda: status_changed.send(sender=Meldebogen, meldebogen=meldebogen, change=change)
        )
    return change


def record_submission(meldebogen: Meldebogen, now=None) -> StatusChange:
    """The first history row of a report: submitted by its reporter (entwurf -> eingegangen).

    Called by forms.submission.submit inside its transaction, after the status was set.
    """
    now = now or meldebogen.submitted_at or timezone.now()
    return StatusChange.objects.create(
        meldebogen=meldebogen,
        by=meldebogen.owner,
        at=now,
        from_status=Status.ENTWURF,
        to_status=Status.EINGEGANGEN,
    )
