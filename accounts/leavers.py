"""People who leave: deactivating an account ends its sessions and API tokens at once, and
accounts nobody has used for ``KIM_INACTIVE_ACCOUNT_DAYS`` days are found for the
KIM-Koordination (/konto/konten/, ``manage.py report_inactive_accounts``).

A deactivated account loses access everywhere through one rule: an inactive user holds no
capability (portal.capabilities.is_active_user) and Django's ModelBackend refuses to log it
in or to restore its session. :func:`end_access` additionally removes what it still holds:
its sessions (so no page stays open with it) and its API tokens (revoked, so they show as
such in the admin). It runs whenever ``is_active`` turns false, also in the Wagtail admin
(accounts/signal_receivers.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from wagtail.models import APIToken


def end_sessions(user) -> int:
    """Delete every session of ``user``; returns how many. The sessions are rows in the
    database read through the cache (``cached_db``): each is deleted through the session
    engine, which removes both, so no server process answers from a cached copy."""
    now = timezone.now()
    ended = []
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            ended.append(session.pk)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in ended:
        store(session_key=session_key).delete()
    return len(ended)


def revoke_api_tokens(user) -> int:
    return APIToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def end_access(user) -> tuple[int, int]:
    """End the sessions and revoke the API tokens of ``user``: (sessions, tokens)."""
    return end_sessions(user), revoke_api_tokens(user)


def deactivate(users: Iterable) -> int:
    """Deactivate ``users`` (save, so the receivers end their access and log it)."""
    count = 0
    with transaction.atomic():
        for user in users:
            if not user.is_active:
                continue
            user.is_active = False
            user.save(update_fields=["is_active"])
            count += 1
    return count


def inactive_since(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=settings.KIM_INACTIVE_ACCOUNT_DAYS)


def unused_accounts(now: datetime.datetime | None = None) -> QuerySet:
    """Active accounts not used since the cut-off: no sign-in (or, never signed in, created
    before it) and no API token used since. Superusers are left out (the operators' own)."""
    cutoff = inactive_since(now)
    recent_token = APIToken.objects.filter(user=OuterRef("pk"), last_used_at__gte=cutoff)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(Exists(recent_token))
        .select_related("profile", "profile__kommune", "profile__organisation")
        .prefetch_related("groups")
        .order_by("last_login", "date_joined")
    )
