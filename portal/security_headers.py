"""Security headers on every response: Content-Security-Policy (django-csp), Permissions-Policy.

The portal's own pages get the strict policy in ``CONTENT_SECURITY_POLICY`` (settings): scripts
and stylesheets only from the portal's static files, no inline script, no plugin, no framing.
The Wagtail admin under /admin/ gets ``KIM_ADMIN_CONTENT_SECURITY_POLICY``: its editors, preview
panel and widgets still use inline styles and scripts that the portal does not control, so the
admin allows those, but still loads nothing from other origins and is framed only by itself (the
preview panel). See docs/security.md.
"""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

ADMIN_PREFIX = "/admin/"
_STYLE_ELEMENT = re.compile(rb"<style>(.*?)</style>", re.DOTALL)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy and a Permissions-Policy header."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.KIM_ADMIN_CONTENT_SECURITY_POLICY)
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        if settings.KIM_PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.KIM_PERMISSIONS_POLICY
        return response


def allow_own_inline_styles(response: HttpResponse) -> HttpResponse:
    """Allow the ``<style>`` elements of this response by their hashes.

    For the standalone error pages (portal/error_standalone.html), which render without a
    request and so without a nonce, and whose styles must not depend on static files. Use only
    on responses whose ``<style>`` blocks come from the portal's own templates.
    """
    hashes = [
        "'sha256-{}'".format(base64.b64encode(hashlib.sha256(block).digest()).decode("ascii"))
        for block in _STYLE_ELEMENT.findall(response.content)
    ]
    if hashes:
        update = getattr(response, "_csp_update", None) or {}
        update["style-src"] = [*update.get("style-src", []), *hashes]
        response._csp_update = update
    return response
