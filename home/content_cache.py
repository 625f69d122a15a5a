"""The home page's content, rendered once and kept for a few minutes per person (issue 13).

The home page is personal (greeting, roles, next Sitzungen, open Aufgaben with their forms, the
KIM-Koordination's work, "Neu für Sie", the user's Kommune), so its content block is cached per
exact user, never shared. The key holds everything the content is computed from:

- the user's id and name, and the visibility rule (the user's groups, current with every
  change of them; portal.privacy.visibility_key), so joining or leaving a group counts at once;
- the page-tree version (portal.privacy: pages, restrictions, sites), the permissions version
  (accounts.backends) and the *home content version* below;
- the CSRF secret of the browser: the Aufgaben's buttons are forms with a CSRF token, which
  must belong to the browser that reads the page (a new login rotates the secret);
- today's date (overdue marks, Mitgliedschaften that begin or end today).

The home content version is renewed (now and after the commit, portal.cache_versions) by every
save or delete of a row, and every status change (portal.transitions, which writes with a
queryset update), of the apps whose data the content shows (spaces: Gremien, seats,
Mitgliedschaften, shares, Sitzungen, minutes, Aufgaben; knowledge: FAQ feedback, agreements,
Kommunen; accounts: the profile with the Kommune). What changes with the clock alone (a
Sitzung that has begun is no longer "next") is at most :data:`TIMEOUT` seconds old.
Previews are never cached.
"""

import hashlib

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone
from wagtail.models import Page

from portal import cache_versions

TIMEOUT = 5 * 60
_VERSION_KEY = "kim:home-content-version"
# The apps whose rows the home page's content shows (see the module's docstring), and from
# accounts only the profile: its audit log is written on every sign-in and sign-out, which
# would empty everyone's cached home page each time someone signs in.
WATCHED_APPS = frozenset({"spaces", "knowledge"})
WATCHED_MODELS = frozenset({"accounts.profile"})


def home_content_version() -> str:
    return cache_versions.current(_VERSION_KEY)


def home_content_changed(sender, **kwargs) -> None:
    """Receiver of post_save, post_delete, m2m_changed and portal.transitions.transitioned
    (connected in home/apps.py)."""
    if sender._meta.app_label in WATCHED_APPS or sender._meta.label_lower in WATCHED_MODELS:
        cache_versions.renew(_VERSION_KEY)


def content_cache_key(request: HttpRequest, page: Page) -> str | None:
    """The key of ``page``'s content for the person asking, or None when it must be rendered
    afresh (previews, anonymous requests)."""
    from accounts.backends import permissions_version
    from portal.privacy import page_tree_version, visibility_key

    user: User | AnonymousUser = request.user
    if getattr(request, "is_preview", False) or not user.is_authenticated:
        return None
    get_token(request)  # makes sure the request has its CSRF secret
    parts = [
        str(page.pk),
        str(user.pk),
        user.get_username(),
        user.first_name,
        visibility_key(user),
        page_tree_version(),
        permissions_version(),
        home_content_version(),
        request.META.get("CSRF_COOKIE", ""),
        request.get_full_path(),  # the Aufgaben's forms come back here
        timezone.localdate().isoformat(),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
