"""Give the KIM-Koordination the permissions to manage the spaces in the Wagtail admin.

The list lives here and not in accounts/roles.py: accounts' migration 0002_roles applies every
permission named there and runs before this app's tables exist on a fresh database, so a
"spaces.*" entry would make it fail (LookupError). Memberships and Beschlüsse have no delete
permission on purpose: a membership is ended, a Beschluss is "aufgehoben", history stays.
"""

from django.db import migrations

KOORDINATION = "KIM-Koordination"
KOORDINATION_PERMISSIONS = (
    "add_gremium",
    "change_gremium",
    "delete_gremium",
    "view_gremium",
    "add_mitgliedschaft",
    "change_mitgliedschaft",
    "view_mitgliedschaft",
    "add_sitzung",
    "change_sitzung",
    "delete_sitzung",
    "view_sitzung",
    "add_beschluss",
    "change_beschluss",
    "view_beschluss",
)


def grant(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist

    ensure_all_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=KOORDINATION)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="spaces", codename__in=KOORDINATION_PERMISSIONS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=KOORDINATION).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="spaces", codename__in=KOORDINATION_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("spaces", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
