"""Snippets with <mark> highlighting, computed from the stored plain text of a document."""

from __future__ import annotations

import re
from collections.abc import Collection
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


def _matches(word: str, terms: Collection[str]) -> bool:
    return any(term in terms for term in _word_terms(word))


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
    spans = [m.span() for m in _WORD_RE.finditer(text) if _matches(m.group(), terms)]
    return _render(text, spans)


def snippet(text: str, terms: Collection[str], size: int = SNIPPET_WORDS) -> SafeString:
    """About ``size`` words of ``text`` around the densest cluster of matching words."""
    matches = list(_WORD_RE.finditer(text))
    if not matches:
        return mark_safe("")  # noqa: S308
    hits = [i for i, m in enumerate(matches) if _matches(m.group(), terms)]
    start = 0
    if hits:
        best, best_count = hits[0], 0
        for i in hits:
            count = len({matches[j].group().casefold() for j in hits if i <= j < i + size})
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
