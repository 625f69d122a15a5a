"""Anmeldesperre: brute-force protection of the login forms, password reset and API tokens.

django-axes records every failed login (portal login form, Wagtail admin login, API token) in
``AccessAttempt``. Two limits apply within the cool-off period (settings, docs/security.md):

- per account (``KIM_LOGIN_FAILURES_PER_ACCOUNT``): failures for one user name from anywhere;
- per address (``KIM_LOGIN_FAILURES_PER_ADDRESS``): failures from one IP address for any account,
  plus password reset requests from it and wrong API tokens sent from it.

Once a limit is reached, every further attempt is refused with a German message (429), also
with the right password, until ``KIM_LOGIN_COOLOFF_MINUTES`` have passed or an administrator
lifts the lock (Wagtail admin: Einstellungen > Anmeldesperren).
"""

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

logger = logging.getLogger("kim.security")

LOCKED_MESSAGE = (
    "Zu viele fehlgeschlagene Anmeldeversuche: Die Anmeldung ist vorübergehend gesperrt. "
    "Bitte versuchen Sie es in {minutes} Minuten erneut oder wenden Sie sich an die "
    "Administration des Portals."
)


def cooloff_minutes() -> int:
    return int(settings.KIM_LOGIN_COOLOFF_MINUTES)


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=cooloff_minutes())


class PortalLockoutHandler(AxesDatabaseHandler):
    """axes' database handler with separate limits per account and per address.

    axes compares one number (``get_failures``) against one limit (``AXES_FAILURE_LIMIT``, here
    the per-account limit); this handler reports the account's failures, or the limit itself
    once the address has used up its own, larger allowance.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        by_account, by_address = self.get_user_attempts(request, credentials)
        username = get_client_username(request, credentials)
        account_failures = (
            (by_account.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            if username
            else 0
        )
        address_failures = by_address.aggregate(total=Sum("failures_since_start"))["total"] or 0
        if address_failures >= settings.KIM_LOGIN_FAILURES_PER_ADDRESS:
            return max(account_failures, settings.KIM_LOGIN_FAILURES_PER_ACCOUNT)
        return account_failures


class LockoutBackend(AxesStandaloneBackend):
    """Refuses every login of a locked account or address (first in AUTHENTICATION_BACKENDS).

    A call of ``authenticate()`` without a request (the test client's ``login()``, management
    commands) is no guessing channel and is passed on to the next backend.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The German answer to a locked login (AXES_LOCKOUT_CALLABLE): JSON under /api/."""
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": locked_message()}, status=status)
    else:
        response = render(
            request,
            "accounts/locked.html",
            {"message": locked_message(), "minutes": cooloff_minutes()},
            status=status,
        )
    response["Retry-After"] = str(cooloff_minutes() * 60)
    return response


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address (AXES_CLIENT_IP_CALLABLE): REMOTE_ADDR, or, behind
    ``KIM_PROXY_COUNT`` trusted reverse proxies, the X-Forwarded-For entry the outermost proxy
    added (entries further left are the client's own claims and can be forged)."""
    proxies = int(getattr(settings, "KIM_PROXY_COUNT", 0))
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def address_is_locked(request: HttpRequest) -> bool:
    """Whether requests from this address are locked (no account involved)."""
    return not AxesProxyHandler.is_allowed(request, {"username": None})


def record_failure(request: HttpRequest, sender: type, reason: str) -> None:
    """Count an attempt without an account (wrong API token, password reset request) against
    the request's address, and log it."""
    logger.warning("%s from %s (%s)", reason, request.META.get("REMOTE_ADDR"), request.path)
    user_login_failed.send(sender=sender, credentials={"username": None}, request=request)
