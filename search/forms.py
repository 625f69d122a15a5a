"""Reading a search request (results page and API alike)."""

from __future__ import annotations

from django.http import QueryDict

from search.backends import FACET_NAMES, SearchQuery

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000


def _positive(value: str | None, default: int, maximum: int) -> int:
    try:
        number = int(value or default)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), maximum)


def query_from_params(params: QueryDict, page_param: str = "seite", page_size: int = 10):
    """A SearchQuery from GET parameters: q, one list per facet, the page number."""
    filters = {
        name: [v[:200] for v in params.getlist(name) if v][:20]
        for name in FACET_NAMES
        if params.getlist(name)
    }
    return SearchQuery(
        text=params.get("q", "").strip()[:MAX_QUERY_LENGTH],
        filters=filters,
        page=_positive(params.get(page_param), 1, MAX_PAGE),
        page_size=page_size,
    )
