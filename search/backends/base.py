"""What every backend receives and returns; the contract suite checks both backends."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

#: Facets in display order: key -> label. "kind" and "year" are document columns. Each facet is
#: one vocabulary (docs/glossary.md): the Handlungsfelder of the knowledge base, the Themen of
#: the Meldebögen (also on Fallrekonstruktionen and generative Themen, through their reports) and
#: the free-text theme of an Arbeitsgruppe are different lists and never share a facet.
FACET_NAMES: dict[str, str] = {
    "kind": "Art",
    "kommune": "Kommune",
    "handlungsfeld": "Handlungsfeld",
    "thema": "Thema der Meldebögen",
    "gremium": "Gremium",
    "arbeitsgruppenthema": "Thema der Arbeitsgruppe",
    "year": "Jahr",
}

#: Ranking constants (BM25 with field weights; see docs/adr/0004-search.md).
K1 = 1.2
B = 0.75
TYPO_WEIGHT = 0.6  # a corrected spelling counts less than the word as typed
AFFIX_WEIGHT = 0.35  # "Dolmetscher" also finds "Dolmetscherpool", well below a real match
MIN_AFFIX_TERM = 6  # only terms this long are looked up inside compounds
AFFIX_MAX_DF = 10  # ... and only when they are rare on their own (keeps common queries fast)
RECENCY_BONUS = 0.1  # up to +10 % for brand-new content, halving every year
RECENCY_HALF_LIFE_DAYS = 365
#: Stored per document: 2 ** ((date - RECENCY_EPOCH) / half-life), so that the engine computes
#: the recency factor in SQL as 1 + min(RECENCY_BONUS, c x stored value) with one number c
#: per query (:func:`recency_scale`); no power function is needed in the database.
RECENCY_EPOCH = datetime.date(2000, 1, 1)
_MAX_HALF_LIVES = 500.0  # 2 ** 500 is far below the float limit
FEW_RESULTS = 3  # below this many hits we offer "Meinten Sie ...?"


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 10

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    title: str
    title_html: SafeString
    url: str
    kind: str
    kind_label: str
    snippet: SafeString
    date: datetime.date | None
    location: str
    score: float


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    query: SearchQuery
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    suggestion: str | None = None

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.query.page_size))

    def facet_dict(self) -> dict[str, list[dict]]:
        return {
            facet.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in facet.values
            ]
            for facet in self.facets
        }


def recency_factor(date: datetime.date | None, today: datetime.date) -> float:
    if date is None:
        return 1.0
    age = max(0, (today - date).days)
    return 1.0 + RECENCY_BONUS * 0.5 ** (age / RECENCY_HALF_LIFE_DAYS)


def recency_weight(date: datetime.date | None) -> float:
    """The stored half of the recency factor (0 for undated documents: factor 1)."""
    if date is None:
        return 0.0
    half_lives = (date - RECENCY_EPOCH).days / RECENCY_HALF_LIFE_DAYS
    return 2.0 ** max(-_MAX_HALF_LIVES, min(_MAX_HALF_LIVES, half_lives))


def recency_scale(today: datetime.date) -> float:
    """c with recency_factor(date, today) == 1 + min(RECENCY_BONUS, c x recency_weight(date))."""
    half_lives = (today - RECENCY_EPOCH).days / RECENCY_HALF_LIFE_DAYS
    return RECENCY_BONUS * 2.0 ** -max(-_MAX_HALF_LIVES, min(_MAX_HALF_LIVES, half_lives))


def bm25_idf(total_docs: int, df: int) -> float:
    return math.log(1.0 + (total_docs - df + 0.5) / (df + 0.5))
