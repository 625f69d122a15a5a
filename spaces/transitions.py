"""The status transitions of the spaces' aggregates (portal.transitions): Protokoll, Sitzung,
Zielsystem, Beschluss, Aktivität (of a Zielsystem), Aufgabe. Registered by SpacesConfig.ready; every
status change goes through these machines.
"""

from portal.transitions import Machine, Transition, TransitionRefused, register
from spaces.models import (
    Aktivitaet,
    Aufgabe,
    Berichtigung,
    Beschluss,
    Protokoll,
    ProtokollStatus,
    Sitzung,
    Zielsystem,
)
from spaces.visibility import may_edit_minutes, may_manage_sitzung


def _edits_minutes(user, protokoll: Protokoll | None) -> bool:
    return protokoll is not None and may_edit_minutes(user, protokoll.sitzung.gremium_id)


def _freeze_record(protokoll: Protokoll, entry) -> None:
    """Approved minutes make the Sitzung's Beschlüsse part of the official record: frozen, and
    (if released) visible beyond the Gremium from now on (search entries follow)."""
    from django.db import transaction

    from search.registry import reindex_later

    ids = list(
        Beschluss.objects.filter(
            sitzung_id=protokoll.sitzung_id, festgestellt_am__isnull=True
        ).values_list("pk", flat=True)
    )
    Beschluss.objects.filter(pk__in=ids).update(festgestellt_am=entry.at)
    for pk in ids:
        transaction.on_commit(lambda pk=pk: reindex_later("spaces.beschluss", pk))


P = ProtokollStatus
PROTOKOLL = register(
    Machine(
        model=Protokoll,
        noun="ein Protokoll",
        subject="Das Protokoll",
        genitive="eines Protokolls",
        # The KIM-Koordination and the Gremium's Geschäftsführung (spaces.visibility).
        permission=_edits_minutes,
        transitions=(
            Transition(P.ENTWURF, P.VERTEILT, "Zur Kommentierung verteilen"),
            Transition(P.VERTEILT, P.ENTWURF, "Zurück in den Entwurf"),
            Transition(P.VERTEILT, P.GENEHMIGT, "Als genehmigt festhalten", effect=_freeze_record),
        ),
    )
)


def _edits_berichtigung(user, berichtigung: Berichtigung | None) -> bool:
    return berichtigung is not None and may_edit_minutes(
        user, berichtigung.protokoll.sitzung.gremium_id
    )


def _apply_berichtigung(berichtigung: Berichtigung, entry) -> None:
    """The approved correction takes effect: a corrected Beschluss gets a new Fassung; the
    members are told (after the commit)."""
    from django.db import transaction

    from spaces.notifications import announce_berichtigung

    if berichtigung.original_text != berichtigung.current_target_text():
        raise TransitionRefused(
            "Der Text wurde inzwischen durch eine andere Berichtigung geändert. Legen Sie "
            "bitte eine neue Berichtigung auf Grundlage des aktuellen Textes an.",
            "stale",
        )
    if berichtigung.beschluss_id:
        berichtigung.beschluss.apply_correction(
            berichtigung, title=berichtigung.new_title.strip(), text=berichtigung.new_text
        )
    transaction.on_commit(lambda: announce_berichtigung(berichtigung.pk))


BG = Berichtigung.Status
BERICHTIGUNG = register(
    Machine(
        model=Berichtigung,
        noun="eine Berichtigung",
        subject="Die Berichtigung",
        genitive="einer Berichtigung",
        permission=_edits_berichtigung,
        updates=lambda obj, target, now: {"approved_at": now},
        transitions=(
            Transition(
                BG.ENTWURF, BG.GENEHMIGT, "Berichtigung genehmigen", effect=_apply_berichtigung
            ),
        ),
    )
)


def _send_invitations(sitzung: Sitzung, entry) -> None:
    from spaces.notifications import InvitationRefused, send_invitation_mails

    try:
        send_invitation_mails(sitzung)
    except InvitationRefused as refusal:
        raise TransitionRefused(str(refusal), "effect") from refusal


def _manages_sitzung(user, sitzung: Sitzung | None) -> bool:
    """Cancelling and rescheduling: the KIM-Koordination and the Gremium's Geschäftsführung."""
    if sitzung is None:
        return user.has_perm("spaces.change_sitzung")
    return may_manage_sitzung(user, sitzung.gremium_id)


def cancelled_after_invitation(sitzung: Sitzung) -> bool:
    """Whether the Sitzung's (latest) cancellation came after its invitation was sent."""
    last = (
        SITZUNG.history(sitzung)
        .filter(to_status=Sitzung.Status.ABGESAGT)
        .order_by("-at", "-pk")
        .values_list("from_status", flat=True)
        .first()
    )
    return last == Sitzung.Status.EINGELADEN


