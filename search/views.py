"""The results page /suche/ and the autocomplete endpoint /suche/vorschlaege/."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search.backends import get_backend
from search.backends.database import visible_documents
from search.forms import query_from_params
from search.indexing import title_key
from search.promotions import promotions_for
from search.registry import provider_for

PAGE_SIZE = 10
AUTOCOMPLETE_LIMIT = 8


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    query = query_from_params(request.GET, page_size=PAGE_SIZE)
    found = get_backend().search(query, request.user) if query.text else None
    promoted = []
    if query.text and query.page == 1 and not query.filters:
        promoted = promotions_for(query.text, request.user, request.get_host())
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
        "promoted": promoted,
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


@require_GET
def open_document(request: HttpRequest, label: str, pk: str) -> HttpResponse:
    """Send the reader of a hit to where they read it (``search.registry.open_url``).

    404 unless the index lets the user see the object, so the redirect reveals nothing the
    results would not."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    provider = provider_for(model)
    if provider is None:
        raise Http404
    content_type = ContentType.objects.get_for_model(provider.model, for_concrete_model=False)
    visible = visible_documents(request.user).filter(content_type=content_type, object_id=pk)
    obj = provider.get_object(pk) if visible.exists() else None
    target = provider.open_url(obj, request.user) if obj is not None else None
    if not target:
        raise Http404
    return redirect(target)
