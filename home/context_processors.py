"""Site chrome for every template: main navigation and footer links.

Both come from at most three queries per request, whatever the amount of content.
"""

from django.http import HttpRequest
from wagtail.models import Page, Site

from home.models import HomePage, LegalPage
from portal.privacy import visible_pages


def site_chrome(request: HttpRequest) -> dict:
    def legal_links():
        return list(LegalPage.objects.live().order_by("kind").only("title", "url_path", "kind"))

    def main_navigation():
        if not request.user.is_authenticated:
            return []
        site = Site.find_for_request(request)
        root = site.root_page if site else HomePage.objects.first()
        if root is None:
            return []
        children = Page.objects.child_of(root).in_menu().not_type(LegalPage)
        return list(visible_pages(request.user, children).only("title", "url_path", "path"))

    # Evaluated lazily by the templates, once each (Django caches callables' results per render
    # only for attribute access, so we memoise explicitly).
    return {"legal_links": _Memo(legal_links), "main_navigation": _Memo(main_navigation)}


class _Memo:
    def __init__(self, func):
        self._func = func
        self._value = None
        self._done = False

    def _get(self):
        if not self._done:
            self._value = self._func()
            self._done = True
        return self._value

    def __iter__(self):
        return iter(self._get())

    def __bool__(self) -> bool:
        return bool(self._get())

    def __len__(self) -> int:
        return len(self._get())
