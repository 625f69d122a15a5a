"""Let the KIM-Koordination edit the knowledge base's snippets and read the FAQ feedback.

The list lives here and not in accounts/roles.py: accounts' migration 0002_roles applies every
permission named there and, on a fresh database, runs before this app's new tables exist, so a
"knowledge.add_kooperationsvereinbarung" entry there would make it fail (LookupError).
FAQ feedback gets no change/delete permission: readers' votes are not edited.
"""

from django.db import migrations

KOORDINATION = "KIM-Koordination"
KOORDINATION_PERMISSIONS = (
    "add_handlungsfeld",
    "change_handlungsfeld",
    "delete_handlungsfeld",
    "view_handlungsfeld",
    "add_kooperationsvereinbarung",
    "change_kooperationsvereinbarung",
    "delete_kooperationsvereinbarung",
    "view_kooperationsvereinbarung",
    "view_faqfeedback",
)


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="knowledge", codename__in=KOORDINATION_PERMISSIONS
    )


def grant(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist

    ensure_all_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=KOORDINATION)
    permissions = list(_permissions(apps))
    if len(permissions) != len(KOORDINATION_PERMISSIONS):
        raise LookupError("Not all knowledge permissions for the KIM-Koordination exist")
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=KOORDINATION).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("knowledge", "0002_knowledge_base"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
