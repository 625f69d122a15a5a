"""Aufgabe.status (offen / erledigt), changed through spaces.transitions.AUFGABE with a Verlauf
row; existing tasks with ``done_at`` are "erledigt"."""

from django.db import migrations, models


def set_status(apps, schema_editor):
    Aufgabe = apps.get_model("spaces", "Aufgabe")
    Aufgabe.objects.filter(done_at__isnull=False).update(status="erledigt")


class Migration(migrations.Migration):
    dependencies = [("spaces", "0012_beschluss_vote")]

    operations = [
        migrations.AddField(
            model_name="aufgabe",
            name="status",
            field=models.CharField(
                choices=[("offen", "offen"), ("erledigt", "erledigt")],
                default="offen",
                max_length=20,
                verbose_name="Status",
            ),
        ),
        migrations.AlterField(
            model_name="aufgabe",
            name="done_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="erledigt am"
            ),
        ),
        migrations.AddIndex(
            model_name="aufgabe",
            index=models.Index(
                fields=["assignee", "status"], name="spaces_aufgabe_assignee_status"
            ),
        ),
        migrations.RunPython(set_status, migrations.RunPython.noop),
    ]
