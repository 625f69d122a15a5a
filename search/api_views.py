"""GET /api/v1/search/: the same search as /suche/, as JSON (session or token auth)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import BaseModel, Field

from search.backends import SearchQuery, get_backend
from search.forms import MAX_QUERY_LENGTH
from search.promotions import promotions_for

router = Router(tags=["Suche"])


# The answer's schemas are plain pydantic models, not ninja's Schema: they are filled from
# dicts, so ninja's attribute getter (a wrapper around every nested object, for ORM objects)
# would only cost time; the OpenAPI schema and the JSON are the same.


class ResultOut(BaseModel):
    title: str
    url: str
    type: str = Field(description="Art des Treffers (Schlüssel, wie im Filter „type“)")
    type_label: str
    snippet: str = Field(description="Textauszug; Treffer sind mit <mark> ausgezeichnet")
    date: datetime.date | None
    location: str
    score: float


class PromotedOut(BaseModel):
    title: str
    url: str
    description: str
    type_label: str


class FacetValueOut(BaseModel):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(BaseModel):
    total: int
    page: int
    page_size: int
    results: list[ResultOut]
    facets: dict[str, list[FacetValueOut]]
    suggestion: str | None = Field(None, description="„Meinten Sie …?“-Vorschlag")
    promoted: list[PromotedOut] = Field(
        default_factory=list,
        description="Empfohlene Treffer der KIM-Koordination (nur erste Seite ohne Filter)",
    )


class SearchParams(Schema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Suchbegriffe")
    type: list[str] = Field(default_factory=list, description="Art (Facette „kind“)")
    kommune: list[str] = Field(default_factory=list)
    handlungsfeld: list[str] = Field(
        default_factory=list, description="Handlungsfeld der Wissensbasis (ID)"
    )
    thema: list[str] = Field(default_factory=list, description="Thema der Meldebögen (Name)")
    gremium: list[str] = Field(default_factory=list)
    arbeitsgruppenthema: list[str] = Field(
        default_factory=list, description="Thema einer Arbeitsgruppe (Name)"
    )
    year: list[str] = Field(default_factory=list)
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(10, ge=1, le=50)


@router.get("/search/", response=SearchOut, summary="Volltextsuche über alle Inhalte")
def search(request: HttpRequest, params: Query[SearchParams]) -> dict:
    """Finds what the requesting user may see; totals and facet counts count nothing else."""
    filters = {
        "kind": params.type,
        "kommune": params.kommune,
        "handlungsfeld": params.handlungsfeld,
        "thema": params.thema,
        "gremium": params.gremium,
        "arbeitsgruppenthema": params.arbeitsgruppenthema,
        "year": params.year,
    }
    query = SearchQuery(
        text=params.q.strip(),
        filters={name: values for name, values in filters.items() if values},
        page=params.page,
        page_size=params.page_size,
    )
    found = get_backend().search(query, request.user)
    promoted = []
    if query.text and query.page == 1 and not query.filters:
        promoted = promotions_for(query.text, request.user, request.get_host())
    return {
        "total": found.total,
        "page": query.page,
        "page_size": query.page_size,
        "results": [
            {
                "title": hit.title,
                "url": hit.url,
                "type": hit.kind,
                "type_label": hit.kind_label,
                "snippet": str(hit.snippet),
                "date": hit.date,
                "location": hit.location,
                "score": hit.score,
            }
            for hit in found.hits
        ],
        "facets": found.facet_dict(),
        "suggestion": found.suggestion,
        "promoted": [
            {
                "title": item.title,
                "url": item.url,
                "description": item.description,
                "type_label": item.kind_label,
            }
            for item in promoted
        ],
    }