def _reinstates_invitation(user, sitzung: Sitzung | None) -> bool:
    """Rescheduling straight back to "eingeladen": only where the invitation had gone out (the
    members get the entry back, ``spaces.calendar_updates``)."""
    return _manages_sitzung(user, sitzung) and (
        sitzung is None or cancelled_after_invitation(sitzung)
    )


S = Sitzung.Status
INVITE = Transition(S.GEPLANT, S.EINGELADEN, "Einladung versenden", effect=_send_invitations)
SITZUNG = register(
    Machine(
        model=Sitzung,
        noun="eine Sitzung",
        subject="Die Sitzung",
        genitive="einer Sitzung",
        permission="spaces.change_sitzung",
        transitions=(
            INVITE,
            Transition(S.GEPLANT, S.DURCHGEFUEHRT, "Als durchgeführt vermerken"),
            Transition(S.EINGELADEN, S.DURCHGEFUEHRT, "Als durchgeführt vermerken"),
            Transition(S.GEPLANT, S.ABGESAGT, "Absagen", permission=_manages_sitzung),
            Transition(S.EINGELADEN, S.ABGESAGT, "Absagen", permission=_manages_sitzung),
            Transition(S.ABGESAGT, S.GEPLANT, "Wieder ansetzen", permission=_manages_sitzung),
            Transition(
                S.ABGESAGT,
                S.EINGELADEN,
                "Wieder ansetzen (Einladung gilt wieder)",
                permission=_reinstates_invitation,
            ),
            Transition(S.DURCHGEFUEHRT, S.EINGELADEN, "Doch nicht durchgeführt"),
        ),
    )
)

Z = Zielsystem.Status
ZIELSYSTEM = register(
    Machine(
        model=Zielsystem,
        noun="ein Zielsystem",
        subject="Das Zielsystem",
        genitive="eines Zielsystems",
        permission="spaces.change_zielsystem",
        transitions=(
            Transition(Z.ENTWURF, Z.BESCHLOSSEN, "Als beschlossen festhalten"),
            Transition(Z.BESCHLOSSEN, Z.ENTWURF, "Zurück in den Entwurf", reason_required=True),
        ),
    )
)

B = Beschluss.Status
BESCHLUSS = register(
    Machine(
        model=Beschluss,
        noun="ein Beschluss",
        subject="Der Beschluss",
        genitive="eines Beschlusses",
        permission="spaces.change_beschluss",
        transitions=(
            Transition(B.OFFEN, B.IN_UMSETZUNG, "In Umsetzung"),
            Transition(B.OFFEN, B.UMGESETZT, "Als umgesetzt festhalten"),
            Transition(B.IN_UMSETZUNG, B.UMGESETZT, "Als umgesetzt festhalten"),
            Transition(B.UMGESETZT, B.IN_UMSETZUNG, "Doch noch in Umsetzung", reason_required=True),
            # A wrong decision is "aufgehoben", not deleted (with the reason in the Verlauf).
            *(
                Transition(source, B.AUFGEHOBEN, "Aufheben", reason_required=True)
                for source in (B.OFFEN, B.IN_UMSETZUNG, B.UMGESETZT)
            ),
        ),
    )
)

A = Aktivitaet.Status
AKTIVITAET = register(
    Machine(
        model=Aktivitaet,
        noun="eine Aktivität",
        subject="Die Aktivität",
        genitive="einer Aktivität",
        # Edited inline with its Ergebnisziel (Wagtail admin), like the Zielsystem itself.
        permission="spaces.change_zielsystem",
        transitions=(
            Transition(A.GEPLANT, A.LAUFEND, "Beginnen"),
            Transition(A.GEPLANT, A.ERLEDIGT, "Als erledigt festhalten"),
            Transition(A.LAUFEND, A.ERLEDIGT, "Als erledigt festhalten"),
            Transition(A.LAUFEND, A.GEPLANT, "Zurück auf geplant"),
            Transition(A.ERLEDIGT, A.LAUFEND, "Wieder aufnehmen"),
        ),
    )
)


def _closes_aufgabe(user, aufgabe: Aufgabe | None) -> bool:
    return aufgabe is not None and aufgabe.may_be_closed_by(user)


def _done_at(aufgabe: Aufgabe, target: str, now) -> dict:
    return {"done_at": now if target == Aufgabe.Status.ERLEDIGT else None}


AU = Aufgabe.Status
AUFGABE = register(
    Machine(
        model=Aufgabe,
        noun="eine Aufgabe",
        subject="Die Aufgabe",
        genitive="einer Aufgabe",
        # The assignee, the KIM-Koordination and the Gremium's Geschäftsführung; the search
        # entry follows through portal.transitions.transitioned (search.signal_receivers).
        permission=_closes_aufgabe,
        updates=_done_at,
        transitions=(
            Transition(AU.OFFEN, AU.ERLEDIGT, "Als erledigt vermerken"),
            Transition(AU.ERLEDIGT, AU.OFFEN, "Wieder öffnen"),
        ),
    )
)
