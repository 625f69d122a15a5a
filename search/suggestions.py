"""The spelling vocabulary of the index, cached per process and index version.

Only documents every logged-in user may see (principal "authenticated") feed the vocabulary,
so a "Meinten Sie ...?" suggestion can never reveal a word of restricted content.
"""

from __future__ import annotations

import threading

from search.indexing import index_version
from search.models import SearchDocument
from search.registry import AUTHENTICATED
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


def clear_cache() -> None:
    with _lock:
        _cache["version"] = None
        _cache["speller"] = None
