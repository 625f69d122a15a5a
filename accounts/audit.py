"""The audit log of accounts (``Kontoereignis``): who signed in, failed to, was invited, got
or lost a role, was deactivated. The KIM-Koordination reads it under /konto/protokoll/.

:func:`record` writes one entry. The person acting is taken from the request being served
(:class:`ActorMiddleware` keeps it in a context variable), so role changes and deactivations
made in the Wagtail admin name who made them too. The receivers that write entries for Django's
signals are in accounts/signal_receivers.py.
"""

from __future__ import annotations

import ipaddress
from contextvars import ContextVar

from django.http import HttpRequest

from accounts.lockout import client_address
from accounts.models import Kontoereignis

_request: ContextVar[HttpRequest | None] = ContextVar("kim_audit_request", default=None)


class ActorMiddleware:
    """Remembers the request being served, for :func:`record`."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request() -> HttpRequest | None:
    return _request.get()


def record(
    kind: str,
    *,
    user=None,
    username: str = "",
    detail: str = "",
    actor=None,
    request: HttpRequest | None = None,
) -> Kontoereignis:
    """Write one entry of the audit log. ``actor`` defaults to the signed-in user of the
    request being served; ``username`` to the user's."""
    request = request or current_request()
    if actor is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            actor = request_user
    address = None
    if request is not None:
        try:
            address = str(ipaddress.ip_address(client_address(request) or ""))
        except ValueError:  # no address, or an odd proxy header: the entry is kept without
            address = None
    return Kontoereignis.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or (user.get_username() if user is not None else ""))[:254],
        actor=actor,
        detail=detail[:500],
        ip_address=address,
    )
