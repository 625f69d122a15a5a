"""Rendered parts of knowledge pages cached as HTML in Django's shared cache.

The body of a guidance page, a Handlungskonzept or an FAQ page (StreamField blocks, rich text,
sections, questions, links to other pages and documents) is the same for every reader with the
same visibility rule, until the page, the page tree or something shown in the body changes. Its
key therefore holds:

- the page's id and its live revision (publishing a new version changes it),
- the page-tree version (``portal.privacy.page_tree_version``: every page save, publish, move,
  view restriction, group or site change; Handlungsfelder and tags, knowledge/apps.py),
- the knowledge content version (:func:`content_changed`: documents, collections and their
  view restrictions, the reference data shown in the knowledge pages, FAQ questions; signals in
  knowledge/apps.py),
- the reader's visibility rule (``portal.privacy.visibility_key``): links to pages and
  documents are shown only to readers who may open them (knowledge/blocks.py,
  knowledge/rich_text.py), so two readers with different group sets never share an entry,
- the fragment's name, which also carries anything else the part depends on (e.g. whether
  the reader may see the FAQ feedback report).

Previews never read or fill the cache (they show an unpublished revision). Personal parts stay
outside (the reader's Kommune, messages, one-time feedback status); a form inside a cached
fragment gets its CSRF token on every request (:data:`CSRF_PLACEHOLDER`).
"""

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from portal import cache_versions
from portal.privacy import page_tree_version, visibility_key

_VERSION_KEY = "kim:knowledge-content-version"
FRAGMENT_TIMEOUT = 24 * 60 * 60

#: Rendered instead of the CSRF token inside cached fragments and replaced by the reader's
#: own token on every request (a token must never be shared between readers).
CSRF_PLACEHOLDER = "kim-csrf-placeholder-7d3f9a1c"


def content_version() -> str:
    """The current version of the rows rendered inside knowledge pages besides the pages."""
    return cache_versions.current(_VERSION_KEY)


def content_changed(**kwargs) -> None:
    """Invalidate every cached fragment (signal receiver): now and again after the commit."""
    cache_versions.renew(_VERSION_KEY)


def fragment_key(request: HttpRequest, page, name: str) -> str | None:
    """The cache key of ``page``'s fragment ``name`` for this request's reader; None for a
    preview (never cached)."""
    if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
        return None
    if page.pk is None or not page.live:
        return None
    return ":".join(
        (
            "kim:knowledge-fragment",
            name,
            str(page.pk),
            str(page.live_revision_id),
            page_tree_version(),
            content_version(),
            visibility_key(request.user),
        )
    )


def render_fragment(
    request: HttpRequest,
    page,
    name: str,
    template_name: str,
    context: Callable[[], dict] | None = None,
    *,
    shared: bool = True,
) -> SafeString:
    """``template_name`` rendered with ``page``, ``request`` and ``context()`` (called only
    when the fragment is not cached), from the cache when it holds it for this reader's
    visibility rule; ``shared=False`` renders it without the cache (a personal variant). The
    template is rendered without the context processors: it may use only what it is given."""
    key = fragment_key(request, page, name) if shared else None
    html = cache.get(key) if key is not None else None
    if html is None:
        values = {"page": page, "request": request, "csrf_token": CSRF_PLACEHOLDER}
        if context is not None:
            values.update(context())
        html = get_template(template_name).render(values)
        if key is not None:
            cache.set(key, html, FRAGMENT_TIMEOUT)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 (rendered by a template, autoescaped)
