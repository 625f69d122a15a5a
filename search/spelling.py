"""Typo tolerance and "Meinten Sie ...?" suggestions for the portal search.

Lookups use symspellpy (SymSpell's symmetric-delete algorithm with Damerau-Levenshtein
distance): a word is compared only with vocabulary entries that share a deletion variant,
so a lookup costs microseconds regardless of vocabulary size. It is well kept (releases
through 2026) and has no dependencies.

The vocabulary holds words of the indexed content, keyed by their normalised form
(:func:`portal.text_analysis.normalise`), so spelling variants such as "Einburgerung" or
"Einbuergerung" are not typos at all. For each key the most frequent spelling seen in the
content is kept for display ("Fallrekonstruktion", not "fallrekonstruktion").

Allowed edit distance depends on word length (typed, normalised): fewer than 6 letters
none, 6 to 8 letters one edit, 9 or more letters two edits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from symspellpy import SymSpell, Verbosity

from portal.text_analysis import analyse_word, is_stop_word, normalise, split_compound, stem, words

__all__ = ["Correction", "Speller", "Vocabulary", "max_edits", "suggest"]

MAX_DISTANCE = 2
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def max_edits(word: str) -> int:
    """Edit distance tolerated for a word: 0 below 6 letters, 1 up to 8, 2 from 9."""
    length = len(normalise(word))
    if length >= 9:
        return 2
    if length >= 6:
        return 1
    return 0


class Vocabulary:
    """Word frequencies keyed by normalised form, remembering the usual spelling."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._spellings: dict[str, Counter[str]] = {}

    def add(self, word: str, count: int = 1) -> None:
        key = normalise(word)
        if not key or not key.isalpha():
            return
        self._counts[key] += count
        self._spellings.setdefault(key, Counter())[word] += count

    def add_text(self, text: str) -> None:
        """Count every word of a text (hyphen pieces as words of their own)."""
        for word in words(text):
            for piece in word.pieces or (word.text,):
                self.add(piece)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        vocabulary = cls()
        for text in texts:
            vocabulary.add_text(text)
        return vocabulary

    def frequency(self, key: str) -> int:
        return self._counts.get(normalise(key), 0)

    def display(self, key: str) -> str:
        """The most frequent spelling of a word in the content."""
        spellings = self._spellings.get(normalise(key))
        return spellings.most_common(1)[0][0] if spellings else key

    def items(self) -> Iterable[tuple[str, int]]:
        return self._counts.items()

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and normalise(word) in self._counts

    def __len__(self) -> int:
        return len(self._counts)


@dataclass(frozen=True)
class Correction:
    """A vocabulary word close to a typed word."""

    key: str  # normalised vocabulary word
    display: str  # its usual spelling
    distance: int
    frequency: int


class Speller:
    """Typo-tolerant lookup and query suggestions against one vocabulary.

    ``vocabulary`` is a :class:`Vocabulary` or a mapping of words to frequencies.
    Build it once per index version; lookups are cheap.
    """

    def __init__(self, vocabulary: Vocabulary | Mapping[str, int]) -> None:
        if not isinstance(vocabulary, Vocabulary):
            built = Vocabulary()
            for word, count in vocabulary.items():
                built.add(word, count)
            vocabulary = built
        self.vocabulary = vocabulary
        self._symspell = SymSpell(max_dictionary_edit_distance=MAX_DISTANCE, prefix_length=7)
        self._stems: set[str] = set()
        for key, count in vocabulary.items():
            self._symspell.create_dictionary_entry(key, count)
            term, parts = analyse_word(key)
            self._stems.update((term, *parts))

    @property
    def terms(self) -> frozenset[str]:
        """Every index term (stems and compound parts) of the vocabulary's words."""
        return frozenset(self._stems)

    def is_known(self, word: str) -> bool:
        """True if searching for the word finds it in the content without correction:
        same normalised form, same stem (also as a compound part of a vocabulary word),
        or all its own compound parts known."""
        key = normalise(word)
        if key in self.vocabulary or stem(key) in self._stems:
            return True
        parts = split_compound(key)
        return bool(parts) and all(stem(p) in self._stems for p in parts)

    def candidates(self, word: str) -> list[Correction]:
        """Vocabulary words within the tolerated distance, closest and most frequent first.
        An exact match is included with distance 0."""
        key = normalise(word)
        limit = max_edits(key)
        if not key.isalpha():
            return []
        items = self._symspell.lookup(key, Verbosity.ALL, max_edit_distance=limit)
        items.sort(key=lambda item: (item.distance, -item.count, item.term))
        return [
            Correction(item.term, self.vocabulary.display(item.term), item.distance, item.count)
            for item in items
        ]

    def expand(self, word: str) -> list[str]:
        """Index terms a typo-tolerant search should also match for ``word``.

        The word's own term comes first, then the terms of close vocabulary words.
        """
        own, _ = analyse_word(word)
        terms = [own] if own else []
        for correction in self.candidates(word):
            term, _ = analyse_word(correction.key)
            if term and term not in terms:
                terms.append(term)
        return terms

    def correct(self, word: str) -> str | None:
        """Best spelling for an unknown word, or None if it is known or nothing is close."""
        if is_stop_word(word) or max_edits(word) == 0 or self.is_known(word):
            return None
        for correction in self.candidates(word):
            if correction.distance > 0:
                return correction.display
        return None

    def suggest(self, query: str) -> str | None:
        """The query with misspelt words corrected ("Meinten Sie ...?"), or None.

        Quotes, minus signs and every correctly spelt word are kept as typed.
        """
        changed = False

        def replace(match: re.Match[str]) -> str:
            nonlocal changed
            fixed = self.correct(match.group())
            if fixed is None:
                return match.group()
            changed = True
            return fixed

        corrected = _WORD_RE.sub(replace, query)
        return corrected if changed else None


def suggest(query: str, vocabulary: Vocabulary | Mapping[str, int]) -> str | None:
    """One-off "Meinten Sie ...?" suggestion; build a :class:`Speller` for repeated use."""
    return Speller(vocabulary).suggest(query)
