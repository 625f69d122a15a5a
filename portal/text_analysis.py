"""German text analysis: the portal's one answer to "which words does this text contain?".

The search engine (search/) turns documents into index terms (:func:`analyse`) and queries into
search terms (:func:`analyse_query`) with the same pipeline, so both sides always agree on what a
term is; the similar-reports finder (forms/similarity.py) compares Meldebögen by the same terms.
It lives in ``portal`` because both apps use it and neither may import the other's internals.

Pipeline for one word
---------------------
1. **Tokenising** (:func:`words`): letters and digits; "/" separates words
   ("Aufgaben/Zuständigkeiten"); hyphenated words ("Case-Management") give their pieces as
   ordinary words plus the joined form ("casemanagement") at the position of the first piece.
   Soft hyphens and zero-width characters are removed, Unicode is NFKC-normalised first.
2. **Normalising** (:func:`normalise`): case folding (``str.casefold`` also turns "ß" into
   "ss"), every diacritic removed ("ü" -> "u", "é" -> "e"), then the transcriptions "ae",
   "oe", "ue" folded to "a", "o", "u" -- but only where they can stand for an umlaut:
   not after a vowel ("Frauen", "neue", "Steuer", "Bauer" keep their "ue") and "ue" not
   after "q" ("Quelle"). So "Einbürgerung", "Einbuergerung" and "Einburgerung" all become
   "einburgerung", and "Straße"/"Strasse" become "strasse". Words like "aktuell" or "Poet"
   are folded too ("aktull", "pot"); that is harmless because documents and queries are
   folded alike, and the stemmer sees folded forms of all inflections, so "aktuell" and
   "aktuelle" still share a stem. Folding to the base vowel (not to "ae") was chosen because
   it also covers users who simply drop the dots ("Einburgerung").
3. **Stop words**: a compact German list (:data:`STOP_WORDS`, folded like everything else).
   Stop words are dropped but still advance the position, so phrases stay exact.
4. **Stemming** (:func:`stem`): Snowball German via PyStemmer (C implementation of the
   Snowball algorithms; snowballstemmer is the same algorithm in pure Python and several
   times slower). One repair on top: Snowball strips a final "s" from "Kurs" but stems
   "Kurse" to "kurs", so a stem ending in consonant + "s" loses the "s" as well; now
   Kurs/Kurse/Kursen/Integrationskurs/Integrationskurse all meet.
5. **Compound parts** (:func:`split_compound`): German compounds are split into their parts,
   which are emitted as extra tokens at the compound's position with ``is_part=True`` and
   :data:`PART_WEIGHT`, so "Behörde Einbürgerung" finds "Einbürgerungsbehörde" and
   "Kooperationsvereinbarung" finds "Vereinbarung zur Kooperation", ranked below exact hits.

Compound splitting: why a lexicon of our own
--------------------------------------------
Candidates on PyPI (checked November 2026, Python 3.11):

* ``charsplit-fst`` 0.1.4 (Rust + FST): requires Python >= 3.12, not installable here.
* ``charsplit`` 0.1.2 on PyPI is an unrelated handwriting-segmentation tool;
  ``german-compound-splitter`` is not on PyPI.
* ``compound-split`` 1.0.2 (2020) and ``split-words`` 0.1.3 (2023) both ship Tuggener's
  CharSplit n-gram model. On the 15 KIM compounds (Einbürgerungsbehörde, Ausländerbehörde,
  Kooperationsvereinbarung, Integrationskurs, Fallrekonstruktion, Lenkungsgruppe,
  Handlungskonzept, Sprachförderung, Arbeitsmarktintegration, Jugendmigrationsdienst,
  Migrationsberatung, Schnittstellenproblem, Datenschutzgrundverordnung,
  Bedarfsgemeinschaft, Aufenthaltserlaubnis) its best split finds the right head 15 of 15
  times, but it only ever makes one binary split ("Jugendmigrations|Dienst"), it splits
  every simple word too ("Vereinbarung" -> "Verein|Barung", "Integration" -> "Int|Egration",
  "Behörde" -> "Beh|Örde") so a score threshold is needed -- and the threshold that rejects
  those also rejects "Jugendmigrationsdienst" and "Sachstandsbericht" (scores about -0.5).
  Loading the model costs ~2.6 s and ~350 MB of memory in every process. Neither package
  has been maintained for years.
* ``compound-word-splitter`` 0.4 (2017) needs pyenchant plus system dictionaries.

So the splitter here is dictionary-based: a lexicon (:data:`_LEXICON_WORDS`) of a few
hundred German words of administration, social law and migration, with the usual linking
elements (Fugen: -s-, -es-, -n-, -en-, -er-, -e-, -ens-, dropped final -e as in
"Sprach-förderung") and inflected heads ("-behörden"). A word that is itself in the lexicon
is never split. If no full segmentation exists, a known head of >= 4 letters with an unknown
modifier of >= 4 letters is still split off ("Flüchtlingsberatung" -> flüchtling + beratung).
It splits all 15 KIM compounds correctly into all their parts (tested), costs nothing to load
and is fully predictable; new domain words are added to the lexicon as content shows them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

__all__ = [
    "PART_WEIGHT",
    "STOP_WORDS",
    "ParsedQuery",
    "Phrase",
    "QueryTerm",
    "Token",
    "Word",
    "analyse",
    "analyse_query",
    "analyse_word",
    "is_stop_word",
    "lexicon_words",
    "normalise",
    "split_compound",
    "stem",
    "words",
]

#: Weight of a compound part relative to a whole word (1.0).
PART_WEIGHT = 0.5


@dataclass(frozen=True)
class Token:
    """One index term of a text."""

    term: str  # normalised + stemmed index term
    position: int  # word position; compound parts share the position of their compound
    weight: float  # 1.0 for whole words, PART_WEIGHT for compound parts
    is_part: bool


@dataclass(frozen=True)
class Word:
    """A word as it appears in the text, before normalisation."""

    text: str
    position: int
    pieces: tuple[str, ...] = ()  # hyphen pieces ("Case-Management" -> ("Case", "Management"))


# ---------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_VOWELS = frozenset("aeiouy")
# "ae"/"oe"/"ue" not preceded by a vowel; "ue" also not preceded by "q".
_UMLAUT_TRANSCRIPTION = re.compile(r"(?<![aeiouy])([ao])e|(?<![aeiouyq])(u)e")


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Fold case, diacritics, "ß" and the transcriptions ae/oe/ue of a single word.

    "Einbürgerung", "Einbuergerung" and "EINBURGERUNG" all give "einburgerung";
    "Straße" gives "strasse"; "Frauen" stays "frauen".
    """
    folded = unicodedata.normalize("NFKD", word.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _UMLAUT_TRANSCRIPTION.sub(lambda m: m.group(1) or m.group(2), folded)


# ---------------------------------------------------------------------------------------
# Stop words
# ---------------------------------------------------------------------------------------

_STOP_WORDS_TEXT = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
anderes anderm andern anders auch auf aus bei beim bin bis bist da dabei damit dann das
dass dasselbe dazu dein deine deinem deinen deiner dem demselben den denn denselben der
derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem
diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige
einigem einigen einiger einiges einmal er es etwas euch euer eure eurem euren eurer für
gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre
ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen
jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte machen man
manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit
muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte
sondern sonst über um und uns unsere unserem unseren unserer unter viel vom von vor
während war waren warst was weil weiter welche welchem welchen welcher welches wenn
werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar
zwischen sowie bzw ggf usw z b d h u a
"""

#: German stop words, already normalised.
STOP_WORDS: frozenset[str] = frozenset(normalise(w) for w in _STOP_WORDS_TEXT.split())


def is_stop_word(word: str) -> bool:
    """True if the word (in any spelling) is a stop word or a single letter."""
    folded = normalise(word)
    return folded in STOP_WORDS or (len(folded) == 1 and not folded.isdigit())


# ---------------------------------------------------------------------------------------
# Stemming
# ---------------------------------------------------------------------------------------

_STEMMER = Stemmer.Stemmer("german")
_S_ENDING = frozenset("bdfghklmnrt")


@lru_cache(maxsize=65536)
def _stem_folded(folded: str) -> str:
    if folded.isdigit() or len(folded) < 3:
        return folded
    term = _STEMMER.stemWord(folded)
    # Snowball stems "kurs" to "kur" but "kurse" to "kurs": strip the "s" there as well.
    if len(term) >= 4 and term[-1] == "s" and term[-2] in _S_ENDING:
        term = term[:-1]
    return term


def stem(word: str) -> str:
    """Normalise and stem one word: the index term of a whole word."""
    return _stem_folded(normalise(word))


# ---------------------------------------------------------------------------------------
# Compound splitting
# ---------------------------------------------------------------------------------------

# Simple (non-compound) words. Written naturally; folded when loaded.
_LEXICON_WORDS = """
abschluss abteilung agentur akte aktion alter amt anerkennung angebot angelegenheit
anmeldung anspruch antrag arbeit arbeiter arbeitgeber arbeitnehmer ärztin arzt asyl
aufenthalt aufgabe aufnahme auftrag ausbildung ausland ausländer ausschuss austausch
ausweis auswertung baustein bedarf begegnung begleitung behörde beirat beitrag bereich
bericht beratung berater beraterin beruf beschäftigung beschluss bescheid besprechung
beteiligung betreuung bewerbung bezirk bildung bogen bund bürger bürgerin büro controlling
daten dienst dienstleistung dokument dokumentation duldung ehrenamt einbürgerung
einreise einrichtung einwanderung eltern empfehlung entscheidung entwicklung ergebnis
erlaubnis erziehung evaluation existenz fach fachkraft fachkräfte fall familie
finanzierung flucht flüchtling form formular forschung frage frau frist förderung
führung geflüchtete gemeinde gemeinschaft gericht gesellschaft gesetz gespräch gesundheit
gruppe grund grundsatz handlung haus hilfe hochschule hürde information
integration jugend jugendamt kette kind kinder kita klasse kommune kommission kompetenz
konzept kooperation koordination koordinator koordinatorin kosten kraft kreis kultur
kurs land leistung leitung lenkung lösung management mangel markt meldung
melde migrant migrantin migration mitglied mitteilung modul moderation netzwerk
niederlassung nummer ordnung organisation papier partner partnerin person personal
plan planung politik praxis problem programm projekt protokoll prozess prüfung quote
rahmen rat recht rechtskreis regel region rekonstruktion richtlinie satzung
schlüssel schnitt schule schutz schüler sicherung sitzung sozial sprache staat
stadt stand stelle steuerung stiftung strategie struktur system teilhabe teilnahme termin
thema träger übergang unterbringung unterricht unterstützung verband verbraucher
vereinbarung verfahren verfügung vergabe verordnung versicherung verteilung vertrag
verwaltung vielfalt volk vorlage vorschlag vorsitz wahl weg welt wissen wohnung wohnen
zentrum ziel zugang zusammenarbeit zuständigkeit zuwanderung
akzeptanz amtsgericht anlaufstelle beauftragte beauftragter bescheinigung ehe einkommen
einwohner engagement erstaufnahme fortbildung gebühr heim helfer helferin jobcenter
kenntnis lehrer lehrerin maßnahme mensch miete nachweis pass qualifizierung sache
schwelle sozialamt sozialarbeit stufe tag team übersicht umsetzung verein
vollmacht woche zeit zeugnis zulassung zuschuss case abschiebung suche ort hintergrund
straße platz feld
"""

# Lexicon entries that are themselves compounds: emitted as their parts too.
_LEXICON_COMPOUNDS: dict[str, tuple[str, ...]] = {
    "arbeitsmarkt": ("arbeit", "markt"),
    "datenschutz": ("daten", "schutz"),
    "schnittstelle": ("schnitt", "stelle"),
    "sachstand": ("sache", "stand"),
    "grundverordnung": ("grund", "verordnung"),
    "volkshochschule": ("volk", "hochschule"),
    "bundesamt": ("bund", "amt"),
    "landesamt": ("land", "amt"),
    "jugendhilfe": ("jugend", "hilfe"),
    "sozialhilfe": ("sozial", "hilfe"),
    "kreisjugendamt": ("kreis", "jugend", "amt"),
    "jugendamt": ("jugend", "amt"),
    "sozialamt": ("sozial", "amt"),
    "sozialarbeit": ("sozial", "arbeit"),
    "ehrenamt": ("ehre", "amt"),
    "fachkraft": ("fach", "kraft"),
    "fachkrafte": ("fach", "kraft"),
    "dienstleistung": ("dienst", "leistung"),
    "rechtskreis": ("recht", "kreis"),
    "erstaufnahme": ("erst", "aufnahme"),
    "anlaufstelle": ("anlauf", "stelle"),
    "amtsgericht": ("amt", "gericht"),
    "standort": ("stand", "ort"),
}

# Only heads may carry an inflection ending ("-behörden", "-kurse").
_HEAD_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "nen")
# Linking elements (Fugenelemente) between two parts, shortest first.
_LINKERS = ("", "s", "n", "e", "es", "en", "er", "ens")
# Leading particles that must not become a modifier of their own in the fallback rule.
_PARTICLES_TEXT = (
    "zusammen unter über wieder wider hinter gegen durch neben heraus hinaus voran vorher "
    "nach ent ver zer"
)
_PARTICLES = frozenset(normalise(w) for w in _PARTICLES_TEXT.split())
_MIN_PART = 3


def _build_lexicon() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Map each folded lexicon word to its parts (one part for simple words)."""
    lexicon: dict[str, tuple[str, ...]] = {}
    for word in _LEXICON_WORDS.split():
        folded = normalise(word)
        lexicon[folded] = (folded,)
    for word, parts in _LEXICON_COMPOUNDS.items():
        lexicon[normalise(word)] = tuple(normalise(p) for p in parts)
    # Modifier forms: the word itself, and without final "e" ("Sprach-förderung").
    modifiers = set(lexicon)
    modifiers.update(w[:-1] for w in lexicon if w.endswith("e") and len(w) > _MIN_PART + 1)
    return lexicon, frozenset(modifiers)


_LEXICON, _MODIFIERS = _build_lexicon()


def lexicon_words() -> list[str]:
    """The folded words of the compound lexicon and their modifier forms ("sprach"), sorted:
    the word list of Elasticsearch's dictionary decompounder (search.backends.elasticsearch)."""
    words_ = {part for parts in _LEXICON.values() for part in parts} | set(_MODIFIERS)
    return sorted(w for w in words_ if len(w) >= _MIN_PART)


def _lexicon_base(form: str) -> str | None:
    """The lexicon word of a modifier form ("sprach" -> "sprache")."""
    if form in _LEXICON:
        return form
    if form + "e" in _LEXICON:
        return form + "e"
    return None


def _head_base(form: str) -> str | None:
    """The lexicon word of a possibly inflected head ("behorden" -> "behorde")."""
    for ending in _HEAD_ENDINGS:
        if ending and not form.endswith(ending):
            continue
        base = form[: len(form) - len(ending)] if ending else form
        if len(base) >= _MIN_PART and base in _LEXICON:
            return base
    return None


def _segment(word: str, need_head: bool = True) -> list[str] | None:
    """Best segmentation of ``word`` into lexicon words (fewest parts, then fewest linker
    letters), or None. With ``need_head`` the last part may carry an inflection ending."""
    n = len(word)
    # best[i]: (parts, linker_letters, segments) for a segmentation of word[:i]
    # that ends right before a new part starts at i.
    best: dict[int, tuple[int, int, tuple[str, ...]]] = {0: (0, 0, ())}
    result: tuple[int, int, tuple[str, ...]] | None = None
    for start in range(n):
        if start not in best:
            continue
        count, linker_len, segments = best[start]
        # Finish here: the rest is a head.
        rest = word[start:]
        head = _head_base(rest) if need_head else _lexicon_base(rest)
        if head is not None:
            candidate = (count + 1, linker_len, (*segments, head))
            if result is None or candidate[:2] < result[:2]:
                result = candidate
        # Or continue with a modifier plus a linker.
        for end in range(start + _MIN_PART, n - _MIN_PART + 1):
            base = _lexicon_base(word[start:end])
            if base is None:
                continue
            for linker in _LINKERS:
                if not word.startswith(linker, end):
                    continue
                nxt = end + len(linker)
                if nxt > n - _MIN_PART:
                    continue
                candidate = (count + 1, linker_len + len(linker), (*segments, base))
                if nxt not in best or candidate[:2] < best[nxt][:2]:
                    best[nxt] = candidate
    return list(result[2]) if result else None


def _expand(segments: list[str]) -> list[str]:
    """Add the parts of lexicon compounds ("datenschutz" -> daten, schutz)."""
    out: list[str] = []
    for segment in segments:
        out.append(segment)
        for part in _LEXICON.get(segment, (segment,)):
            if part != segment:
                out.append(part)
    return out


def _split_with_unknown_modifier(word: str) -> list[str] | None:
    """Known head (>= 4 letters) after an unknown modifier (>= 4 letters)."""
    for cut in range(4, len(word) - 3):  # longest head first
        head = _head_base(word[cut:])
        if head is None or len(head) < 4:
            continue
        modifier = word[:cut]
        for linker in sorted(_LINKERS, key=len, reverse=True):
            if linker and not modifier.endswith(linker):
                continue
            stripped = modifier[: len(modifier) - len(linker)] if linker else modifier
            if len(stripped) < 4 or stripped in _PARTICLES:
                continue
            if not any(ch in _VOWELS for ch in stripped):
                continue
            known = _segment(stripped, need_head=False)
            return [*(known or [stripped]), head]
    return None


@lru_cache(maxsize=65536)
def split_compound(word: str) -> tuple[str, ...]:
    """Parts of a German compound as normalised (unstemmed) words; () if not a compound.

    "Einbürgerungsbehörde" -> ("einburgerung", "behorde");
    "Datenschutzgrundverordnung" -> ("datenschutz", "daten", "schutz", "grundverordnung",
    "grund", "verordnung").
    """
    folded = normalise(word)
    if len(folded) < 2 * _MIN_PART or not folded.isalpha():
        return ()
    base = _head_base(folded)
    if base is not None:
        parts = _LEXICON[base]
        return parts if len(parts) > 1 else ()
    segments = _segment(folded)
    if segments is None:
        segments = _split_with_unknown_modifier(folded)
    if not segments or len(segments) < 2:
        return ()
    return tuple(dict.fromkeys(_expand(segments)))


# ---------------------------------------------------------------------------------------
# Tokenising and analysis
# ---------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).translate(_HYPHENS)


def words(text: str) -> list[Word]:
    """Split text into words with positions; "/" and other punctuation separate words,
    hyphen pieces count as separate positions."""
    out: list[Word] = []
    position = 0
    for match in _WORD_RE.finditer(_clean(text)):
        pieces = tuple(match.group().split("-"))
        out.append(Word(match.group(), position, pieces if len(pieces) > 1 else ()))
        position += len(pieces)
    return out


def analyse_word(word: str) -> tuple[str, tuple[str, ...]]:
    """Index term of a single word and the terms of its compound parts.

    Returns ("", ()) for stop words. Parts never repeat the whole-word term.
    """
    folded = normalise(word)
    if folded in STOP_WORDS or (len(folded) == 1 and not folded.isdigit()):
        return "", ()
    term = _stem_folded(folded)
    parts = tuple(
        dict.fromkeys(t for p in split_compound(folded) if (t := _stem_folded(p)) and t != term)
    )
    return term, parts


def _word_tokens(text: str, position: int) -> list[Token]:
    term, parts = analyse_word(text)
    if not term:
        return []
    tokens = [Token(term, position, 1.0, False)]
    tokens.extend(Token(p, position, PART_WEIGHT, True) for p in parts)
    return tokens


def analyse(text: str) -> list[Token]:
    """Index tokens of a text: whole words (weight 1.0) and compound parts (is_part=True,
    PART_WEIGHT) at the position of their compound; stop words dropped.

    A hyphenated word gives its pieces as whole words at consecutive positions and the
    joined form ("Case-Management" -> "casemanagement") at the first piece's position.
    """
    tokens: list[Token] = []
    for word in words(text):
        if not word.pieces:
            tokens.extend(_word_tokens(word.text, word.position))
            continue
        for offset, piece in enumerate(word.pieces):
            tokens.extend(_word_tokens(piece, word.position + offset))
        joined, _ = analyse_word("".join(word.pieces))
        if joined and all(t.term != joined for t in tokens if t.position == word.position):
            tokens.append(Token(joined, word.position, 1.0, False))
    tokens.sort(key=lambda t: t.position)  # stable: whole word before its parts
    return tokens


# ---------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryTerm:
    """One query word: its whole-word term and the terms of its parts."""

    text: str  # as typed
    term: str  # stemmed whole-word term (joined form for hyphenated words)
    parts: tuple[str, ...] = ()  # compound parts / hyphen pieces, to be weighted lower

    @property
    def alternatives(self) -> tuple[tuple[str, float], ...]:
        """(term, weight) pairs that count as a match for this word."""
        return ((self.term, 1.0), *((p, PART_WEIGHT) for p in self.parts))


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: terms with their offsets relative to the phrase start.

    Offsets keep gaps for stop words, so they compare directly with Token.position.
    """

    text: str
    terms: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed search query.

    ``terms`` holds every positive word, including the words of phrases, so a ranking
    that ORs terms sees them all; ``phrases`` additionally ask for adjacency. Words and
    phrases with a leading minus go to ``excluded`` / ``excluded_phrases``.
    """

    text: str
    terms: tuple[QueryTerm, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    excluded: tuple[QueryTerm, ...] = ()
    excluded_phrases: tuple[Phrase, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def all_terms(self) -> set[str]:
        """Every positive term, whole words and parts."""
        return {t for qt in self.terms for t, _ in qt.alternatives}


_QUERY_RE = re.compile(r'(?P<neg>(?<![^\s(])-)?(?:"(?P<phrase>[^"]*)"|(?P<plain>[^\s"]+))')


def _query_terms(text: str) -> list[QueryTerm]:
    out: list[QueryTerm] = []
    for word in words(text):
        if word.pieces:
            joined = "".join(word.pieces)
            term, parts = analyse_word(joined)
            piece_terms: list[str] = []
            for piece in word.pieces:
                piece_term, piece_parts = analyse_word(piece)
                piece_terms.extend(t for t in (piece_term, *piece_parts) if t)
            parts = tuple(dict.fromkeys(t for t in (*piece_terms, *parts) if t != term))
        else:
            term, parts = analyse_word(word.text)
        if term:
            out.append(QueryTerm(word.text, term, parts))
    return out


def _phrase(text: str) -> Phrase | None:
    tokens = [t for t in analyse(text) if not t.is_part]
    if not tokens:
        return None
    first = tokens[0].position
    seen: dict[int, str] = {}
    for token in tokens:
        seen.setdefault(token.position - first, token.term)  # skip joined hyphen forms
    return Phrase(text.strip(), tuple(sorted(seen.items())))


def analyse_query(query: str) -> ParsedQuery:
    """Parse a query into terms, quoted phrases and (with a leading "-") exclusions."""
    terms: list[QueryTerm] = []
    phrases: list[Phrase] = []
    excluded: list[QueryTerm] = []
    excluded_phrases: list[Phrase] = []
    for match in _QUERY_RE.finditer(_clean(query)):
        negative = match.group("neg") is not None
        if match.group("phrase") is not None:
            phrase = _phrase(match.group("phrase"))
            if phrase is None:
                continue
            if negative:
                excluded_phrases.append(phrase)
            else:
                phrases.append(phrase)
                terms.extend(_query_terms(match.group("phrase")))
        else:
            (excluded if negative else terms).extend(_query_terms(match.group("plain")))
    return ParsedQuery(
        query,
        tuple(dict.fromkeys(terms)),
        tuple(phrases),
        tuple(dict.fromkeys(excluded)),
        tuple(excluded_phrases),
    )
