"""Versions of shared cache entries: every entry computed from some rows carries the current
version of those rows in its key; a change replaces the version, so all old entries miss at
once in every process (nothing has to be found and deleted).

A version is a random token under a fixed key of Django's cache; a lost key only means a new
version, i.e. cache misses. ``renew`` replaces it now and again after the commit: a process
that read the old rows before the commit must not keep its answer under the new version.
"""

import secrets

from django.core.cache import cache
from django.db import transaction


def current(key: str) -> str:
    """The current version stored under ``key``; a new random one when the cache holds none."""
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.token_hex(8), None)
        version = cache.get(key) or secrets.token_hex(8)
    return version


def renew(key: str) -> None:
    """Replace the version under ``key``: now, and again after the commit."""
    cache.set(key, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(key, secrets.token_hex(8), None))
