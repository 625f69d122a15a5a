"""Vier-Augen-Freigabe for the Handlungskonzept and the Kooperationsvereinbarungen (issue 18).

Creates the task „Vier-Augen-Freigabe“ (reviewers: the KIM-Koordination; nobody approves their
own change) and the workflow of the same name, assigns it to the agreements (instead of the
pages' workflow) and to existing Handlungskonzept pages; new Handlungskonzepte find it through
``HandlungskonzeptPage.get_workflow``. Adds „Was hat sich geändert?“ to both.
"""

import django.db.models.deletion
from django.db import migrations, models

WORKFLOW_NAME = "Vier-Augen-Freigabe"


KOORDINATION = "KIM-Koordination"  # accounts.roles.KOORDINATION (knowledge may not import it)


def create_four_eyes_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("knowledge", "VierAugenFreigabeTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    HandlungskonzeptPage = apps.get_model("knowledge", "HandlungskonzeptPage")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="knowledge", model="vieraugenfreigabetask"
    )
    task = Task.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = Task.objects.create(name=WORKFLOW_NAME, content_type=task_type, active=True)
    task.groups.add(*Group.objects.filter(name=KOORDINATION))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    agreement_type, _ = ContentType.objects.get_or_create(
        app_label="knowledge", model="kooperationsvereinbarung"
    )
    WorkflowContentType.objects.update_or_create(
        content_type=agreement_type, defaults={"workflow": workflow}
    )
    for page in HandlungskonzeptPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=page.pk, defaults={"workflow": workflow})


def remove_four_eyes_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("knowledge", "VierAugenFreigabeTask")
    workflows = Workflow.objects.filter(name=WORKFLOW_NAME)
    WorkflowPage.objects.filter(workflow__in=workflows).delete()
    WorkflowContentType.objects.filter(workflow__in=workflows).delete()
    # the agreements go back to the pages' workflow (migration 0006)
    root = WorkflowPage.objects.filter(page__depth=1).first()
    ContentType = apps.get_model("contenttypes", "ContentType")
    agreement_type = ContentType.objects.filter(
        app_label="knowledge", model="kooperationsvereinbarung"
    ).first()
    if root is not None and agreement_type is not None:
        WorkflowContentType.objects.get_or_create(
            content_type=agreement_type, defaults={"workflow": root.workflow}
        )
    workflows.delete()
    Task.objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("knowledge", "0011_faq_feedback_comment"),
        ("wagtailcore", "0098_apitoken"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="handlungskonzeptpage",
            name="change_note",
            field=models.CharField(
                blank=True,
                help_text="Kurz für die Leserinnen und Leser: was diese Fassung gegenüber der vorigen ändert. Erscheint nach der Freigabe unter „Was hat sich geändert“.",
                max_length=300,
                verbose_name="Was hat sich geändert?",
            ),
        ),
        migrations.AddField(
            model_name="kooperationsvereinbarung",
            name="change_note",
            field=models.CharField(
                blank=True,
                help_text="Kurz für die Leserinnen und Leser: was diese Fassung gegenüber der vorigen ändert. Erscheint nach der Freigabe unter „Was hat sich geändert“.",
                max_length=300,
                verbose_name="Was hat sich geändert?",
            ),
        ),
        migrations.CreateModel(
            name="VierAugenFreigabeTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
            ],
            options={
                "verbose_name": "Vier-Augen-Freigabe",
                "verbose_name_plural": "Vier-Augen-Freigaben",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.RunPython(create_four_eyes_workflow, remove_four_eyes_workflow),
    ]
