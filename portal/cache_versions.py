"""Versions of shared cache entries: every entry computed from some rows carries the current
version of those rows in its key; a change replaces the version, so all old entries miss at
once in every process (nothing has to be found and deleted).

A version is a random token under a fixed key of Django's cache; a lost key only means a new
version, i.e. cache misses. ``renew`` replaces it now and again after the commit: a process
that read the old rows before the commit must not keep its answer under the new version.

Within one request a version is read from the cache once (:class:`RequestVersionsMiddleware`):
a page asks for the page-tree version many times (menus, routing, restrictions, the site). A
version renewed during the request is read again.
"""

import secrets
from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

#: Every user's permissions and groups (renewed by accounts/backends.py's signals).
PERMISSIONS = "kim:permissions-version"

# The versions read so far in the current request; None outside requests (commands, tasks).
_read_in_request: ContextVar[dict[str, str] | None] = ContextVar("kim_cache_versions", default=None)


def current(key: str) -> str:
    """The current version stored under ``key``; a new random one when the cache holds none."""
    memo = _read_in_request.get()
    if memo is not None and key in memo:
        return memo[key]
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.token_hex(8), None)
        version = cache.get(key) or secrets.token_hex(8)
    if memo is not None:
        memo[key] = version
    return version


def renew(key: str) -> None:
    """Replace the version under ``key``: now, and again after the commit."""
    _replace(key)
    transaction.on_commit(lambda: _replace(key))


def _replace(key: str) -> None:
    cache.set(key, secrets.token_hex(8), None)
    memo = _read_in_request.get()
    if memo is not None:
        memo.pop(key, None)


class RequestVersionsMiddleware:
    """Remembers the versions read during one request (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _read_in_request.set({})
        try:
            return self.get_response(request)
        finally:
            _read_in_request.reset(token)
