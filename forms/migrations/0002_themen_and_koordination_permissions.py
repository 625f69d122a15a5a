"""Default themes of the Meldebogen and the KIM-Koordination's permissions for this app.

The permissions are also listed in accounts/roles.py, which is applied after every migrate
(post_migrate); granting them here as well makes them available right after this migration.
``sync_roles(strict=False)``: permissions of apps migrated later are skipped here.
"""

from django.db import migrations

KOORDINATION = "KIM-Koordination"
KOORDINATION_PERMISSIONS = (
    "view_meldebogen",
    "change_meldebogen",
    "view_anhang",
    "view_confirmedfinding",
    "add_thema",
    "change_thema",
    "delete_thema",
    "view_thema",
    "view_retentionlog",
)

THEMEN = (
    "Sprache",
    "Arbeit/Ausbildung",
    "Wohnen",
    "Gesundheit",
    "Bildung/Schule",
    "Erziehung/Jugendhilfe",
    "Existenzsicherung",
    "Aufenthalt/Einbürgerung",
    "Teilhabe",
    "Verbraucherkompetenz",
    "Datenschutz/Datenaustausch",
    "Sonstiges",
)


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="meldeboegen", codename__in=KOORDINATION_PERMISSIONS
    )


def forwards(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist, sync_roles

    Thema = apps.get_model("meldeboegen", "Thema")
    for position, name in enumerate(THEMEN, start=1):
        Thema.objects.get_or_create(name=name, defaults={"sort_order": position * 10})

    ensure_all_permissions_exist(apps)
    sync_roles(apps, strict=False)
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=KOORDINATION)
    permissions = list(_permissions(apps))
    if len(permissions) != len(KOORDINATION_PERMISSIONS):
        raise LookupError("Not all meldeboegen permissions for the KIM-Koordination exist")
    group.permissions.add(*permissions)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=KOORDINATION).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("meldeboegen", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
