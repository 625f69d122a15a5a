"""Wagtail's routing with at most one page query per request instead of two per level.

Wagtail's ``Page.route`` finds a child by its slug (one query for the base page) and then
loads the specific page (a second query). :func:`cached_route` remembers, per parent, slug and
page-tree version (portal.privacy.page_tree_version), which page that child is and of which
type, and loads the specific page directly by its id. The loaded row is checked to be that
parent's child with that slug; otherwise (a stale entry) Wagtail's own routing answers.

A page that the path passes through (it is only asked to route further; Wagtail does not check
its liveness either) is kept as loaded under the page-tree version, and so is the site's root
page (with the site, :func:`cached_find_site`): the page at the end of the path is the one
read from the database. Where the path ends in a routable page's own sub-path (e.g. the
directory of the Wissensbereich) or at the home page, the served page is that kept object,
as fresh as the page-tree version (every page save, publish, move, deletion and restriction
change renews it). Nothing about visibility is cached here: Wagtail checks the served page's
view restrictions (its own and its ancestors') and whether it is live as before. Installed in
portal/apps.py.

:func:`cached_find_site` does the same for Wagtail's site lookup (``Site.find_for_request``,
one query on every request that serves a page or builds a menu): the matching site with its
root page, per host name, port and page-tree version (a site saved or deleted, or any page
change, renews the version).
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from portal.privacy import page_tree_version

_wagtail_route = Page.route
_wagtail_find_site = Site._find_for_request
_NO_SITE = "none"
_TIMEOUT = 24 * 60 * 60


def cached_route(self: Page, request, path_components: list[str]):
    if not path_components or self.pk is None:
        return _wagtail_route(self, request, path_components)
    child_slug, remaining = path_components[0], path_components[1:]
    slug_key = hashlib.sha256(child_slug.encode()).hexdigest()[:32]
    key = f"kim:route:{page_tree_version()}:{self.pk}:{slug_key}"
    # A page on the way to the requested one is only asked to route further: it is taken as
    # loaded under the current page-tree version. The requested page itself is read fresh.
    passed_key = f"{key}:passed" if remaining else None
    subpage = cache.get(passed_key) if passed_key else None
    kept = subpage is not None
    if subpage is None:
        found = cache.get(key)
        subpage = _load(found, self, child_slug) if found else None
    if subpage is None:
        child = self.get_children().filter(slug=child_slug).only("pk", "content_type_id").first()
        if child is None:
            # Wagtail's routing raises the 404.
            return _wagtail_route(self, request, path_components)
        cache.set(key, (child.pk, child.content_type_id), _TIMEOUT)
        subpage = _load((child.pk, child.content_type_id), self, child_slug)
        if subpage is None:
            return _wagtail_route(self, request, path_components)
    if passed_key and not kept:
        cache.set(passed_key, subpage, _TIMEOUT)
    subpage._cached_parent_obj = self
    return subpage.route(request, remaining)


def _load(found: tuple[int, int], parent: Page, slug: str) -> Page | None:
    """The specific page ``found`` names, if it is still ``parent``'s child called ``slug``."""
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None
    page = model.objects.filter(pk=pk).first()
    if page is None or page.slug != slug or page.path[: -Page.steplen] != parent.path:
        return None
    return page


def cached_find_site(request) -> Site | None:
    """Wagtail's ``Site._find_for_request``, remembered per host, port and page-tree version."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    host_key = hashlib.sha256(f"{hostname}:{port}".encode()).hexdigest()[:32]
    key = f"kim:site:{page_tree_version()}:{host_key}"
    site = cache.get(key)
    if site is None:
        site = _wagtail_find_site(request)
        if site is not None:
            # Routing starts at the root page's specific object (one query saved per request).
            site.root_page.specific  # noqa: B018 - fills Wagtail's cached property
        cache.set(key, site if site is not None else _NO_SITE, _TIMEOUT)
    return None if site == _NO_SITE else site
