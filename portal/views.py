"""Error views and small project-wide views."""

import logging
from contextlib import suppress

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 for members; anonymous visitors are sent to the login so URLs reveal nothing."""
    if not request.user.is_authenticated and not request.path_info.startswith("/api/"):
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


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
