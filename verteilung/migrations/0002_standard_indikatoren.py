"""The four standard indicators of the Verteilungsschlüssel (Handlungskonzept 3.6), and the
roles' permissions on the new tables (the list is data in verteilung/roles.py)."""

from django.db import migrations

STANDARD = (
    (
        "zuzuege-ausland",
        "Zuzüge aus dem Ausland",
        "Zuzüge über die Grenzen Deutschlands im Jahr (Wanderungsstatistik).",
        10,
    ),
    (
        "asylerstantraege",
        "Asylerstanträge",
        "Asylerstanträge von Personen mit Wohnsitz in der Kommune im Jahr (BAMF).",
        20,
    ),
    (
        "einwohner-drittstaaten",
        "Einwohner ohne deutsche und ohne EU-Staatsangehörigkeit",
        "Einwohnerinnen und Einwohner ohne deutsche und ohne Staatsangehörigkeit eines "
        "anderen EU-Staats am 31.12. (Ausländerzentralregister, Melderegister).",
        30,
    ),
    ("einwohner", "Einwohner insgesamt", "Bevölkerung am 31.12. (IT.NRW).", 40),
)


def create(apps, schema_editor):
    Indikator = apps.get_model("verteilung", "Indikator")
    for slug, name, beschreibung, reihenfolge in STANDARD:
        Indikator.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "beschreibung": beschreibung,
                "reihenfolge": reihenfolge,
                "standard": True,
            },
        )


def grant(apps, schema_editor):
    from accounts.role_sync import ensure_all_permissions_exist, sync_roles

    ensure_all_permissions_exist(apps)
    sync_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("verteilung", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
