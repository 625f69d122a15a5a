"""Apply accounts.roles.ROLES to the database: groups, model, page and collection permissions
(model permissions collected from every app by ``accounts.roles.role_permissions``).

Runs three times, always idempotent (it adds what is missing and never removes permissions an
administrator granted by hand):

- in the data migration ``accounts/0002_roles`` with historical models, which creates the groups;
  apps migrated later are not there yet, so their permissions are skipped (``strict=False``);
- after every ``migrate`` (``post_migrate``, see accounts.apps), when all tables exist; then a
  permission named in roles.py that does not exist is an error (``strict=True``);
- on demand: ``manage.py sync_role_permissions``.
"""

from django.contrib.auth.management import create_permissions

from accounts.roles import ROLES, role_permissions


def ensure_all_permissions_exist(apps) -> None:
    """Permissions are normally created after migrate; make sure they exist now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def sync_roles(apps, strict: bool = True) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def permission(dotted: str, role_name: str):
        """The Permission for "app_label.codename"; None (skip) when absent and not strict."""
        app_label, codename = dotted.split(".")
        found = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if found is None and strict:
            raise LookupError(f"Permission {dotted} for role {role_name} does not exist")
        return found

    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        wanted = list(role_permissions(role))
        if role.admin_access:
            wanted.append("wagtailadmin.access_admin")
        for dotted in wanted:
            if found := permission(dotted, role.name):
                group.permissions.add(found)
        if root_page is not None:
            for codename in role.page_permissions:
                if found := permission(f"wagtailcore.{codename}", role.name):
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=root_page, permission=found
                    )
        if root_collection is not None:
            for dotted in role.collection_permissions:
                if found := permission(dotted, role.name):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=found
                    )
