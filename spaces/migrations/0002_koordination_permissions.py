"""Grant the KIM-Koordination its permissions on the spaces.

Which permissions the KIM-Koordination holds is data in accounts/roles.py. This migration only
applies that list for the tables that exist at this point; ``post_migrate`` applies the rest
(accounts/apps.py), so the list is never repeated here.
"""

from django.db import migrations


def grant(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist, sync_roles

    ensure_all_permissions_exist(apps)
    sync_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("spaces", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
