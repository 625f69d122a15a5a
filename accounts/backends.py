"""Django's ModelBackend with each user's permissions cached across requests.

Django's ModelBackend reads a user's own permissions and the permissions of the user's groups
with two queries on every request that asks ``has_perm`` (the site chrome does on every page).
This backend answers both from Django's shared cache (production: files, shared by all server
processes), keyed by **the exact user id** (and the superuser flag, which changes the answer)
and a permissions version. The version is replaced, at once and again after the commit, by
every change that can alter any user's permissions: a permission or a group saved or deleted,
a user created or deleted, a user's groups, own permissions or a group's permissions changed,
every migration (signals connected in accounts/apps.py). The same version keys each user's
cached groups (portal.capabilities.user_groups). Nothing is shared between users, so two
users in the same groups but with different direct permissions never see each other's answer.
``is_active`` is checked on the user object of the request, never cached: a deactivated
account holds no permission from the next request on.

The class keeps Django's name, so the audit log's sign-in entries still read "ModelBackend".
"""

from django.contrib.auth import backends
from django.core.cache import cache

from portal import cache_versions

_VERSION_KEY = cache_versions.PERMISSIONS
_TIMEOUT = 24 * 60 * 60


def permissions_version() -> str:
    """The current version of all users' permissions; a new random one when the cache holds
    none (a lost key only means a cache miss)."""
    return cache_versions.current(_VERSION_KEY)


def permissions_changed(**kwargs) -> None:
    """Invalidate every cached permission set: now, and again after the commit (a process
    that read the old rows before the commit must not keep its answer)."""
    cache_versions.renew(_VERSION_KEY)


class ModelBackend(backends.ModelBackend):
    """Django's ModelBackend; the permission sets of a user come from the shared cache when
    they were read since the last change of any permission, group or group membership."""

    def _get_permissions(self, user_obj, obj, from_name: str) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        perm_cache_name = f"_{from_name}_perm_cache"
        if hasattr(user_obj, perm_cache_name):
            return getattr(user_obj, perm_cache_name)
        key = (
            f"kim:permissions:{permissions_version()}:{user_obj.pk}:"
            f"{int(bool(user_obj.is_superuser))}:{from_name}"
        )
        perms = cache.get(key)
        if perms is None:
            perms = super()._get_permissions(user_obj, obj, from_name)
            cache.set(key, perms, _TIMEOUT)
        setattr(user_obj, perm_cache_name, perms)
        return perms


def connect_permission_signals() -> None:
    """Whatever may change a user's permissions replaces the permissions version."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    user_model = get_user_model()
    uid = "kim-permissions"
    for model in (Permission, Group):
        for signal in (post_save, post_delete):
            signal.connect(
                permissions_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}"
            )
    # An id may be given again (SQLite, after a delete or a rolled-back insert), so a new or
    # deleted user counts; the superuser flag is part of the key and ``is_active`` is never
    # cached, so an ordinary save (each sign-in) changes nothing.
    post_save.connect(_user_created, sender=user_model, dispatch_uid=f"{uid}-user-created")
    post_delete.connect(permissions_changed, sender=user_model, dispatch_uid=f"{uid}-user")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            permissions_changed, sender=through, dispatch_uid=f"{uid}-{through.__name__}"
        )
    post_migrate.connect(permissions_changed, dispatch_uid=f"{uid}-migrate")


def _user_created(sender, created: bool = False, **kwargs) -> None:
    if created:
        permissions_changed()
