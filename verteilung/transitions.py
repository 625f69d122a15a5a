"""The life cycle of a Verteilungsschlüssel (portal/transitions.py): Entwurf -> in Kraft (only
with a Beschluss of the Lenkungsgruppe, see ``verteilung.actions.beschliessen``) -> abgelöst
(when the next key comes into force)."""

from portal.transitions import Machine, Transition, TransitionRefused, register
from verteilung.models import Verteilungsschluessel

S = Verteilungsschluessel.Status


def _supersede_previous(obj, entry) -> None:
    if obj.beschluss_id is None:
        raise TransitionRefused(
            "Ein Verteilungsschlüssel gilt nur mit einem Beschluss der Lenkungsgruppe.",
            "beschluss",
        )
    previous = Verteilungsschluessel.objects.filter(status=S.IN_KRAFT).exclude(pk=obj.pk)
    for old in previous:
        SCHLUESSEL.apply(
            old,
            S.ABGELOEST,
            by=entry.by,
            reason=f"Abgelöst durch „{obj.titel}“ (Beschluss {obj.beschluss.number})",
            check_permission=False,
        )


SCHLUESSEL = register(
    Machine(
        model=Verteilungsschluessel,
        noun="ein Verteilungsschlüssel",
        subject="Der Verteilungsschlüssel",
        genitive="eines Verteilungsschlüssels",
        permission="verteilung.change_verteilungsschluessel",
        transitions=(
            Transition(S.ENTWURF, S.IN_KRAFT, "In Kraft setzen", effect=_supersede_previous),
            Transition(S.IN_KRAFT, S.ABGELOEST, "Ablösen"),
        ),
    )
)
