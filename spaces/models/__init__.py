"""Models of the spaces app; the visibility rule lives in spaces.visibility."""

from .anwesenheit import Anwesenheit
from .aufgabe import Aufgabe, AufgabeQuerySet
from .berichtigung import Berichtigung
from .beschluss import Beschluss, BeschlussQuerySet, BeschlussVersion
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
from .record import RecordFrozen
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
    "RecordFrozen",
    "TransitionRefused",
    "Beschluss",
    "BeschlussVersion",
    "Berichtigung",
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
