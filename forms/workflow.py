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
a required reason, and "Dublette" (the report describes the same case as another one, which it
is linked to; kept, counted once in the statistics).

Closing transitions (to "abgeschlossen", "nicht weiterverfolgt", "Dublette") carry a second,
separate text: the reason for the reporter (``reporter_reason``), shown on the reporter's page
instead of the internal reason; required for "nicht weiterverfolgt". Every other transition
clears it. The reporter gets an e-mail on every triage status change unless they switched it
off for the report (forms/notifications.py).

Reversible on purpose: zurückgestellt -> back into the triage; a planned
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

from forms.models import CLOSED_STATUSES, Meldebogen, Status
from forms.notifications import send_status_mail
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
    # A Dublette: the same case reported twice; linked to the report it duplicates.
    *(
        Transition(source, S.DUBLETTE, "Als Dublette markieren")
        for source in (*OPEN_STATUSES, S.ZURUECKGESTELLT, S.THEMA_ZUGEORDNET)
    ),
    Transition(S.DUBLETTE, S.GESICHTET, "Doch keine Dublette", reason_required=True),
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
    S.DUBLETTE: (
        "Derselbe Fall liegt der KIM-Koordination bereits in einem anderen Meldebogen vor. "
        "Ihr Meldebogen bleibt erhalten und wird mit diesem zusammen bearbeitet; in der "
        "Statistik zählt der Fall einmal. Vielen Dank!"
    ),
}

# The closing transitions ask for a reason for the reporter; for these it is required.
REPORTER_REASON_REQUIRED = (S.NICHT_WEITERVERFOLGT,)


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
    # Leaving a closed status (or any other change) clears the reporter's reason and the link
    # of a Dublette; change_status sets them for the closing transitions.
    return {
        "status_changed_at": now,
        "frist": deadline_for(target, now),
        "updated_at": now,
        "reporter_reason": "",
        "duplicate_of": None,
    }


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
    reporter_reason: str = "",
    duplicate_of: Meldebogen | None = None,
) -> Verlaufseintrag:
    """Move ``meldebogen`` to ``new_status`` in the triage and append the change to its Verlauf.

    ``by`` is the acting user; ``comment`` (the internal reason) is required for transitions
    that need one. ``reporter_reason``: the reason the reporter reads, for the closing
    transitions (required for "nicht weiterverfolgt"). ``duplicate_of``: the report a
    Dublette duplicates (required for "Dublette"). ``expected_version``: the
    ``Meldebogen.version`` the person saw; if the report has changed since, the change is
    refused (code ``conflict``). Raises ``TransitionRefused``. Updates the given instance's
    ``status``, ``version``, ``status_changed_at``, ``frist``, ``reporter_reason`` and
    ``duplicate_of``. Tells the reporter by e-mail (after the commit) unless they opted out.
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
    reporter_reason = (reporter_reason or "").strip()
    updates: dict = {}
    pending = MELDEBOGEN.transition(current, new_status) if current else None
    internal_reason_missing = bool(
        pending and pending.reason_required and not (comment or "").strip()
    )
    if new_status in CLOSED_STATUSES:
        # A missing internal reason is refused first, by the machine.
        if (
            new_status in REPORTER_REASON_REQUIRED
            and not reporter_reason
            and not internal_reason_missing
        ):
            raise TransitionRefused(
                f"Für „{label(new_status)}“ braucht die meldende Person eine Begründung. Bitte "
                "tragen Sie ein, was sie lesen soll (getrennt von der internen Begründung).",
                "reporter_reason",
            )
        updates["reporter_reason"] = reporter_reason
    if new_status == Status.DUBLETTE:
        original = original_for_duplicate(meldebogen, duplicate_of)
        updates["duplicate_of"] = original
        comment = f"Dublette von {original.reference}" + (f": {comment}" if comment else "")
    with transaction.atomic():
        entry = MELDEBOGEN.apply(
            meldebogen,
            new_status,
            by=by,
            reason=comment,
            expected_version=expected_version,
            updates=updates,
        )
        if new_status == Status.DUBLETTE:
            # Its own Dubletten now point at the original too (one level, linked both ways).
            Meldebogen.objects.filter(duplicate_of=meldebogen).update(
                duplicate_of=updates["duplicate_of"]
            )
        send_status_mail(meldebogen, entry, reporter_status_text(new_status))
    transaction.on_commit(
        lambda: status_changed.send(sender=Meldebogen, meldebogen=meldebogen, change=entry)
    )
    return entry


def original_for_duplicate(meldebogen: Meldebogen, duplicate_of: Meldebogen | None) -> Meldebogen:
    """The report a Dublette is linked to: ``duplicate_of``, or the report that one
    duplicates if it is a Dublette itself (so every Dublette points at an original).
    Raises TransitionRefused in German if there is none or it is the report itself."""
    if duplicate_of is None:
        raise TransitionRefused(
            "Bitte geben Sie die Nummer des Meldebogens an, von dem dieser eine Dublette ist.",
            "duplicate",
        )
    original = (
        Meldebogen.objects.submitted().select_related("duplicate_of").filter(pk=duplicate_of.pk)
    ).first()
    if original is None:
        raise TransitionRefused(
            "Der angegebene Meldebogen ist nicht eingereicht; eine Dublette verweist auf einen "
            "eingereichten Meldebogen.",
            "duplicate",
        )
    if original.status == Status.DUBLETTE and original.duplicate_of is not None:
        original = original.duplicate_of
    if original.pk == meldebogen.pk:
        raise TransitionRefused(
            "Ein Meldebogen kann keine Dublette von sich selbst sein.", "duplicate"
        )
    return original


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
