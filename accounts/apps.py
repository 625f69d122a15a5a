from django.apps import AppConfig
from django.db.models.signals import post_migrate


def apply_role_permissions(sender, using="default", apps=None, **kwargs) -> None:
    """After migrate, when every app's tables exist, grant all permissions named in roles.py."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from accounts.role_sync import sync_roles

    state_apps = apps or global_apps
    # Django creates permissions app by app in this same signal; make sure all exist first.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=state_apps, verbosity=0, using=using)
    sync_roles(state_apps, strict=True)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Konten und Rollen"

    def ready(self) -> None:
        # Sent once per app after the whole migrate run; reacting to our own is enough.
        post_migrate.connect(apply_role_permissions, sender=self, dispatch_uid="kim-role-sync")
        from accounts import signal_receivers  # noqa: F401 - connects the audit log and leavers
        from accounts.backends import connect_permission_signals

        connect_permission_signals()
