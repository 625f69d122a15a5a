"""What an invitation (accounts/invitations.py) can grant in the spaces: seats in Gremien.

The KIM-Koordination picks free seats when inviting; on acceptance the new person gets a
Mitgliedschaft on each seat from that day on. A seat taken in the meantime is skipped (and
logged): a seat has one holder at a time (Mitgliedschaft.clean).
"""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.invitations import InvitationExtension, register_extension
from spaces.models import Mitgliedschaft, Sitz

logger = logging.getLogger(__name__)


def free_seats():
    """Seats with no membership running today or later."""
    today = timezone.localdate()
    taken = Mitgliedschaft.objects.filter(sitz=OuterRef("pk")).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    )
    return (
        Sitz.objects.exclude(Exists(taken))
        .select_related("gremium")
        .order_by("gremium__name", "sort_order", "pk")
    )


class SeatChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, sitz: Sitz) -> str:
        return f"{sitz.gremium.name}: {sitz.label} ({sitz.get_role_display()})"


def _field() -> forms.Field:
    return SeatChoiceField(
        label="Freie Sitze in Gremien",
        queryset=free_seats(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional: Die Person wird ab der Annahme Mitglied auf diesen Sitzen.",
    )


def _describe(ids: list) -> list[str]:
    seats = Sitz.objects.filter(pk__in=ids).select_related("gremium")
    return [f"Gremium {s.gremium.name}: {s.label}" for s in seats]


def _apply(user, ids: list) -> None:
    for sitz in Sitz.objects.filter(pk__in=ids):
        membership = Mitgliedschaft(sitz=sitz, user=user, started_on=timezone.localdate())
        try:
            membership.full_clean()
        except ValidationError as error:
            logger.warning("Invitation of %s: seat %s not granted: %s", user, sitz, error)
            continue
        membership.save()


def register() -> None:
    register_extension(
        InvitationExtension(
            key="spaces.sitze",
            field=_field,
            to_json=lambda seats: [s.pk for s in seats or []],
            describe=_describe,
            apply=_apply,
        )
    )
