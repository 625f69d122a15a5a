"""Site chrome for every template: main navigation and footer links.

Both are evaluated lazily, once per request, with a bounded number of queries whatever the
amount of content; their rendered HTML is cached too (``chrome_cache_key``,
``footer_cache_key``; base.html), so a page whose navigation comes from the cache computes
neither the main navigation nor the legal links. The page links (main navigation, legal
links) are cached for everyone with the same visibility rule until the page tree changes
(portal.privacy.shared_by_visibility): they are computed with the same rule, never shared
between users who see different pages.
"""

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from cycle.permissions import is_coordination
from forms.permissions import may_report, may_review
from home.models import HomePage, LegalPage
from portal.privacy import (
    page_tree_version,
    shared_by_visibility,
    visibility_key,
    visible_pages,
)
from reporting.permissions import may_view_reports
from verteilung.permissions import may_read as may_read_verteilung


def site_chrome(request: HttpRequest) -> dict:
    def legal_links() -> list[LegalPage]:
        # Legal pages are public: the same for everyone (the anonymous rule).
        return shared_by_visibility(
            "legal-links",
            AnonymousUser(),
            lambda: list(
                LegalPage.objects.live().order_by("kind").only("title", "url_path", "kind")
            ),
        )

    def main_navigation() -> list[Page]:
        if not request.user.is_authenticated:
            return []
        site = Site.find_for_request(request)

        def compute() -> list[Page]:
            root = site.root_page if site else HomePage.objects.first()
            if root is None:
                return []
            children = Page.objects.child_of(root).in_menu().not_type(LegalPage)
            return list(visible_pages(request.user, children).only("title", "url_path", "path"))

        site_key = site.pk if site else "none"
        return shared_by_visibility(f"main-navigation:{site_key}", request.user, compute)

    def app_navigation() -> list[dict]:
        """Links to the portal's applications the user may use."""
        user = request.user
        if not user.is_authenticated:
            return []
        links = []
        if may_report(user) or may_review(user):
            links.append(
                {
                    "title": "Meldebögen",
                    "url": reverse("forms:list"),
                    "description": "Integrationshürden melden und den Stand verfolgen.",
                }
            )
        if may_review(user):
            links.append(
                {
                    "title": "Sichtung",
                    "url": reverse("forms:worklist"),
                    "description": "Eingegangene Meldebögen sichten, Fristen im Blick.",
                }
            )
        links.append(
            {
                "title": "Gremien",
                "url": reverse("spaces:overview"),
                "description": "Sitzungen, Protokolle, Beschlüsse und Zielsysteme.",
            }
        )
        if is_coordination(user):
            links.append(
                {
                    "title": "KIM-Zyklus",
                    "url": reverse("cycle:overview"),
                    "description": "Fallrekonstruktionen, generative Themen und ihr Weg in die "
                    "Gremien.",
                }
            )
        if may_read_verteilung(user):
            links.append(
                {
                    "title": "Verteilungsschlüssel",
                    "url": reverse("verteilung:overview"),
                    "description": "Wie die Stellen des Case Managements auf die Kommunen "
                    "verteilt sind.",
                }
            )
        if may_view_reports(user):
            links.append(
                {
                    "title": "Berichte",
                    "url": reverse("reporting:dashboard"),
                    "description": "Auswertungen, Exporte und Sachstandsberichte.",
                }
            )
        for link in links:
            # The most specific link is current ("/meldeboegen/sichtung/" over "/meldeboegen/").
            link["current"] = request.path.startswith(link["url"]) and not any(
                other["url"] != link["url"]
                and other["url"].startswith(link["url"])
                and request.path.startswith(other["url"])
                for other in links
            )
        return links

    app_links = SimpleLazyObject(app_navigation)

    def chrome_cache_key() -> str:
        """The rendered main navigation is shared by everyone with the same visibility rule
        (the page links), the same application links (from the user's permissions, with the
        current one marked) on the same site, until the page tree changes. The template adds
        the current page's section."""
        site = Site.find_for_request(request)
        links = [(link["title"], link["url"], link["current"]) for link in app_links]
        parts = [
            str(site.pk if site else "none"),
            visibility_key(request.user),
            page_tree_version(),
            repr(links),
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    return {
        "legal_links": SimpleLazyObject(legal_links),
        "main_navigation": SimpleLazyObject(main_navigation),
        "app_navigation": app_links,
        "chrome_cache_key": SimpleLazyObject(chrome_cache_key),
        # The legal links are the same for everyone (public pages) until the page tree changes.
        "footer_cache_key": SimpleLazyObject(page_tree_version),
    }
