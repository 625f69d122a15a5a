"""API authentication: ``Authorization: Token <token>`` with Wagtail's hashed APIToken, or the
browser session.

Wagtail's BearerTokenAuth already resolves a token against the stored digests, rejects revoked
tokens and inactive users, and records the last use; we only accept the ``Token`` scheme that
our partners' systems send. A wrong token also logs out the request's session user, so it can
never fall back to a browser session.

The browser session works too, with Django's CSRF check for writes. ninja's own ``django_auth``
checks CSRF *before* it looks at the session, so a partner system posting without (or with a
wrong) token got 403 "CSRF check Failed" instead of 401; ``SessionAuth`` below checks CSRF only
for a logged-in session, and everybody else is not authenticated (German 401).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf
from wagtail.api.v3.auth import BearerTokenAuth

from accounts.lockout import address_is_locked, locked_message, record_failure
from portal.api_errors import CSRF_FAILED


class TokenAuth(BearerTokenAuth):
    """Wagtail's token check within the Anmeldesperre (accounts/lockout.py): a wrong token
    counts against the sender's address, and a locked address is refused (429, German), also
    with a valid token."""

    openapi_scheme = "token"

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        if address_is_locked(request):
            raise HttpError(429, locked_message())
        api_token = super().authenticate(request, token)
        if api_token is None:
            record_failure(request, type(self), "Wrong API token")
            if getattr(request, "axes_locked_out", False):
                raise HttpError(429, locked_message())
        return api_token


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need Django's CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        if not request.user.is_authenticated:
            return None
        if (
            self.csrf
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise HttpError(403, CSRF_FAILED)
        return request.user


api_auth = [TokenAuth(), SessionAuth()]
