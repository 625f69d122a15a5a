"""The reporting app's permission (no table) and the KIM-Koordination's grant of it.

The permission is also listed in accounts/roles.py, which is applied after every migrate
(post_migrate); granting it here as well makes it available right after this migration.
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist, sync_roles

    ensure_all_permissions_exist(apps)
    sync_roles(apps, strict=False)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="Berichtswesen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "verbose_name": "Berichtswesen",
                "verbose_name_plural": "Berichtswesen",
                "permissions": [
                    (
                        "view_berichte",
                        "Darf Auswertungen, anonymisierte Exporte und Sachstandsberichte abrufen",
                    )
                ],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
