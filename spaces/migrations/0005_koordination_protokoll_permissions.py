"""The KIM-Koordination writes minutes and moves them along the workflow (see 0002)."""

from django.db import migrations

KOORDINATION = "KIM-Koordination"
KOORDINATION_PERMISSIONS = ("add_protokoll", "change_protokoll", "view_protokoll")


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
    dependencies = [("spaces", "0004_protokoll")]

    operations = [migrations.RunPython(grant, revoke)]
