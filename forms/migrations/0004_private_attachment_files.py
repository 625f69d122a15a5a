"""Meldebogen attachments move into the private storage (outside MEDIA_ROOT); their names
were random already and stay (issue 16)."""

from django.db import migrations, models

import forms.models
import portal.private_files


def move_attachments_into_private_storage(apps, schema_editor):
    from portal.private_files import move_into_private_storage

    Anhang = apps.get_model("meldeboegen", "Anhang")
    for pk, name in Anhang.objects.exclude(file="").values_list("pk", "file").iterator():
        new_name = move_into_private_storage(name)
        if new_name is not None and new_name != name:
            Anhang.objects.filter(pk=pk).update(file=new_name)


def move_attachments_back(apps, schema_editor):
    from portal.private_files import move_out_of_private_storage

    Anhang = apps.get_model("meldeboegen", "Anhang")
    for pk, name in Anhang.objects.exclude(file="").values_list("pk", "file").iterator():
        new_name = move_out_of_private_storage(name)
        if new_name is not None and new_name != name:
            Anhang.objects.filter(pk=pk).update(file=new_name)


class Migration(migrations.Migration):
    dependencies = [
        ("meldeboegen", "0003_triage"),
    ]

    operations = [
        migrations.AlterField(
            model_name="anhang",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=portal.private_files.private_storage,
                upload_to=forms.models.attachment_path,
                verbose_name="Datei",
            ),
        ),
        migrations.RunPython(move_attachments_into_private_storage, move_attachments_back),
    ]
