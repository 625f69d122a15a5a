"""Detect personal data in German free text (Meldebogen anonymity check).

A Meldebogen describes an integration barrier, never a person. This module finds text
spans that look like personal data so the form can warn before a report is saved:
person names, birth dates, postal addresses, phone numbers, e-mail addresses, file and
customer numbers (Aktenzeichen, BAMF-Geschäftszeichen, AZR-Nummer, BG-Nummer),
IBANs, passport and ID card numbers, Steuer-ID and Sozialversicherungsnummer.

The detector is rule based and pure Python (no Django, no network, no model weights).

Structured identifiers are found with regular expressions, most of them anchored on
the surrounding German keywords ("geb.", "Az.", "Reisepass", "Steuer-ID", ...), so that
counts, years, paragraphs ("§ 25b AufenthG"), amounts and appointment dates stay
untouched.

Names are the hard part, because German capitalises every noun. They are found by
combining several signals:

* a salutation or title ("Herr", "Frau", "Familie", "Eheleute", "Dr.") followed by a
  capitalised word, or a name pattern such as "Name: ..." or "heißt ...";
* a first name followed by a capitalised word that is not a common German noun (the
  surname), or by an initial ("Dilnoza R.");
* a first name on its own, if it is a reasonably common first name and no German word.

Lexical resources (chosen over hand-written lists; both are read from package data, no
download at run time):

* First names: the ``gender-guesser`` package ships Jörg Michael's ``nam_dict.txt``,
  about 48,000 first names with frequencies for 50+ countries, including Turkey, the
  Arab countries, the Balkans, Ukraine and Russia, i.e. the countries of origin the
  Kommunales Integrationsmanagement deals with. It is a data file, no code is run.
* German nouns: the ``german-nouns`` package ships a Wiktionary-based list of about
  100,000 German nouns with all inflected forms, tagged as common noun, first name,
  surname or place name. It tells "Müller" (also a surname) from "Mutter" (only a
  noun), and keeps "Mai", "Islam" or "Mark" from being taken as lone first names.

Both packages are optional: if one is missing, a compact curated fallback list inside
this module is used instead (with lower recall for rare names). Known limitations:
a surname on its own ("Yilmaz hat ...") is not detected, nor a first name that is
missing from the lexicon unless a title or a name pattern precedes it.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["ALWAYS_PERSONAL", "KIND_LABELS", "Finding", "find_personal_data", "is_always_personal"]

KIND_LABELS: dict[str, str] = {
    "name": "Name einer Person",
    "geburtsdatum": "Geburtsdatum",
    "adresse": "Anschrift",
    "telefon": "Telefonnummer",
    "email": "E-Mail-Adresse",
    "aktenzeichen": "Aktenzeichen oder Kennnummer",
    "iban": "Bankverbindung (IBAN)",
    "ausweis": "Ausweis- oder Passnummer",
    "steuer_id": "Steuer-Identifikationsnummer",
    "sozialversicherung": "Sozialversicherungsnummer",
}

# Kinds that are personal data whatever the context: a reporter can never confirm them as
# "not personal", they must be removed from the text. A birth date is always personal when it
# is a full date (day, month and year); a birth year alone ("Jahrgang 1985") can be confirmed.
ALWAYS_PERSONAL: frozenset[str] = frozenset(
    {"telefon", "email", "iban", "aktenzeichen", "ausweis", "steuer_id", "sozialversicherung"}
)


def is_always_personal(kind: str, text: str) -> bool:
    """True if a finding of this kind and text may never be confirmed as not personal."""
    if kind in ALWAYS_PERSONAL:
        return True
    return kind == "geburtsdatum" and len(re.findall(r"\d+|[^\W\d_]{3,}", text)) >= 3


# When two candidate spans overlap, the one with the higher priority wins.
_PRIORITY: dict[str, int] = {
    "email": 100,
    "iban": 90,
    "sozialversicherung": 85,
    "aktenzeichen": 80,
    "ausweis": 75,
    "steuer_id": 70,
    "telefon": 60,
    "geburtsdatum": 55,
    "adresse": 50,
    "name": 40,
}


@dataclass(frozen=True)
class Finding:
    """One span of personal data in a text."""

    kind: str
    start: int
    end: int
    text: str
    label: str

    @property
    def always_personal(self) -> bool:
        """Never confirmable: the reporter must remove it (see ALWAYS_PERSONAL)."""
        return is_always_personal(self.kind, self.text)


# --------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------

_KOMMUNEN = {
    "altena", "balve", "halver", "hemer", "herscheid", "iserlohn", "kierspe",
    "lüdenscheid", "meinerzhagen", "menden", "nachrodt", "wiblingwerde",
    "nachrodt-wiblingwerde", "neuenrade", "plettenberg", "schalksmühle", "werdohl",
    "sauerland", "märkischer", "märkischen", "kreis", "arnsberg", "münster", "hagen",
    "dortmund", "düsseldorf", "köln", "nrw", "deutschland",
}  # fmt: skip

_ORGANISATIONS = {
    "caritas", "diakonie", "awo", "drk", "vhs", "volkshochschule", "bamf", "jobcenter",
    "arbeitsagentur", "agentur", "ausländerbehörde", "einbürgerungsbehörde", "jugendamt",
    "sozialamt", "gesundheitsamt", "familienkasse", "kreisjugendamt", "abh", "ebh",
    "kim", "mbe", "jmd", "mso", "aok", "barmer", "dak", "tk", "ikk", "knappschaft",
    "rentenversicherung", "krankenkasse", "schule", "kita", "integrationszentrum",
    "bezirksregierung", "verwaltungsgericht", "amtsgericht", "landgericht", "botschaft",
    "konsulat", "stadt", "gemeinde", "rathaus", "bürgerbüro", "integrationskurs",
    "volmetal", "mark-ruhr", "paritätische", "paritätischer", "klinikum",
}  # fmt: skip

_MONTHS = {
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "dezember", "jan", "feb", "mär", "apr", "jun", "jul", "aug",
    "sep", "sept", "okt", "nov", "dez",
}  # fmt: skip

_WEEKDAYS = {
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags",
}  # fmt: skip

# German function words and frequent sentence-initial words. Many of them are also
# first names somewhere in the world ("Eine", "Sie", "Man", "Bei", "Seit").
_FUNCTION_WORDS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
    "eines", "kein", "keine", "keinen", "keinem", "keiner", "ich", "du", "er", "sie",
    "es", "wir", "ihr", "man", "mein", "meine", "sein", "seine", "seinen", "seinem",
    "seiner", "ihre", "ihren", "ihrem", "ihrer", "unser", "unsere", "dies", "diese",
    "dieser", "dieses", "diesen", "diesem", "jene", "jener", "alle", "allen", "aller",
    "beide", "beiden", "mehrere", "viele", "einige", "manche", "jede", "jeder", "jedes",
    "wer", "was", "wie", "wo", "wann", "warum", "weshalb", "wieso", "welche", "welcher",
    "und", "oder", "aber", "doch", "denn", "sondern", "weil", "dass", "ob", "wenn",
    "als", "da", "damit", "obwohl", "während", "nachdem", "bevor", "seit", "seitdem",
    "bis", "sobald", "falls", "sowie", "auch", "noch", "nur", "schon", "bereits",
    "immer", "nie", "oft", "dann", "danach", "daher", "deshalb", "trotzdem", "jedoch",
    "zudem", "außerdem", "hier", "dort", "heute", "gestern", "morgen", "jetzt", "nun",
    "derzeit", "aktuell", "inzwischen", "zuletzt", "zuerst", "erst", "mehr", "weniger",
    "sehr", "ganz", "fast", "etwa", "rund", "ca", "laut", "gemäß", "nach", "bei", "beim",
    "mit", "ohne", "für", "gegen", "um", "an", "am", "auf", "aus", "in", "im", "ins",
    "zu", "zum", "zur", "von", "vom", "vor", "über", "unter", "zwischen", "neben",
    "hinter", "durch", "wegen", "trotz", "statt", "innerhalb", "außerhalb", "ab", "per",
    "pro", "je", "so", "ja", "nein", "nicht", "bitte", "danke", "leider", "zwar",
    "sowohl", "weder", "entweder", "insgesamt", "teilweise", "mittlerweile", "neu",
    "neue", "neuen", "alte", "alten", "junge", "jungen", "ältere", "kleine", "große",
    "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
    "zwölf", "erste", "ersten", "zweite", "dritte", "letzte", "letzten", "nächste",
    "andere", "anderen", "weitere", "weiteren", "gleiche", "selbe", "ist", "sind",
    "war", "waren", "hat", "haben", "hatte", "wird", "werden", "wurde", "wurden", "kann",
    "können", "soll", "sollen", "muss", "müssen", "darf", "will", "gibt",
    "telefonisch", "schriftlich", "erreichbar", "unklar", "offen",
    "anfang", "mitte", "ende", "herbst", "winter", "sommer", "frühjahr", "frühling",
    "jahr", "jahre", "jahren", "monat", "monate", "monaten", "woche", "wochen", "tag",
    "tage", "tagen", "uhr", "anders", "also", "sonst", "bzw", "usw", "etc", "ggf", "z",
    "bzw.", "inkl", "zzgl", "siehe", "vgl", "hinweis", "achtung", "beispiel", "mo", "di",
    "mi", "do", "fr", "sa",
}  # fmt: skip

# Words that introduce a name: salutations and titles. The name itself is the span.
_SALUTATIONS = {
    "herr", "herrn", "frau", "familie", "fam.", "eheleute", "ehepaar", "hr.", "fr.",
    "hrn.", "mr.", "mrs.", "ms.",
}  # fmt: skip
_ACADEMIC_TITLES = {"dr.", "prof.", "dipl.", "ing.", "med.", "rer.", "nat.", "phil."}

# Capitalised words that can follow "Herr"/"Frau" without being a name.
_ROLE_WORDS = {
    "doktor", "doktorin", "professor", "professorin", "ministerin", "minister",
    "bürgermeister", "bürgermeisterin", "landrat", "landrätin", "kollege", "kollegin",
    "rechtsanwalt", "rechtsanwältin", "richter", "richterin", "direktor", "direktorin",
    "abgeordnete", "abgeordneter", "pfarrer", "pfarrerin", "präsident", "präsidentin",
    "vorsitzende", "vorsitzender", "sachbearbeiter", "sachbearbeiterin", "mutter",
    "vater", "kind", "kinder", "und", "oder",
}  # fmt: skip

# Words that point to a name right after them ("Name: ...", "heißt ...").
_NAME_CUE_RE = re.compile(
    r"(?:\b(?:Name|Vorname|Nachname|Familienname|Geburtsname|Klient(?:in)?|Betroffene[rn]?)"
    r"\s*:\s*|\b(?:namens|heißt|heisst|genannt)\s+)",
)

# Compact fallback first-name list, used only when gender-guesser is not installed.
# Frequent first names among immigrants in NRW and frequent German first names.
_FALLBACK_FIRST_NAMES_TEXT = """
Abdullah Abdul Abdulrahman Adam Adnan Ahmad Ahmed Aisha Ali Alina Amal Amina Amir Amira
Ana Anastasia Andrea Andreas Andrii Anna Anton Arben Aya Ayşe Aylin Bashir Besart Can
Daniel David Dilnoza Dmytro Elena Elif Emine Emir Emre Eyerusalem Fatemeh Fatima Fatma
Ferhat Florian Gabriel Georg Giorgi Hamid Hanna Hasan Hassan Hussein Ibrahim Ines Irina
Ivan Jamal Jana Jonas Julia Kai Karim Kateryna Khaled Lea Layla Leila Lena Lina Luca
Mahmoud Malik Mariam Marie Mario Mariya Mark Markus Maryam Masoud Mehmet Merve Michael
Mihai Milan Mohamed Mohammad Mohammed Muhammad Murat Mustafa Nadia Nadja Natalia Nour
Nina Olena Oleksandr Olga Omar Osman Paul Peter Rami Rana Reza Said Salma Sami Sara Sarah
Selin Sergej Sofia Sophie Stefan Svetlana Tatjana Thomas Tim Tobias Tom Vasyl Viktor
Viktoria Walid Yasin Yusuf Zahra Zainab Zeynep
"""

# Compact fallback list of common nouns, used only when german-nouns is not installed.
_FALLBACK_NOUNS_TEXT = """
Euro Prozent Personen Kinder Kind Menschen Familie Familien Monate Monaten Jahre Jahren
Wochen Tage Stunden Kilometer Plätze Platz Termin Termine Antrag Schule Kurs Kurse
"""

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
_NAME_PARTICLES = {"al", "el", "abu", "bin", "ibn", "abd", "von", "van", "de", "di", "da", "zu"}


@lru_cache(maxsize=1)
def _first_names() -> dict[str, int]:
    """First name (lower case) -> highest frequency class (1-13) over all countries."""
    names: dict[str, int] = {}
    try:
        data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        with data.open(encoding="utf-8") as handle:
            for line in handle:
                if not line or line[0] in "#=" or len(line) < 30:
                    continue
                parts = line.split()
                if len(parts) < 2:
                    continue
                freq = max((int(ch, 16) for ch in line[30:-1] if ch in "0123456789ABCDEF"),
                           default=0)  # fmt: skip
                for variant in {parts[1].replace("+", sep) for sep in ("", " ", "-")}:
                    key = variant.lower()
                    if " " not in key and freq >= names.get(key, 0):
                        names[key] = freq
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        names = {}
    for name in _FALLBACK_FIRST_NAMES_TEXT.split():
        names.setdefault(name.lower(), 5)
    for word in _nouns().first_names:
        names.setdefault(word, 3)
    return names


@dataclass(frozen=True)
class _NounLexicon:
    common: frozenset[str]  # inflected forms of common nouns (lower case)
    surnames: frozenset[str]
    first_names: frozenset[str]
    places: frozenset[str]


@lru_cache(maxsize=1)
def _nouns() -> _NounLexicon:
    """Read the german-nouns word list (lemma categories plus all inflected forms)."""
    try:
        package = resources.files("german_nouns")
        categories: list[str] = []
        with (package / "nouns.csv").open(encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            for row in reader:
                categories.append(row[1] if len(row) > 1 else "")
        common: set[str] = set()
        surnames: set[str] = set()
        first: set[str] = set()
        places: set[str] = set()
        with (package / "index.txt").open(encoding="utf-8") as handle:
            for line in handle:
                word, _, refs = line.rstrip("\n").partition("\t")
                for ref in refs.split():
                    if not ref.isdigit() or int(ref) >= len(categories):
                        continue
                    pos = categories[int(ref)]
                    if "Nachname" in pos:
                        surnames.add(word)
                    elif "Vorname" in pos:
                        first.add(word)
                    elif "Toponym" in pos or "Straßenname" in pos:
                        places.add(word)
                    elif "Substantiv" in pos and "Eigenname" not in pos:
                        common.add(word)
        return _NounLexicon(
            frozenset(common), frozenset(surnames), frozenset(first), frozenset(places)
        )
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return _NounLexicon(
            frozenset(n.lower() for n in _FALLBACK_NOUNS_TEXT.split()),
            frozenset(),
            frozenset(),
            frozenset(),
        )


def _stop_word(word: str) -> bool:
    low = word.lower().rstrip(".")
    return (
        low in _FUNCTION_WORDS
        or low in _KOMMUNEN
        or low in _ORGANISATIONS
        or low in _MONTHS
        or low in _WEEKDAYS
        or low + "." in _SALUTATIONS
        or low in _SALUTATIONS
        or low + "." in _ACADEMIC_TITLES
    )


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (len(word) > 1 and word.istitle())


def _first_name_strength(word: str) -> int:
    """0: no first name, 1: first name that is also a German word, 2: clear first name."""
    low = word.lower().rstrip(".")
    if _stop_word(low) or "-" in low and low.split("-")[0] not in _first_names():
        return 0
    parts = low.split("-")
    freq = min(_first_names().get(part, 0) for part in parts)
    if freq == 0:
        return 0
    nouns = _nouns()
    if any(part in nouns.common or part in nouns.places for part in parts):
        return 1
    return 2 if freq >= 2 else 1


def _surname_like(word: str) -> bool:
    """A capitalised word that may be a surname: no stop word, no plain common noun."""
    if not _is_capitalised(word) or word.endswith(".") or _stop_word(word):
        return False
    low = word.lower()
    nouns = _nouns()
    parts = low.split("-")
    if any(p in nouns.surnames for p in parts):
        return True
    return not any(p in nouns.common or p in nouns.places for p in parts)


# --------------------------------------------------------------------------------------
# Candidate finders
# --------------------------------------------------------------------------------------

_Span = tuple[str, int, int]

_MONTH_NAMES = (
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember|Jan\.|Feb\.|Mär\.|Apr\.|Jun\.|Jul\.|Aug\.|Sep\.|Sept\.|Okt\.|Nov\.|Dez\.)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_NUMERIC_DATE_RE = re.compile(
    rf"(?<![\d.]){_DAY}\.\s?(?:0?[1-9]|1[0-2])\.\s?(?:(?:19|20)\d{{2}}|\d{{2}})(?!\d|\.\d)"
)
# ISO 8601 (1985-03-12) and slashed dates, day or month first (05/11/1979, 12/31/1979).
_ISO_DATE_RE = re.compile(
    r"(?<![\d./-])(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])(?![\d-]|[./]\d)"
)
_SLASH_DATE_RE = re.compile(
    r"(?<![\d./-])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])/(?:(?:19|20)\d{2}|\d{2})"
    r"(?![\d/-]|[.,]\d)"
)
_TEXT_DATE_RE = re.compile(rf"(?<![\d.]){_DAY}\.\s?{_MONTH_NAMES}\s(?:19|20)\d{{2}}(?!\d)")
_BIRTH_CUE_RE = re.compile(
    r"(?:\bgeb(?:oren)?\b\.?|\bGeb\.|\bGeburtsdatum|\bGeburtstag|\bGeb\.-Datum|\bDOB\b"
    r"|\bJahrgang|\bJg\.|(?<![\w)])\*)",
    re.IGNORECASE,
)
_BIRTH_YEAR_RE = re.compile(
    rf"(?:\bgeb(?:oren)?\b\.?|\bJahrgang|\bJg\.)\s*(?:(?:am|im|in|ca\.|etwa)\s+)?"
    rf"(?:(?:Jahr\s+|{_MONTH_NAMES}\s+))?((?:19|20)\d{{2}})(?!\d)"
    rf"(?:\s+(?:und|bzw\.|oder|,)\s*((?:19|20)\d{{2}})(?!\d))?",
    re.IGNORECASE,
)


def _birth_dates(text: str) -> Iterator[_Span]:
    this_year = datetime.date.today().year
    for regex in (_NUMERIC_DATE_RE, _TEXT_DATE_RE, _ISO_DATE_RE, _SLASH_DATE_RE):
        for m in regex.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            after = text[m.end() : m.end() + 12]
            numbers = re.findall(r"\d{2,4}", m.group())
            year_text = numbers[0] if regex is _ISO_DATE_RE else numbers[-1]
            year = int(year_text)
            if len(year_text) == 2:
                year += 1900 if year > this_year % 100 else 2000
            cue = bool(_BIRTH_CUE_RE.search(before)) or "geboren" in after
            if cue or (len(year_text) == 4 and year <= this_year - 14):
                yield ("geburtsdatum", m.start(), m.end())
    for m in _BIRTH_YEAR_RE.finditer(text):
        for group in (1, 2):
            if m.group(group):
                yield ("geburtsdatum", m.start(group), m.end(group))


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?!\w)")


def _emails(text: str) -> Iterator[_Span]:
    for m in _EMAIL_RE.finditer(text):
        yield ("email", m.start(), m.end())


_PHONE_RE = re.compile(
    r"(?<![\w+/.,-])"
    r"(?:(?:\+|00)[1-9]\d{0,2}[\s/-]?(?:\(0\)\s?)?\d{2,5}|\(?0\d{2,5}\)?)"
    r"(?:\s?[/-]\s?|\s)?\d{2,}(?:[\s-]\d{2,}){0,4}"
    r"(?![\w.,]\d)"
)


# Free and shared-cost service numbers of organisations (0800 hotlines, 0180 numbers, the
# 116 xxx helplines) are no one's personal number.
_SERVICE_NUMBER_RE = re.compile(r"^(?:0|\+49|0049)(?:800|180|137|116)")


def _phones(text: str) -> Iterator[_Span]:
    for m in _PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _SERVICE_NUMBER_RE.match(re.sub(r"\(0\)|[^\d+]", "", m.group())):
            continue
        if 7 <= len(digits) <= 15:
            yield ("telefon", m.start(), m.end())


_IBAN_DE_RE = re.compile(r"\bDE\d{2}(?:\s?\d){18}(?!\d)")
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30}\b")


def _iban_valid(candidate: str) -> bool:
    compact = re.sub(r"\s", "", candidate)
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def _ibans(text: str) -> Iterator[_Span]:
    for m in _IBAN_DE_RE.finditer(text):
        yield ("iban", m.start(), m.end())
    for m in _IBAN_RE.finditer(text):
        if _iban_valid(m.group()):
            yield ("iban", m.start(), m.end())


_SVNR_RE = re.compile(
    r"(?<![\w])\d{2}\s?(?:[0-6]\d|7[01])(?:0[1-9]|1[0-2])\d{2}\s?[A-Z]\s?\d{3}(?!\w)"
)


def _sozialversicherung(text: str) -> Iterator[_Span]:
    for m in _SVNR_RE.finditer(text):
        yield ("sozialversicherung", m.start(), m.end())


_STEUER_ID_RE = re.compile(r"(?<![\w/.,-])[1-9]\d(?:\s?\d{3}){3}(?![\w/-]|[.,]\d)")
_STEUER_ID_SPACED_RE = re.compile(r"(?<![\w/.,-])\d(?:\s?\d){10}(?![\w/-]|[.,]\d)")
_STEUER_CUE_RE = re.compile(
    r"(?:Steuer-?ID|Steuer-?Identifikationsnummer|Steueridentifikationsnummer|IdNr"
    r"|Identifikationsnummer|TIN)",
    re.IGNORECASE,
)


def _steuer_ids(text: str) -> Iterator[_Span]:
    for m in _STEUER_ID_RE.finditer(text):
        yield ("steuer_id", m.start(), m.end())
    for m in _STEUER_ID_SPACED_RE.finditer(text):
        if _STEUER_CUE_RE.search(text[max(0, m.start() - 40) : m.start()]):
            yield ("steuer_id", m.start(), m.end())


_FILE_NUMBER_PATTERNS = [
    re.compile(r"\b\d{5}BG\d{7}\b"),  # Jobcenter Bedarfsgemeinschaft
    re.compile(r"(?<![\w/.-])\d{7,8}-\d{3}(?![\w-])"),  # BAMF Geschäftszeichen
    re.compile(r"(?<![\w/.-])\d{12}(?![\w-])"),  # AZR-Nummer
    re.compile(r"\b\d{3}[A-Z]\d{6}\b"),  # Kundennummer der Bundesagentur für Arbeit
    re.compile(r"\b\d{1,2}\s[A-Z]{1,2}\s\d{1,5}/\d{2}(?:\.A)?(?![\w/])"),  # court files
]
_FILE_CUE_RE = re.compile(
    r"(?:\bAz\.?|\bAZ\b|\bAktenzeichen|\bGeschäftszeichen|\bGZ\b|\bGz\.|\bGeschZ\.?"
    r"|\bVorgangsnummer|\bVorgangs-Nr\.|\bKundennummer|\bKunden-Nr\.|\bFallnummer"
    r"|\bAntragsnummer|\bBG-Nummer|\bBG-Nr\.|\bAZR-Nummer|\bAZR-Nr\.|\bMitgliedsnummer"
    r"|\bVersichertennummer|\bVersicherten-Nr\.|\bPersonenkennziffer|\bPKZ\b"
    r"|\bAkten-?Nr\.)(?![^\W\d_])"
    r"\s*(?:[^\W\d_]{2,6}\s*)?:?\s*(?:(?:lautet|ist|von|des|der|vom)\s+)?"
)
_FILE_TOKEN_RE = re.compile(
    r"(?:[A-Z]{1,3}|[\dA-Z][\w./-]*\d[\w./-]*|\d+)(?:\s(?:[A-Z]{1,3}(?=\s\d)|\d[\w./-]*))*"
)


def _file_numbers(text: str) -> Iterator[_Span]:
    for regex in _FILE_NUMBER_PATTERNS:
        for m in regex.finditer(text):
            yield ("aktenzeichen", m.start(), m.end())
    for cue in _FILE_CUE_RE.finditer(text):
        m = _FILE_TOKEN_RE.match(text, cue.end())
        if not m or len(re.findall(r"\d", m.group())) < 2:
            continue
        value = m.group().rstrip(".,;:/-")
        yield ("aktenzeichen", m.start(), m.start() + len(value))


_ID_CUE_RE = re.compile(
    r"(?:Reisepass|Pass|Personalausweis|Ausweis|Aufenthaltstitel|eAT|Passersatz"
    r"|Reiseausweis|Ankunftsnachweis|Aufenthaltsgestattung|Duldung|Dokument)"
    r"(?:nummer|-?Nr\.?)?(?:\s+(?:mit\s+der\s+)?(?:Nummer|Nr\.?))?\s*:?\s*",
    re.IGNORECASE,
)
_ID_TOKEN_RE = re.compile(r"[A-Z0-9]{6,10}(?![\w-])")
_GERMAN_ID_RE = re.compile(r"\b[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{7}[0-9]\b")


def _id_numbers(text: str) -> Iterator[_Span]:
    for cue in _ID_CUE_RE.finditer(text):
        m = _ID_TOKEN_RE.match(text, cue.end())
        if m and re.search(r"\d", m.group()) and re.search(r"[A-Z]", m.group()):
            yield ("ausweis", m.start(), m.end())
    for m in _GERMAN_ID_RE.finditer(text):
        value = m.group()
        if sum(ch.isdigit() for ch in value) >= 3 and sum(ch.isalpha() for ch in value) >= 2:
            yield ("ausweis", m.start(), m.end())


_STREET_SUFFIX = (
    r"(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|pfad|chaussee|steig"
    r"|stieg|wall|graben|kamp|twiete|hof|markt|berg|feld|höhe|siepen|bruch|busch)"
)
_STREET_WORD = r"(?:Straße|Strasse|Str\.|Weg|Gasse|Platz|Allee|Ring|Damm|Ufer|Pfad|Chaussee)"
_HOUSE_NUMBER = r"\d{1,3}\s?[a-zA-Z]?(?:\s?[-/]\s?\d{1,3}[a-z]?)?(?![\d,.]\d|\w)"
_STREET_RE = re.compile(
    rf"(?:\b[A-ZÄÖÜ][\wäöüß-]*{_STREET_SUFFIX}|\b[A-ZÄÖÜ][\wäöüß-]+\s{_STREET_WORD})"
    rf"\s{_HOUSE_NUMBER}"
)
_PREPOSITION_STREET_RE = re.compile(
    rf"\b(?:Am|An\sder|An\sden|Auf\sdem|Auf\sder|Im|In\sder|Zum|Zur|Hinter\sder|Unter\sden)"
    rf"\s[A-ZÄÖÜ][\wäöüß-]+\s{_HOUSE_NUMBER}"
)
_ADDRESS_CUE_RE = re.compile(
    r"\b(?:wohnt|wohnen|wohnhaft|lebt|leben|Anschrift|Adresse|gemeldet|Wohnung|Unterkunft"
    r"|zugezogen|umgezogen)\b",
    re.IGNORECASE,
)
_POSTCODE_RE = re.compile(r"(?<![\d.,])\d{5}\s(?P<town>[A-ZÄÖÜ][\wäöüß-]+)")
_POSTCODE_TAIL_RE = re.compile(r",?\s*\d{5}\s[A-ZÄÖÜ][\wäöüß-]+")


def _addresses(text: str) -> Iterator[_Span]:
    for m in _STREET_RE.finditer(text):
        word = m.group().split()[0].lower()
        if word in _MONTHS or word in _FUNCTION_WORDS:
            continue
        yield ("adresse", *_with_postcode(text, m.start(), m.end()))
    for m in _PREPOSITION_STREET_RE.finditer(text):
        noun = m.group().split()[-2].lower()
        if noun in _MONTHS or noun in _FUNCTION_WORDS:
            continue
        tail = _POSTCODE_TAIL_RE.match(text, m.end())
        cue = _ADDRESS_CUE_RE.search(text[max(0, m.start() - 40) : m.start()])
        if tail or cue:
            yield ("adresse", *_with_postcode(text, m.start(), m.end()))
    for m in _POSTCODE_RE.finditer(text):
        town = m.group("town").lower()
        nouns = _nouns()
        if town in _KOMMUNEN or town in nouns.places or town not in nouns.common:
            yield ("adresse", m.start(), m.end())


def _with_postcode(text: str, start: int, end: int) -> tuple[int, int]:
    tail = _POSTCODE_TAIL_RE.match(text, end)
    return (start, tail.end() if tail else end)


# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.text.rstrip(".") if not self.is_initial else self.text

    @property
    def is_initial(self) -> bool:
        return len(self.text) == 2 and self.text[0].isupper() and self.text[1] == "."


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        value = m.group()
        # Keep the period only for known abbreviations and initials.
        if value.endswith("."):
            low = value.lower()
            keep = (
                low in _SALUTATIONS
                or low in _ACADEMIC_TITLES
                or (len(value) == 2 and value[0].isupper())
            )
            if not keep:
                value = value[:-1]
        tokens.append(_Token(value, m.start(), m.start() + len(value)))
    return tokens


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    return gap in (" ", "-") or (gap == "" and left.text.endswith("."))


def _extend_name(text: str, tokens: list[_Token], i: int, loose: bool = False) -> int:
    """Index after the last token of a name that starts at token i.

    With ``loose`` (after a clear first name) the next capitalised word is taken as the
    surname even if it is also a German noun ("Ahmadi", "Koch"), unless it is a stop word.
    """
    j = i + 1
    while j < len(tokens) and j - i < 4 and _adjacent(text, tokens[j - 1], tokens[j]):
        tok = tokens[j]
        if tok.word.lower() in _NAME_PARTICLES and j + 1 < len(tokens):
            j += 1
            continue
        loose_ok = (
            loose
            and j == i + 1
            and _is_capitalised(tok.word)
            and not tok.word.endswith(".")
            and not _stop_word(tok.word)
        )
        if (
            loose_ok
            or tok.is_initial
            or _first_name_strength(tok.word) == 2
            or _surname_like(tok.word)
        ):
            j += 1
            if tok.is_initial:
                break
            continue
        break
    # Do not end on a dangling particle.
    while j - 1 > i and tokens[j - 1].word.lower() in _NAME_PARTICLES:
        j -= 1
    return j


def _name_start_ok(tok: _Token) -> bool:
    low = tok.word.lower()
    if tok.is_initial:
        return True
    if low in _NAME_PARTICLES:
        return True
    return _is_capitalised(tok.word) and not _stop_word(tok.word) and low not in _ROLE_WORDS


def _names(text: str) -> Iterator[_Span]:
    tokens = _tokens(text)
    cue_starts = {m.end() for m in _NAME_CUE_RE.finditer(text)}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.text.lower()
        # 1. Salutation or title, possibly followed by academic titles, then the name.
        if low in _SALUTATIONS or low in _ACADEMIC_TITLES:
            j = i + 1
            while (
                j < len(tokens)
                and tokens[j].text.lower() in _ACADEMIC_TITLES
                and _adjacent(text, tokens[j - 1], tokens[j])
            ):
                j += 1
            if (
                j < len(tokens)
                and _adjacent(text, tokens[j - 1], tokens[j])
                and _name_start_ok(tokens[j])
            ):
                end = _extend_name(text, tokens, j)
                yield ("name", tokens[j].start, tokens[end - 1].end)
                i = end
                continue
            i += 1
            continue
        # 2. After a cue like "Name:" or "heißt".
        if tok.start in cue_starts and _name_start_ok(tok):
            end = _extend_name(text, tokens, i)
            yield ("name", tok.start, tokens[end - 1].end)
            i = end
            continue
        # A street named after a town or a person ("Iserlohner Str.", "Lüdenscheider Straße")
        # is a place, not a name: skip the word before the street word and the street word.
        if (
            i + 1 < len(tokens)
            and _is_street_word(tokens[i + 1].word)
            and _adjacent(text, tok, tokens[i + 1])
        ):
            i += 2
            continue
        # 3. First name followed by a surname or an initial, or a clear first name alone.
        strength = _first_name_strength(tok.word) if _is_capitalised(tok.word) else 0
        if strength:
            end = _extend_name(text, tokens, i, loose=strength == 2)
            if end > i + 1:
                nxt = tokens[i + 1]
                clear_surname = nxt.is_initial or (
                    _surname_like(nxt.word) and _first_name_strength(nxt.word) != 1
                )
                if strength == 2 or clear_surname:
                    yield ("name", tok.start, tokens[end - 1].end)
                    i = end
                    continue
            elif (
                strength == 2
                and len(tok.word) >= 3
                and _first_names().get(tok.word.lower(), 0) >= 3
            ):
                yield ("name", tok.start, tok.end)
        # 4. Two unknown capitalised words in a row ("Yonas Tesfay"): no German noun,
        #    no place, no stop word, so most likely a first name the lexicon lacks.
        elif (
            i + 1 < len(tokens)
            and _unknown_word(tok.word)
            and _unknown_word(tokens[i + 1].word)
            and text[tok.end : tokens[i + 1].start] == " "
        ):
            yield ("name", tok.start, tokens[i + 1].end)
            i += 2
            continue
        i += 1


_STREET_WORDS = {
    "straße", "strasse", "str", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer",
    "pfad", "chaussee", "steig", "wall", "graben",
}  # fmt: skip


def _is_street_word(word: str) -> bool:
    return word.lower().rstrip(".") in _STREET_WORDS


def _unknown_word(word: str) -> bool:
    """A capitalised word that no lexicon knows (no noun, place, first name, stop word)."""
    if len(word) < 3 or not _is_capitalised(word) or word.isupper() or word.endswith("."):
        return False
    if _stop_word(word) or word.lower() in _ROLE_WORDS:
        return False
    low = word.lower()
    if low.endswith(_ADJECTIVE_ENDINGS):
        return False
    nouns = _nouns()
    for part in low.split("-"):
        if part in nouns.common or part in nouns.places or part in _first_names() or len(part) < 2:
            return False
        # A compound whose last part is a known noun ("Konfigurations|zeile").
        if any(part[k:] in nouns.common for k in range(2, len(part) - 3)):
            return False
    return True


# Endings of inflected adjectives and participles, capitalised at sentence start.
_ADJECTIVE_ENDINGS = (
    "ige", "iger", "iges", "igen", "igem", "liche", "licher", "liches", "lichen", "lichem",
    "ische", "ischer", "isches", "ischen", "ende", "ender", "endes", "enden", "bare", "barer",
    "bares", "baren", "ierte", "ierter", "iertes", "ierten", "ene", "ener", "enes", "enen",
    "ete", "eter", "etes", "eten", "ste", "ster", "stes", "sten", "lose", "loser", "loses",
    "losen",
)  # fmt: skip


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------

_FINDERS = (
    _emails,
    _ibans,
    _sozialversicherung,
    _file_numbers,
    _id_numbers,
    _steuer_ids,
    _phones,
    _birth_dates,
    _addresses,
    _names,
)


def _resolve(candidates: Iterable[_Span]) -> list[_Span]:
    """Keep non-overlapping spans: higher priority first, then longer, then earlier."""
    ordered = sorted(set(candidates), key=lambda c: (-_PRIORITY[c[0]], -(c[2] - c[1]), c[1]))
    chosen: list[_Span] = []
    for kind, start, end in ordered:
        if end <= start:
            continue
        if all(end <= s or start >= e for _, s, e in chosen):
            chosen.append((kind, start, end))
    return sorted(chosen, key=lambda c: c[1])


def find_personal_data(text: str) -> list[Finding]:
    """Return the spans of ``text`` that look like personal data, sorted by start.

    The spans do not overlap. ``Finding.text`` is ``text[start:end]``.
    """
    if not text:
        return []
    candidates: list[_Span] = []
    for finder in _FINDERS:
        candidates.extend(finder(text))
    return [
        Finding(kind=kind, start=start, end=end, text=text[start:end], label=KIND_LABELS[kind])
        for kind, start, end in _resolve(candidates)
    ]
