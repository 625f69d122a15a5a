"""Error views (every error page is German and in the portal's layout), /healthz/ and
/.well-known/security.txt.

403, 404 and a failed CSRF check render inside base.html (navigation, user menu) with the
request. 400 and 500 render the standalone layout (portal/error_standalone.html) without
context processors: a 500 may come from the database, and a 400 from a host name that any
lookup of the current Site would refuse again. Under /api/ the same statuses become German
JSON (portal.api_errors.ApiErrorMiddleware).
"""

import logging
from contextlib import suppress
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, connections
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from portal.security_headers import allow_own_inline_styles

logger = logging.getLogger(__name__)


@login_not_required
@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 for members; anonymous visitors are sent to the login so URLs reveal nothing."""
    if not request.user.is_authenticated and not request.path_info.startswith("/api/"):
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    return render(request, "404.html", status=404)


@login_not_required
@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 with the reason the view gave (``PermissionDenied("...")`` texts are German)."""
    reason = str(exception) if exception is not None and exception.args else ""
    return HttpResponseForbidden(
        loader.render_to_string("403.html", {"reason": reason}, request=request)
    )


@login_not_required
@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from an expired or foreign page. Django's ``reason`` is
    English and for developers; it goes to the log (django.security.csrf), not to the user."""
    referer = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return HttpResponseForbidden(
        loader.render_to_string("403_csrf.html", {"back": referer if same_site else ""}, request)
    )


@login_not_required
@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return allow_own_inline_styles(HttpResponseBadRequest(loader.render_to_string("400.html")))


@login_not_required
@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return allow_own_inline_styles(HttpResponseServerError(loader.render_to_string("500.html")))


@login_not_required
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on their own (and for files without an HTML head): the
    portal's icon, instead of a 404 in every console."""
    return HttpResponsePermanentRedirect(static("portal/favicon.svg"))


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 200 while the database answers, 503 otherwise.

    No login, no content beyond one word, never cached. Every configured database is asked
    ``SELECT 1``; the reason of a failure goes to the log, not into the answer.
    """
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError as error:
            logger.error("Health check: database %r unreachable: %s", alias, error)
            with suppress(DatabaseError):
                connections[alias].close()
            return HttpResponse(
                "Datenbank nicht erreichbar\n", status=503, content_type="text/plain; charset=utf-8"
            )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@login_not_required
@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116): whom to tell about a security problem, from the
    setting SECURITY_CONTACT (an e-mail address or URL). Without it, there is no such file."""
    contact = settings.SECURITY_CONTACT.strip()
    if not contact:
        raise Http404
    if "@" in contact and not contact.startswith(("mailto:", "https://")):
        contact = f"mailto:{contact}"
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.astimezone(UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: de, en",
        f"Canonical: {settings.PORTAL_BASE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
