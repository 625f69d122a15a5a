"""The status transitions of the spaces' aggregates (portal.transitions): Protokoll, Sitzung,
Zielsystem, Beschluss, Aktivität (of a Zielsystem). Registered by SpacesConfig.ready; every
status change goes through these machines.
"""

from portal.transitions import Machine, Transition, TransitionRefused, register
from spaces.models import (
    Aktivitaet,
    Beschluss,
    Protokoll,
    ProtokollStatus,
    Sitzung,
    Zielsystem,
)
from spaces.visibility import may_edit_minutes


def _edits_minutes(user, protokoll: Protokoll | None) -> bool:
    return protokoll is not None and may_edit_minutes(user, protokoll.sitzung.gremium_id)


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
            Transition(P.VERTEILT, P.GENEHMIGT, "Als genehmigt festhalten"),
        ),
    )
)


def _send_invitations(sitzung: Sitzung, entry) -> None:
    from spaces.notifications import InvitationRefused, send_invitation_mails

    try:
        send_invitation_mails(sitzung)
    except InvitationRefused as refusal:
        raise TransitionRefused(str(refusal), "effect") from refusal


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
            Transition(S.GEPLANT, S.ABGESAGT, "Absagen"),
            Transition(S.EINGELADEN, S.ABGESAGT, "Absagen"),
            Transition(S.ABGESAGT, S.GEPLANT, "Wieder ansetzen"),
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
