"""The results page /suche/ and the autocomplete endpoint /suche/vorschlaege/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search.backends import get_backend
from search.backends.database import visible_documents
from search.forms import query_from_params
from search.indexing import title_key

PAGE_SIZE = 10
AUTOCOMPLETE_LIMIT = 8


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    query = query_from_params(request.GET, page_size=PAGE_SIZE)
    found = get_backend().search(query, request.user) if query.text else None
    params = request.GET.copy()
    params.pop("seite", None)
    base_query = params.urlencode()
    pages = []
    if found and found.num_pages > 1:
        pages = [
            {"number": n, "current": n == query.page}
            for n in range(max(1, query.page - 3), min(found.num_pages, query.page + 3) + 1)
        ]
    context = {
        "query": query,
        "results": found,
        "base_query": base_query,
        "pages": pages,
        "first_number": query.offset + 1,
    }
    return TemplateResponse(request, "search/results.html", context)


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    """Up to eight titles of visible documents whose words start with what was typed."""
    typed = title_key(request.GET.get("q", "")[:100])
    if len(typed) < 3:
        return JsonResponse({"results": []})
    documents = visible_documents(request.user).filter(title_key__contains=typed)
    rows = documents.order_by("-boost", "title").values_list("title", "url")[:AUTOCOMPLETE_LIMIT]
    return JsonResponse({"results": [{"title": t, "url": u} for t, u in rows]})
