"""Documents move into the private storage (outside MEDIA_ROOT) under random names; the name
they were uploaded with is kept in ``original_filename`` for the download (issue 16)."""

import os

from django.db import migrations, models

import knowledge.models.documents
import portal.private_files


def move_documents_into_private_storage(apps, schema_editor):
    from portal.private_files import clean_original_name, move_into_private_storage

    Document = apps.get_model("knowledge", "KnowledgeDocument")
    for pk, name, original in (
        Document.objects.exclude(file="").values_list("pk", "file", "original_filename").iterator()
    ):
        new_name = move_into_private_storage(name, folder="documents")
        if new_name is not None:
            Document.objects.filter(pk=pk).update(
                file=new_name,
                original_filename=original or clean_original_name(os.path.basename(name)),
            )


def move_documents_back(apps, schema_editor):
    from portal.private_files import move_out_of_private_storage

    Document = apps.get_model("knowledge", "KnowledgeDocument")
    for pk, name in Document.objects.exclude(file="").values_list("pk", "file").iterator():
        new_name = move_out_of_private_storage(name)
        if new_name is not None and new_name != name:
            Document.objects.filter(pk=pk).update(file=new_name)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0007_section_links_in_rich_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="knowledgedocument",
            name="original_filename",
            field=models.CharField(
                blank=True, editable=False, max_length=255, verbose_name="Dateiname beim Hochladen"
            ),
        ),
        migrations.AlterField(
            model_name="knowledgedocument",
            name="file",
            field=models.FileField(
                max_length=255,
                storage=portal.private_files.private_storage,
                upload_to=knowledge.models.documents.document_file_path,
                verbose_name="Datei",
            ),
        ),
        migrations.RunPython(move_documents_into_private_storage, move_documents_back),
    ]
