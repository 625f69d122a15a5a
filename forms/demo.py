"""Demo Meldebögen for load_demo: submitted reports by the demo case manager and partner, and
one draft. Idempotent: a report is recognised by its owner and situation text."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from forms.models import Meldebogen, Status, Thema
from forms.reference_numbers import allocate_reference
from knowledge.models import Kommune

REPORTS = [
    {
        "owner": "casemanagement",
        "submitted": True,
        "kommunen": ["werdohl", "neuenrade"],
        "thema": "Sprache",
        "zielgruppen": ["neuzugewanderte", "familien"],
        "rechtskreise": ["sgb2", "aufenthg"],
        "situation": (
            "Neu zugewanderte Eltern warten in Werdohl derzeit vier bis sechs Monate auf einen "
            "Integrationskurs mit Kinderbetreuung. In dieser Zeit sind Termine beim Jobcenter "
            "nur mit Sprachmittlung möglich."
        ),
        "huerden": ["fehlendes_angebot", "sprachbarriere"],
        "beteiligte_stellen": "Jobcenter, Volkshochschule, Kursträger, BAMF-Regionalkoordination",
        "versucht": "Anfragen bei Kursträgern in Altena und Lüdenscheid, ohne freie Plätze.",
        "haeufigkeit": "haeufig",
        "vorschlag": "Eine gemeinsame Warteliste der Kursträger im Kreis.",
        "fallrekonstruktion": True,
    },
    {
        "owner": "partner",
        "submitted": True,
        "kommunen": ["luedenscheid"],
        "thema": "Aufenthalt/Einbürgerung",
        "zielgruppen": ["geduldete", "junge_erwachsene"],
        "rechtskreise": ["aufenthg", "sgb8"],
        "situation": (
            "Junge Geduldete mit Ausbildungsangebot erhalten die Beschäftigungserlaubnis oft erst "
            "nach Ausbildungsbeginn, weil Unterlagen zwischen Jugendamt und Ausländerbehörde "
            "nicht weitergegeben werden dürfen."
        ),
        "huerden": ["schnittstelle", "datenschutz"],
        "beteiligte_stellen": "Ausländerbehörde, Jugendamt, Ausbildungsbetrieb",
        "versucht": (
            "Schweigepflichtentbindung angeboten; die Bearbeitung dauerte trotzdem acht Wochen."
        ),
        "haeufigkeit": "wiederholt",
        "vorschlag": "Ein abgestimmtes Einwilligungsformular für beide Behörden.",
        "fallrekonstruktion": True,
    },
    {
        "owner": "partner",
        "submitted": True,
        "kommunen": ["iserlohn", "hemer"],
        "thema": "Wohnen",
        "zielgruppen": ["gefluechtete", "familien"],
        "rechtskreise": ["sgb2", "asylblg"],
        "situation": (
            "Nach der Anerkennung finden große Familien keine Wohnung innerhalb der "
            "Angemessenheitsgrenzen und bleiben monatelang in der Gemeinschaftsunterkunft."
        ),
        "huerden": ["fehlendes_angebot", "mangelnde_kooperation"],
        "beteiligte_stellen": "Jobcenter, Sozialamt, Wohnungsbaugesellschaft",
        "versucht": "Einzelfallprüfung beim Jobcenter beantragt.",
        "haeufigkeit": "haeufig",
        "vorschlag": "",
        "fallrekonstruktion": False,
    },
    {
        "owner": "casemanagement",
        "submitted": False,
        "kommunen": ["werdohl"],
        "thema": "Gesundheit",
        "zielgruppen": ["neuzugewanderte"],
        "rechtskreise": [],
        "situation": "Für Arzttermine fehlt eine Sprachmittlung; Kosten übernimmt niemand.",
        "huerden": [],
        "beteiligte_stellen": "",
        "versucht": "",
        "haeufigkeit": "",
        "vorschlag": "",
        "fallrekonstruktion": None,
    },
]


def load(home, stdout) -> None:
    User = get_user_model()
    created = 0
    for data in REPORTS:
        owner = User.objects.filter(username=data["owner"]).select_related("profile").first()
        if owner is None:
            continue
        if Meldebogen.objects.filter(owner=owner, situation=data["situation"]).exists():
            continue
        profile = getattr(owner, "profile", None)
        with transaction.atomic():
            meldebogen = Meldebogen(
                owner=owner,
                organisation=profile.organisation if profile else None,
                organisation_name=profile.organisation.name
                if profile and profile.organisation
                else "",
                rolle=profile.function if profile else "",
                thema=Thema.objects.get(name=data["thema"]),
                **{
                    key: data[key]
                    for key in (
                        "zielgruppen",
                        "rechtskreise",
                        "situation",
                        "huerden",
                        "beteiligte_stellen",
                        "versucht",
                        "haeufigkeit",
                        "vorschlag",
                        "fallrekonstruktion",
                    )
                },
            )
            if data["submitted"]:
                meldebogen.status = Status.EINGEGANGEN
                meldebogen.reference = allocate_reference()
                meldebogen.submitted_at = timezone.now()
            else:
                meldebogen.touch_draft()
            meldebogen.save()
            meldebogen.kommunen.set(Kommune.objects.filter(slug__in=data["kommunen"]))
        created += 1
    stdout.write(f"{created} Demo-Meldebögen angelegt.")
