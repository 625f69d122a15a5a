"""Directory sign-in (LDAP / Active Directory) with django-python3-ldap, when LDAP_SERVER_URI is
set (portal/settings/base.py, docs/operations.md "Anmeldung über das Verzeichnis").

Kreis staff log in on the usual login form with their directory user name and password. The
password is checked by a bind as that user; the portal stores none (a directory account's
password in the portal is unusable). At every sign-in the user's name and e-mail address are
taken from the directory and the portal roles are set from the directory groups by the
mapping ``LDAP_ROLE_GROUPS`` (group DN -> role name); other groups of the user in the portal
are left alone. Refused, so that the next backend (local accounts) decides:

- a wrong password, or a user the directory does not have (any more);
- a user the directory filter ``LDAP_USER_FILTER`` leaves out (Active Directory: disabled
  accounts, ``(!(userAccountControl:1.2.840.113556.1.4.803:=2))``);
- a user none of whose groups maps to a role (``LDAP_REQUIRE_ROLE``, on by default);
- an account deactivated in the portal (a leaver stays out even if the directory forgets).
"""

from __future__ import annotations

import logging

import ldap3
from django.conf import settings
from django.http import HttpRequest
from django_python3_ldap import ldap
from django_python3_ldap.auth import LDAPBackend
from django_python3_ldap.utils import format_search_filters
from ldap3.utils.conv import escape_filter_chars

from accounts.roles import ROLE_NAMES, set_roles

logger = logging.getLogger("kim.security")


def role_mapping() -> dict[str, str]:
    """``LDAP_ROLE_GROUPS`` with lower-case group DNs; unknown role names are an error."""
    mapping = {dn.strip().lower(): role for dn, role in settings.LDAP_ROLE_GROUPS.items()}
    unknown = set(mapping.values()) - set(ROLE_NAMES)
    if unknown:
        raise ValueError(f"LDAP_ROLE_GROUPS names unknown roles: {sorted(unknown)}")
    return mapping


def search_filters(ldap_fields: dict) -> list[str]:
    """The user search (LDAP_AUTH_FORMAT_SEARCH_FILTERS): the library's, plus LDAP_USER_FILTER."""
    filters = format_search_filters(ldap_fields)
    extra = getattr(settings, "LDAP_USER_FILTER", "")
    if extra:
        filters.append(extra if extra.startswith("(") else f"({extra})")
    return filters


def _group_dns(attributes: dict, connection, dn: str | None) -> set[str]:
    """The DNs of the user's groups: found by LDAP_GROUP_SEARCH_BASE and LDAP_GROUP_FILTER
    (``{dn}`` is the user's DN; Active Directory with nested groups:
    ``(member:1.2.840.113556.1.4.1941:={dn})``), else the user's ``memberOf`` attribute."""
    base = getattr(settings, "LDAP_GROUP_SEARCH_BASE", "")
    if base and connection is not None and dn:
        connection.search(
            search_base=base,
            search_filter=settings.LDAP_GROUP_FILTER.format(dn=escape_filter_chars(dn)),
            search_scope=ldap3.SUBTREE,
            attributes=[],
        )
        return {entry["dn"].lower() for entry in connection.response if entry.get("dn")}
    member_of = attributes.get("memberOf") or []
    if isinstance(member_of, str):
        member_of = [member_of]
    return {value.lower() for value in member_of}


def sync_roles(user, attributes: dict, *, connection=None, dn=None) -> None:
    """LDAP_AUTH_SYNC_USER_RELATIONS: the portal roles from the directory groups."""
    mapping = role_mapping()
    wanted = {
        mapping[group] for group in _group_dns(attributes, connection, dn) if group in mapping
    }
    set_roles(user, wanted)
    if user.has_usable_password():  # a directory account has no portal password
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user._kim_directory_roles = wanted


class DirectoryBackend(LDAPBackend):
    """django-python3-ldap's backend with the portal's refusals (module docstring)."""

    def authenticate(
        self,
        request: HttpRequest | None = None,
        username: str | None = None,
        password: str | None = None,
        **kwargs,
    ):
        if not username or not password:
            return None
        user = ldap.authenticate(username=username, password=password)
        if user is None:
            return None
        if not user.is_active:
            logger.warning("Directory sign-in of deactivated account %s refused", username)
            return None
        if settings.LDAP_REQUIRE_ROLE and not getattr(user, "_kim_directory_roles", None):
            logger.warning("Directory sign-in of %s refused: no group maps to a role", username)
            return None
        return user

    async def aauthenticate(self, *args, **kwargs):  # pragma: no cover - the portal is WSGI
        raise NotImplementedError
