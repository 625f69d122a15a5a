"""Create the four portal roles as groups with their permissions (see accounts/roles.py)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist, sync_roles

    ensure_all_permissions_exist(apps)
    sync_roles(apps, strict=False)
    hand_moderation_to_koordination(apps)


def hand_moderation_to_koordination(apps):
    """Wagtail's default workflow asks "Moderators"; here the KIM-Koordination reviews."""
    from accounts.roles import KOORDINATION

    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    koordination = Group.objects.get(name=KOORDINATION)
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.add(koordination)
        task.name = "Freigabe durch die KIM-Koordination"
        task.save(update_fields=["name"])
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name="Moderators approval").update(
        name="Freigabe durch die KIM-Koordination"
    )


def remove_roles(apps, schema_editor):
    from accounts.roles import ROLE_NAMES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("knowledge", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
