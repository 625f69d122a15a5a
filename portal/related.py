"""Extension point: panels that other apps add to an object's page without being imported.

Apps that sit further down the dependency graph (forms, spaces) render
``{% related_panels "meldebogen" meldebogen %}`` on their detail pages. Apps that build on them
(e.g. cycle, which links reports to Themen and Beschlüsse) register a Wagtail hook named
``related_panels_<kind>`` returning safe HTML (``render_to_string``/
``format_html``; plain strings are escaped) or "" for the object and the requesting user. So the
lower app shows what the higher app knows, and imports flow one way only.

A hook function receives ``(obj, request)`` and must apply its own visibility rule: it is called
for every viewer of the page.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from wagtail import hooks

HOOK_PREFIX = "related_panels_"

PanelHook = Callable[[object, HttpRequest], str]


def related_panels(kind: str, obj: object, request: HttpRequest) -> SafeString:
    """Concatenated HTML of every registered panel for ``kind``; empty when none applies."""
    parts = [fn(obj, request) for fn in hooks.get_hooks(HOOK_PREFIX + kind)]
    return format_html_join("", "{}", ((part,) for part in parts if part))
