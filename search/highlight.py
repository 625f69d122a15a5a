"""Snippets with <mark> highlighting, computed from the stored plain text of a document."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.text_analysis import analyse

_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
SNIPPET_WORDS = 32


@lru_cache(maxsize=65536)
def _word_terms(word: str) -> frozenset[str]:
    """Index terms of one word (cached: snippets analyse the same words again and again)."""
    return frozenset(token.term for token in analyse(word))


def _matcher(terms: Collection[str]) -> Callable[[str], bool]:
    """``word -> does one of its index terms match``, remembered per word for one call (a text
    repeats its words)."""
    wanted = frozenset(terms)
    seen: dict[str, bool] = {}

    def matches(word: str) -> bool:
        found = seen.get(word)
        if found is None:
            found = seen[word] = not wanted.isdisjoint(_word_terms(word))
        return found

    return matches


def _render(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def highlight(text: str, terms: Collection[str]) -> SafeString:
    """The whole text, escaped, with matching words in <mark>."""
    matches = _matcher(terms)
    spans = [m.span() for m in _WORD_RE.finditer(text) if matches(m.group())]
    return _render(text, spans)


def snippet(text: str, terms: Collection[str], size: int = SNIPPET_WORDS) -> SafeString:
    """About ``size`` words of ``text`` around the densest cluster of matching words."""
    matches = list(_WORD_RE.finditer(text))
    if not matches:
        return mark_safe("")  # noqa: S308
    matching = _matcher(terms)
    hits = [i for i, m in enumerate(matches) if matching(m.group())]
    start = 0
    if hits:
        best, best_count = hits[0], 0
        for position, i in enumerate(hits):
            # The distinct matching words among the hits in the window [i, i + size).
            window = hits[position : bisect_left(hits, i + size, position)]
            count = len({matches[j].group().casefold() for j in window})
            if count > best_count:
                best, best_count = i, count
        start = max(0, best - size // 4)
    end = min(len(matches), start + size)
    begin_char = matches[start].start()
    end_char = matches[end - 1].end()
    piece = text[begin_char:end_char]
    spans = [
        (matches[i].start() - begin_char, matches[i].end() - begin_char)
        for i in hits
        if start <= i < end
    ]
    html = _render(piece, spans)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(matches) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - _render escapes
