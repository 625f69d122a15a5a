"""Models of the spaces app; the visibility rule lives in spaces.visibility."""

from .aufgabe import Aufgabe, AufgabeQuerySet
from .beschluss import Beschluss, BeschlussQuerySet
from .gremium import Gremium, GremiumQuerySet, Mitgliedschaft, MitgliedschaftQuerySet, Sitz
from .kalender import KalenderAbo
from .protokoll import (
    ALLOWED_TRANSITIONS,
    Protokoll,
    Protokollpunkt,
    ProtokollStatus,
    ProtokollStatusAenderung,
    TransitionRefused,
)
from .sitzung import Sitzung, SitzungQuerySet, Tagesordnungspunkt
from .zielsystem import (
    Aktivitaet,
    Ergebnisziel,
    Grundsatzziel,
    Indikator,
    Messwert,
    Rahmenziel,
    Zielsystem,
    ZielsystemQuerySet,
)

__all__ = [
    "Aufgabe",
    "AufgabeQuerySet",
    "ALLOWED_TRANSITIONS",
    "Protokoll",
    "Protokollpunkt",
    "ProtokollStatus",
    "ProtokollStatusAenderung",
    "TransitionRefused",
    "Beschluss",
    "BeschlussQuerySet",
    "Gremium",
    "GremiumQuerySet",
    "KalenderAbo",
    "Mitgliedschaft",
    "MitgliedschaftQuerySet",
    "Sitz",
    "Sitzung",
    "SitzungQuerySet",
    "Tagesordnungspunkt",
    "Aktivitaet",
    "Ergebnisziel",
    "Grundsatzziel",
    "Indikator",
    "Messwert",
    "Rahmenziel",
    "Zielsystem",
    "ZielsystemQuerySet",
]
