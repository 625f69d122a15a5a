"""Default themes of the Meldebogen and the KIM-Koordination's permissions for this app.

The permissions are also listed in accounts/roles.py, which is applied after every migrate
(post_migrate); granting them here as well makes them available right after this migration.
``sync_roles(strict=False)``: permissions of apps migrated later are skipped here.
"""

from django.db import migrations

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


def forwards(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist, sync_roles

    Thema = apps.get_model("meldeboegen", "Thema")
    for position, name in enumerate(THEMEN, start=1):
        Thema.objects.get_or_create(name=name, defaults={"sort_order": position * 10})

    # The KIM-Koordination's permissions are data in accounts/roles.py.
    ensure_all_permissions_exist(apps)
    sync_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("meldeboegen", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
