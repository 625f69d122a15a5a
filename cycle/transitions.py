"""The status transitions of the cycle's aggregates (portal.transitions): Fallrekonstruktion
and GenerativesThema. Registered by CycleConfig.ready; cycle/actions.py makes the changes."""

from django.utils import timezone

from cycle.models import Fallrekonstruktion, GenerativesThema
from cycle.permissions import MANAGE_PERMISSION
from portal.transitions import Machine, Transition, TransitionRefused, register


def not_before_its_date(rekonstruktion: Fallrekonstruktion, entry) -> None:
    """Guard of the closing transition: a Fallrekonstruktion is closed on or after its date,
    never before (its reporters would read that it has happened). Rolls the change back."""
    if rekonstruktion.date > timezone.localdate():
        raise TransitionRefused(
            "Die Fallrekonstruktion ist für den "
            f"{rekonstruktion.date:%d.%m.%Y} geplant und kann erst an diesem Tag oder danach "
            "abgeschlossen werden.",
            "too_early",
        )


FALLREKONSTRUKTION = register(
    Machine(
        model=Fallrekonstruktion,
        noun="eine Fallrekonstruktion",
        subject="Die Fallrekonstruktion",
        genitive="einer Fallrekonstruktion",
        permission="cycle.change_fallrekonstruktion",
        transitions=(
            Transition(
                Fallrekonstruktion.Status.GEPLANT,
                Fallrekonstruktion.Status.ABGESCHLOSSEN,
                "Fallrekonstruktion abschließen",
                effect=not_before_its_date,
            ),
        ),
        updates=lambda obj, target, now: (
            {"completed_at": now} if target == Fallrekonstruktion.Status.ABGESCHLOSSEN else {}
        ),
    )
)

T = GenerativesThema.Status
OPEN = (T.IN_KLAERUNG, T.LENKUNGSGRUPPE_VORGELEGT, T.AN_AG_UEBERGEBEN)
GENERATIVES_THEMA = register(
    Machine(
        model=GenerativesThema,
        noun="ein generatives Thema",
        subject="Das Thema",
        genitive="eines generativen Themas",
        permission=MANAGE_PERMISSION,
        transitions=(
            Transition(T.IN_KLAERUNG, T.LENKUNGSGRUPPE_VORGELEGT, "Der Lenkungsgruppe vorlegen"),
            Transition(T.AN_AG_UEBERGEBEN, T.LENKUNGSGRUPPE_VORGELEGT, "Erneut vorlegen"),
            Transition(T.LENKUNGSGRUPPE_VORGELEGT, T.IN_KLAERUNG, "Zurück in die Klärung"),
            Transition(T.IN_KLAERUNG, T.AN_AG_UEBERGEBEN, "An Arbeitsgruppe übergeben"),
            Transition(
                T.LENKUNGSGRUPPE_VORGELEGT, T.AN_AG_UEBERGEBEN, "An Arbeitsgruppe übergeben"
            ),
            *(Transition(source, T.GELOEST, "Als gelöst festhalten") for source in OPEN),
            *(
                Transition(source, T.NICHT_LOESBAR, "Als nicht lösbar festhalten")
                for source in OPEN
            ),
            Transition(T.GELOEST, T.IN_KLAERUNG, "Wieder aufnehmen", reason_required=True),
            Transition(T.NICHT_LOESBAR, T.IN_KLAERUNG, "Wieder aufnehmen", reason_required=True),
        ),
        updates=lambda obj, target, now: {"updated_at": now},
    )
)
