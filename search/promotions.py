"""Empfohlene Treffer: promotions edited by the KIM-Koordination in the Wagtail admin
(``wagtail.contrib.search_promotions``: Einstellungen › Empfohlene Suchergebnisse).

Matching uses the search's own analysis, not Wagtail's exact string: a promotion's search
term matches a query with the same index terms (folded, stemmed, stop words dropped, in any
order), so "Einbürgerung" also answers "einburgerung", "die Einbürgerungen". One search term
may list several phrasings separated by ";" ("Einbürgerung; Staatsangehörigkeit; Pass").

A promotion points to a page, or to a URL. Whatever it points to is shown only if the user may
see it, by the same rule as every result (``visible_documents``): a page or a URL of the
portal must be in the index and visible to the user; a URL of another site is public anyway.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site

from portal import cache_versions
from portal.text_analysis import analyse
from search.backends.database import visible_documents

#: Separates phrasings in one promotion search term.
PHRASING_SEPARATOR = ";"


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str
    kind_label: str


@lru_cache(maxsize=2048)
def query_key(text: str) -> frozenset[str]:
    """The whole-word index terms of ``text`` (what a promotion and a query are matched by)."""
    return frozenset(token.term for token in analyse(text) if not token.is_part)


def phrasing_keys(query_string: str) -> set[frozenset[str]]:
    keys = {query_key(part) for part in query_string.split(PHRASING_SEPARATOR)}
    keys.discard(frozenset())
    return keys


#: The phrasing keys of all promotions, remembered per process and promotions version: a query
#: that matches none of them (almost every query) needs no database query at all. Holds only the
#: editors' search terms, nothing that depends on who searches.
PROMOTIONS_VERSION_KEY = "search:promotions-version"
_keys_lock = threading.Lock()
_known_keys: dict[str, object] = {"version": None, "keys": frozenset()}


def _promotion_keys() -> frozenset[frozenset[str]]:
    from wagtail.contrib.search_promotions.models import SearchPromotion

    version = cache_versions.current(PROMOTIONS_VERSION_KEY)
    with _keys_lock:
        if _known_keys["version"] == version:
            return _known_keys["keys"]  # type: ignore[return-value]
    strings = SearchPromotion.objects.values_list("query__query_string", flat=True)
    keys = frozenset(key for string in strings for key in phrasing_keys(string))
    with _keys_lock:
        _known_keys.update(version=version, keys=keys)
    return keys


def promotions_changed(**_kwargs) -> None:
    """Receiver: a promotion or a search term was saved or deleted."""
    cache_versions.renew(PROMOTIONS_VERSION_KEY)


def connect() -> None:
    """Renew the promotions version on every change of a promotion or its search term
    (called from ``SearchConfig.ready``)."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    for model in (SearchPromotion, Query):
        post_save.connect(promotions_changed, sender=model, dispatch_uid=f"promo-save-{model}")
        post_delete.connect(promotions_changed, sender=model, dispatch_uid=f"promo-del-{model}")


def _portal_hosts(request_host: str) -> set[str]:
    hosts = {request_host.split(":")[0].lower()} if request_host else set()
    hosts.update(h.lower() for h in Site.objects.values_list("hostname", flat=True))
    return hosts


def _internal_path(url: str, hosts: set[str]) -> str | None:
    """The path (with query) of a URL of the portal itself, or None for another site."""
    parts = urlsplit(url)
    if parts.netloc and (parts.hostname or "").lower() not in hosts:
        return None
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def promotions_for(
    text: str, user: User | AnonymousUser, request_host: str = ""
) -> list[Promotion]:
    """The promotions for the query ``text`` that ``user`` may see, in their editorial order.

    A bounded number of queries: the promotions with their search terms, the portal's hosts
    and one lookup of the visible targets."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    key = query_key(text)
    if not key or key not in _promotion_keys():
        return []
    candidates = [
        promotion
        for promotion in SearchPromotion.objects.select_related("query", "page").order_by(
            "query_id", "sort_order", "pk"
        )
        if key in phrasing_keys(promotion.query.query_string)
    ]
    if not candidates:
        return []
    hosts = _portal_hosts(request_host)
    page_ids = {str(p.page_id) for p in candidates if p.page_id}
    paths = {
        path
        for p in candidates
        if not p.page_id and (path := _internal_path(p.external_link_url, hosts)) is not None
    }
    page_type = ContentType.objects.get_for_model(Page, for_concrete_model=False)
    visible = visible_documents(user).filter(
        Q(content_type=page_type, object_id__in=page_ids) | Q(url__in=paths)
    )
    visible_pages: dict[str, tuple[str, str]] = {}
    visible_urls: dict[str, tuple[str, str]] = {}
    for content_type_id, object_id, url, title, kind_label in visible.values_list(
        "content_type_id", "object_id", "url", "title", "kind_label"
    ):
        if content_type_id == page_type.pk:
            visible_pages[object_id] = (url, kind_label)
        visible_urls[url] = (title, kind_label)

    found: list[Promotion] = []
    seen: set[str] = set()
    for promotion in candidates:
        if promotion.page_id:
            if str(promotion.page_id) not in visible_pages:
                continue
            url, kind_label = visible_pages[str(promotion.page_id)]
            title = promotion.page.title
        else:
            path = _internal_path(promotion.external_link_url, hosts)
            if path is None:
                url, kind_label = promotion.external_link_url, "Externer Link"
            elif path in visible_urls:
                url, kind_label = path, visible_urls[path][1]
            else:
                continue  # a portal address the user may not see, or not in the index
            title = promotion.external_link_text or url
        if url in seen:
            continue
        seen.add(url)
        found.append(Promotion(title, url, promotion.description, kind_label))
    return found
