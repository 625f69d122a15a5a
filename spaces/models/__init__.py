"""Models of the spaces app; the visibility rule lives in spaces.visibility."""

from .anwesenheit import Anwesenheit
from .aufgabe import Aufgabe, AufgabeQuerySet
from .beschluss import Beschluss, BeschlussQuerySet
from .dokument import Gremiumsdokument, gremium_collection
from .gremium import Gremium, GremiumQuerySet, Mitgliedschaft, MitgliedschaftQuerySet, Sitz
from .kalender import KalenderAbo
from .kommentar import Kommentar, KommentarQuerySet, KommentarRefused
from .protokoll import (
    Protokoll,
    Protokollpunkt,
    ProtokollStatus,
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
    "Anwesenheit",
    "Gremiumsdokument",
    "gremium_collection",
    "Kommentar",
    "KommentarQuerySet",
    "KommentarRefused",
    "Aufgabe",
    "AufgabeQuerySet",
    "Protokoll",
    "Protokollpunkt",
    "ProtokollStatus",
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
