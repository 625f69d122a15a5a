"""API authentication: ``Authorization: Token <token>`` with Wagtail's hashed APIToken.

Wagtail's BearerTokenAuth already resolves a token against the stored digests, rejects revoked
tokens and inactive users, and records the last use; we only accept the ``Token`` scheme that
our partners' systems send. The browser session works too (with CSRF protection).
"""

from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth


class TokenAuth(BearerTokenAuth):
    openapi_scheme = "token"


api_auth = [TokenAuth(), django_auth]
