"""Demo Meldebögen for load_demo: submitted reports by the demo case manager and partner, and
one draft. Idempotent: a report is recognised by its owner and situation text.

The triage shows varied statuses: reports arrive days ago (one is past its first-review
deadline), and the demo coordination moves some through the state machine
(forms.workflow.change_status, as in real use), with a note and questions to the reporter, one
of them answered. The first three reports are left "eingegangen" for the cycle demo, which picks
them by Thema (Sprache, Aufenthalt/Einbürgerung, Wohnen) and moves them on.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from forms.models import Meldebogen, Notiz, Rueckfrage, Status, Thema
from forms.reference_numbers import allocate_reference
from forms.workflow import change_status, record_submission
from knowledge.models import Kommune

CONTENT_FIELDS = (
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
    {
        "owner": "casemanagement",
        "submitted": True,
        "days_ago": 24,  # past the first-review deadline: "überfällig" in the work list
        "kommunen": ["menden"],
        "thema": "Arbeit/Ausbildung",
        "zielgruppen": ["gefluechtete", "junge_erwachsene"],
        "rechtskreise": ["sgb3", "sgb2"],
        "situation": (
            "Ausbildungsinteressierte junge Geflüchtete werden zwischen Arbeitsagentur und "
            "Jobcenter hin- und hergeschickt, weil die Zuständigkeit für die Berufsberatung "
            "unklar ist."
        ),
        "huerden": ["schnittstelle"],
        "beteiligte_stellen": "Agentur für Arbeit, Jobcenter, Berufskolleg",
        "versucht": "Gemeinsamer Termin angefragt, bisher ohne Antwort.",
        "haeufigkeit": "wiederholt",
        "vorschlag": "Eine feste Ansprechperson für junge Geflüchtete in beiden Häusern.",
        "fallrekonstruktion": True,
    },
    {
        "owner": "partner",
        "submitted": True,
        "days_ago": 9,
        "kommunen": ["plettenberg"],
        "thema": "Bildung/Schule",
        "zielgruppen": ["kinder_jugendliche", "neuzugewanderte"],
        "rechtskreise": ["sonstige"],
        "situation": (
            "Neu zugewanderte Schulpflichtige warten in Plettenberg mehrere Wochen auf einen "
            "Platz in einer Sprachfördergruppe, weil die Zuweisung über das Schulamt läuft."
        ),
        "huerden": ["fehlendes_angebot"],
        "beteiligte_stellen": "Schulamt, Kommunales Integrationszentrum, Grundschule",
        "versucht": "Nachfrage beim Schulamt.",
        "haeufigkeit": "haeufig",
        "vorschlag": "",
        "fallrekonstruktion": None,
        "triage": [(Status.GESICHTET, "")],
        "notiz": "Passt zu den Rückmeldungen aus dem Facharbeitskreis; beim Schulamt nachfragen.",
        "rueckfragen": [("Betrifft die Wartezeit alle Schulformen oder nur Grundschulen?", "")],
    },
    {
        "owner": "casemanagement",
        "submitted": True,
        "days_ago": 15,
        "kommunen": ["altena"],
        "thema": "Existenzsicherung",
        "zielgruppen": ["familien"],
        "rechtskreise": ["sgb2", "sgb12"],
        "situation": (
            "Bei Familien mit wechselndem Einkommen dauert die Klärung zwischen Jobcenter und "
            "Sozialamt so lange, dass Mietrückstände entstehen."
        ),
        "huerden": ["schnittstelle", "mangelnde_kooperation"],
        "beteiligte_stellen": "Jobcenter, Sozialamt, Wohngeldstelle",
        "versucht": "Vorläufige Leistungen beantragt.",
        "haeufigkeit": "wiederholt",
        "vorschlag": "Eine Vereinbarung über vorläufige Leistungen bis zur Klärung.",
        "fallrekonstruktion": False,
        "triage": [
            (Status.GESICHTET, ""),
            (
                Status.ZURUECKGESTELLT,
                "Erst nach der Auswertung der Wohngeldreform wieder aufnehmen.",
            ),
        ],
        "rueckfragen": [
            (
                "Wie lange dauert die Klärung in den gemeldeten Fällen ungefähr?",
                "Meist sechs bis zehn Wochen.",
            )
        ],
    },
    {
        "owner": "partner",
        "submitted": True,
        "days_ago": 30,
        "kommunen": ["balve"],
        "thema": "Teilhabe",
        "zielgruppen": ["aeltere"],
        "rechtskreise": [],
        "situation": "Ein Begegnungscafé musste wegen fehlender Räume schließen.",
        "huerden": ["sonstiges"],
        "beteiligte_stellen": "Kirchengemeinde, Stadt Balve",
        "versucht": "Andere Räume gesucht.",
        "haeufigkeit": "einzelfall",
        "vorschlag": "",
        "fallrekonstruktion": False,
        "triage": [
            (
                Status.NICHT_WEITERVERFOLGT,
                "Einzelfall ohne Bezug zu Rechtskreisen; an die Stadt Balve verwiesen.",
                "Das fehlende Raumangebot ist eine Frage der Stadt Balve, keine Hürde zwischen "
                "Rechtskreisen. Wir haben Ihr Anliegen an die Stadt weitergegeben.",
            )
        ],
    },
]


def load(home, stdout) -> None:
    User = get_user_model()
    koordination = User.objects.filter(username="koordination").first()
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
                **{key: data[key] for key in CONTENT_FIELDS},
            )
            meldebogen.touch_draft()
            meldebogen.save()
            meldebogen.kommunen.set(Kommune.objects.filter(slug__in=data["kommunen"]))
            if data["submitted"]:
                submitted_at = timezone.now() - datetime.timedelta(days=data.get("days_ago", 0))
                record_submission(
                    meldebogen,
                    at=submitted_at,
                    updates={
                        "reference": allocate_reference(),
                        "submitted_at": submitted_at,
                        "draft_expires_at": None,
                    },
                )
                if koordination is not None:
                    _triage(meldebogen, data, koordination)
        created += 1
    stdout.write(f"{created} Demo-Meldebögen angelegt.")


def _triage(meldebogen: Meldebogen, data: dict, koordination) -> None:
    for target, comment, *reporter_reason in data.get("triage", ()):
        change_status(
            meldebogen,
            target,
            by=koordination,
            comment=comment,
            reporter_reason=reporter_reason[0] if reporter_reason else "",
        )
    if data.get("notiz"):
        Notiz.objects.create(meldebogen=meldebogen, author=koordination, text=data["notiz"])
    for question, answer in data.get("rueckfragen", ()):
        Rueckfrage.objects.create(
            meldebogen=meldebogen,
            asked_by=koordination,
            question=question,
            answer=answer,
            answered_at=timezone.now() if answer else None,
        )
