"""The Meldebogen's status history moves into the one Verlauf of portal.transitions (issue 21):
every StatusChange row becomes a portal.Verlaufseintrag (same who, when, from, to; the comment
is the reason), then the old table goes."""

from django.db import migrations


def copy_to_verlauf(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    StatusChange = apps.get_model("meldeboegen", "StatusChange")
    Verlaufseintrag = apps.get_model("portal", "Verlaufseintrag")
    content_type, _ = ContentType.objects.get_or_create(app_label="meldeboegen", model="meldebogen")
    Verlaufseintrag.objects.bulk_create(
        Verlaufseintrag(
            content_type=content_type,
            object_id=change.meldebogen_id,
            from_status=change.from_status,
            to_status=change.to_status,
            by_id=change.by_id,
            at=change.at,
            reason=change.comment,
        )
        for change in StatusChange.objects.order_by("at", "pk").iterator()
    )


def copy_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    StatusChange = apps.get_model("meldeboegen", "StatusChange")
    Verlaufseintrag = apps.get_model("portal", "Verlaufseintrag")
    content_type = ContentType.objects.filter(app_label="meldeboegen", model="meldebogen").first()
    if content_type is None:
        return
    entries = Verlaufseintrag.objects.filter(content_type=content_type)
    StatusChange.objects.bulk_create(
        StatusChange(
            meldebogen_id=entry.object_id,
            from_status=entry.from_status,
            to_status=entry.to_status,
            by_id=entry.by_id,
            at=entry.at,
            comment=entry.reason,
        )
        for entry in entries.order_by("at", "pk").iterator()
    )
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("meldeboegen", "0004_private_attachment_files"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_to_verlauf, copy_back),
        migrations.DeleteModel(name="StatusChange"),
    ]
