"""The portal's roles: Django groups with exactly these names, and what each may do.

A role is a bundle of permissions; what a user may do is decided by the permissions
(portal/capabilities.py), never by the group's name. This module holds the roles, the
permissions of accounts itself and of Wagtail's own models; every other app declares the
permissions of its models that a role holds in its own ``roles.py``::

    # forms/roles.py
    ROLE_PERMISSIONS = {"koordination": ("meldeboegen.view_meldebogen", ...)}

keyed by :attr:`Role.key`. :func:`role_permissions` collects them from every installed app
(an app may name only its own permissions). The data migration ``0002_roles`` creates the
groups, and ``sync_role_permissions`` (also run after every ``migrate``) applies the collected
permissions; it is idempotent. Membership of a Gremium (Lenkungsgruppe, Arbeitsgruppe) is not a
role: spaces/ models it.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

from portal.capabilities import user_groups

KOORDINATION = "KIM-Koordination"
CASE_MANAGEMENT = "Case Management"
INTEGRATIONSBEAUFTRAGTE = "Integrationsbeauftragte"
EXTERNE_PARTNER = "Externe Partner"
REDAKTION = "Redaktion"


@dataclass(frozen=True)
class Role:
    key: str  # how apps' ROLE_PERMISSIONS name the role
    name: str
    description: str
    # "app_label.codename" model permissions of accounts and of Wagtail's own models; the
    # other apps' permissions come from their roles.py (see role_permissions)
    permissions: tuple[str, ...] = ()
    # page permissions granted on the whole page tree (codenames of wagtailcore.Page)
    page_permissions: tuple[str, ...] = ()
    # collection permissions granted on the root collection ("app_label.codename")
    collection_permissions: tuple[str, ...] = ()
    admin_access: bool = False
    greeting: str = field(default="")


ROLES: tuple[Role, ...] = (
    Role(
        key="koordination",
        name=KOORDINATION,
        description="Bearbeitet und veröffentlicht Inhalte, sichtet Meldebögen, verwaltet Gremien.",
        greeting="Sie koordinieren das Kommunale Integrationsmanagement.",
        admin_access=True,
        permissions=(
            "accounts.view_profile",
            "accounts.add_profile",
            "accounts.change_profile",
            # Invitations, unused accounts, deactivation, the audit log (accounts/permissions.py)
            "accounts.manage_accounts",
            "accounts.view_einladung",
            "accounts.view_kontoereignis",
            # Wagtail's own models, which no app of the portal owns: API tokens, redirects.
            "wagtailcore.add_apitoken",
            "wagtailcore.change_apitoken",
            "wagtailcore.delete_apitoken",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            # Empfohlene Treffer of the portal search (wagtail.contrib.search_promotions).
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
        ),
        page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
            "bulk_delete_page",
        ),
        collection_permissions=(
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
        ),
    ),
    Role(
        key="case_management",
        name=CASE_MANAGEMENT,
        description=(
            "Liest Arbeitshilfen, meldet Integrationshürden und verfolgt die eigenen Meldungen."
        ),
        greeting="Sie beraten im KIM-Case Management vor Ort in den Kommunen.",
    ),
    Role(
        key="integrationsbeauftragte",
        name=INTEGRATIONSBEAUFTRAGTE,
        description=(
            "Liest Handlungskonzept, Vereinbarungen und Protokolle; eine Person je Kommune."
        ),
        greeting="Sie sind Integrationsbeauftragte oder Integrationsbeauftragter Ihrer Kommune.",
    ),
    Role(
        key="externe_partner",
        name=EXTERNE_PARTNER,
        description="Meldet Integrationshürden und liest, was für Partner freigegeben ist.",
        greeting="Sie arbeiten als Partnerorganisation im Kommunalen Integrationsmanagement mit.",
    ),
    Role(
        key="redaktion",
        name=REDAKTION,
        description=(
            "Bearbeitet Seiten und Kooperationsvereinbarungen und reicht sie zur Freigabe ein; "
            "veröffentlicht nicht selbst."
        ),
        greeting="Sie arbeiten in der Redaktion des KIM-Portals.",
        admin_access=True,
        # no publish_page: what the Redaktion writes goes live only through the workflow
        page_permissions=("add_page", "change_page"),
        collection_permissions=(
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
        ),
    ),
)

ROLE_NAMES: tuple[str, ...] = tuple(role.name for role in ROLES)
ROLES_BY_NAME: dict[str, Role] = {role.name: role for role in ROLES}


def roles_of(user) -> list[Role]:
    """The portal roles a user holds, in the order of ROLES (uses prefetched groups if present)."""
    if not user.is_authenticated:
        return []
    names = {group.name for group in user_groups(user)}
    return [role for role in ROLES if role.name in names]


def has_role(user, role_name: str) -> bool:
    return any(role.name == role_name for role in roles_of(user))


def set_roles(user, wanted: set[str]) -> None:
    """Give ``user`` exactly the portal roles ``wanted`` (from a directory or an identity
    provider); groups that are not portal roles (Gremium seats, Kommunen) stay untouched."""
    from django.contrib.auth.models import Group

    current = {group.name for group in user.groups.filter(name__in=ROLE_NAMES)}
    if wanted - current:
        user.groups.add(*Group.objects.filter(name__in=wanted - current))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))


def _app_role_permissions() -> dict[str, list[str]]:
    """ROLE_PERMISSIONS of every installed app's ``roles`` module, merged per role key."""
    from django.apps import apps

    keys = {role.key for role in ROLES}
    merged: dict[str, list[str]] = {}
    for app_config in apps.get_app_configs():
        if app_config.name == __package__ or not module_has_submodule(app_config.module, "roles"):
            continue
        declared = getattr(import_module(f"{app_config.name}.roles"), "ROLE_PERMISSIONS", {})
        for key, permissions in declared.items():
            if key not in keys:
                raise ImproperlyConfigured(f"{app_config.name}/roles.py: unknown role {key!r}")
            for dotted in permissions:
                if dotted.split(".")[0] != app_config.label:
                    raise ImproperlyConfigured(
                        f"{app_config.name}/roles.py may name only its own permissions "
                        f"({app_config.label}.*), not {dotted}"
                    )
                merged.setdefault(key, []).append(dotted)
    return merged


def role_permissions(role: Role) -> tuple[str, ...]:
    """All "app_label.codename" model permissions of ``role``: its own and the apps'."""
    return (*role.permissions, *_app_role_permissions().get(role.key, ()))
