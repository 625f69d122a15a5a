"""The Protokoll's status history moves into the one Verlauf of portal.transitions (issue 21):
every ProtokollStatusAenderung row becomes a portal.Verlaufseintrag (same who, when, from, to),
then the old table goes."""

from django.db import migrations


def copy_to_verlauf(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Aenderung = apps.get_model("spaces", "ProtokollStatusAenderung")
    Verlaufseintrag = apps.get_model("portal", "Verlaufseintrag")
    content_type, _ = ContentType.objects.get_or_create(app_label="spaces", model="protokoll")
    Verlaufseintrag.objects.bulk_create(
        Verlaufseintrag(
            content_type=content_type,
            object_id=change.protokoll_id,
            from_status=change.from_status,
            to_status=change.to_status,
            by_id=change.changed_by_id,
            at=change.changed_at,
        )
        for change in Aenderung.objects.order_by("changed_at", "pk").iterator()
    )


def copy_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Aenderung = apps.get_model("spaces", "ProtokollStatusAenderung")
    Verlaufseintrag = apps.get_model("portal", "Verlaufseintrag")
    content_type = ContentType.objects.filter(app_label="spaces", model="protokoll").first()
    if content_type is None:
        return
    entries = Verlaufseintrag.objects.filter(content_type=content_type, by__isnull=False)
    Aenderung.objects.bulk_create(
        Aenderung(
            protokoll_id=entry.object_id,
            from_status=entry.from_status,
            to_status=entry.to_status,
            changed_by_id=entry.by_id,
            changed_at=entry.at,
        )
        for entry in entries.order_by("at", "pk").iterator()
    )
    Verlaufseintrag.objects.filter(content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("spaces", "0009_sharing_attendance_comments_documents"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_to_verlauf, copy_back),
        migrations.DeleteModel(name="ProtokollStatusAenderung"),
    ]
