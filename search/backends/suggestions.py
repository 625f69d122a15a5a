"""The spelling vocabulary of the index, cached per process and index version.

Only documents every logged-in user may see (principal "authenticated") feed the vocabulary,
so a "Meinten Sie ...?" suggestion can never reveal a word of restricted content.
"""

from __future__ import annotations

import bisect
import threading

from search.backends.store import index_version
from search.entries import AUTHENTICATED
from search.models import SearchDocument
from search.spelling import Speller, Vocabulary

_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "speller": None}


def build_vocabulary() -> Vocabulary:
    vocabulary = Vocabulary()
    documents = SearchDocument.objects.filter(principals__principal=AUTHENTICATED)
    for title, text in documents.values_list("title", "text").iterator(2000):
        vocabulary.add_text(title)
        vocabulary.add_text(text)
    return vocabulary


def get_speller() -> Speller:
    """The speller of the current index version (rebuilt after index changes)."""
    version = index_version()
    with _lock:
        if _cache["version"] != version or _cache["speller"] is None:
            _cache["speller"] = Speller(build_vocabulary())
            _cache["version"] = version
        return _cache["speller"]  # type: ignore[return-value]


class AffixIndex:
    """Index terms by prefix and by suffix: finds compounds that start or end with a term
    ("dolmetsch" -> "dolmetscherpool", "sprachkurs" -> "berufssprachkurs")."""

    def __init__(self, terms) -> None:
        self.forward = sorted(terms)
        self.backward = sorted(t[::-1] for t in terms)

    @staticmethod
    def _range(items: list[str], prefix: str, limit: int) -> list[str]:
        start = bisect.bisect_left(items, prefix)
        found = []
        for item in items[start:]:
            if not item.startswith(prefix) or len(found) >= limit:
                break
            found.append(item)
        return found

    def compounds_of(self, term: str, min_extra: int = 3, limit: int = 20) -> list[str]:
        heads = self._range(self.forward, term, limit * 2)
        tails = [t[::-1] for t in self._range(self.backward, term[::-1], limit * 2)]
        return [t for t in dict.fromkeys(heads + tails) if len(t) >= len(term) + min_extra][:limit]


def get_affixes() -> AffixIndex:
    """The affix index of the current speller's vocabulary."""
    speller = get_speller()
    with _lock:
        if _cache.get("affix_for") is not speller:
            _cache["affixes"] = AffixIndex(speller.terms)
            _cache["affix_for"] = speller
        return _cache["affixes"]  # type: ignore[return-value]


def clear_cache() -> None:
    with _lock:
        _cache.clear()
        _cache.update({"version": None, "speller": None})
