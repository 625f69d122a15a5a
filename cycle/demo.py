"""Demo content of the KIM cycle (called by ``manage.py load_demo`` after forms and spaces;
idempotent: nothing is added once the demo reconstruction exists).

- a completed Fallrekonstruktion of the demo report on waiting times for integration courses,
  with its Dienstleistungskette and findings, and a planned one with invited organisations;
- three generative Themen: one handed to the Arbeitsgruppe Sprache (Lenkungsgruppe Beschluss
  "Einrichtung der Arbeitsgruppe Sprache", Zielsystem Sprache), one on the agenda of the
  Lenkungsgruppe's upcoming Sitzung, one still being clarified.

Report statuses change through the triage's state machine (cycle.actions), as in real use.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from cycle import actions
from cycle.models import Fallrekonstruktion, GenerativesThema, Kettenglied, Teilnahme
from forms.models import Meldebogen, Status
from forms.workflow import change_status
from knowledge.models import Organisation
from spaces.models import Beschluss, Gremium, Sitzung, Tagesordnungspunkt, Zielsystem

TITLE = "Wartezeit auf den Integrationskurs mit Kinderbetreuung"

KETTE = (
    (
        "Jobcenter Märkischer Kreis",
        "",
        "sgb2",
        "Die Familie meldet sich nach dem Umzug nach Werdohl beim Jobcenter. Die "
        "Integrationskursverpflichtung wird ausgesprochen, ein Kurs aber nicht vermittelt.",
        "Die Verpflichtung enthält keinen Hinweis auf Kurse mit Kinderbetreuung.",
    ),
    (
        "Volkshochschule Lüdenscheid",
        "",
        "",
        "Die Mutter fragt nach einem Kurs mit Kinderbetreuung; der nächste beginnt in fünf "
        "Monaten. Für andere Kursträger gibt es keine gemeinsame Übersicht.",
        "Keine trägerübergreifende Warteliste; freie Plätze in Nachbarkommunen bleiben unbekannt.",
    ),
    (
        "",
        "Kursträger in Altena",
        "",
        "Ein Platz wäre frei, aber die Kinderbetreuung ist nur für Kinder ab drei Jahren "
        "vorgesehen.",
        "Betreuungsangebote passen nicht zur Zielgruppe der Familien mit Kleinkindern.",
    ),
    (
        "BAMF Regionalkoordination",
        "",
        "aufenthg",
        "Die Regionalkoordination kennt die Platzlage, erfährt von der Wartezeit aber erst "
        "durch die Fallrekonstruktion.",
        "Keine Rückmeldung der Kursträger über Wartezeiten an die Regionalkoordination.",
    ),
)

FINDINGS = (
    "Die Wartezeit entsteht nicht in einer Stelle, sondern an den Übergängen: Jobcenter, "
    "Kursträger und BAMF kennen jeweils nur ihren Ausschnitt. Es fehlt eine gemeinsame "
    "Übersicht über freie Plätze mit Kinderbetreuung im Kreis.\n\n"
    "Empfehlung: eine trägerübergreifende Warteliste und ein fester Austausch der Kursträger "
    "mit Jobcenter und BAMF-Regionalkoordination."
)

THEMEN = {
    "sprache": (
        "Wartezeiten auf Integrationskurse mit Kinderbetreuung",
        "Eltern kleiner Kinder warten vier bis sechs Monate auf einen Integrationskurs mit "
        "Kinderbetreuung. Verpflichtung (Jobcenter), Kursangebot (Träger) und Steuerung (BAMF) "
        "sind nicht verbunden; freie Plätze in Nachbarkommunen bleiben ungenutzt.",
        ["sgb2", "aufenthg"],
        ("Jobcenter Märkischer Kreis", "Volkshochschule Lüdenscheid", "BAMF Regionalkoordination"),
    ),
    "datenaustausch": (
        "Datenaustausch zwischen Jugendamt und Ausländerbehörde",
        "Für die Beschäftigungserlaubnis junger Geduldeter braucht die Ausländerbehörde "
        "Unterlagen, die beim Jugendamt liegen. Ohne abgestimmte Einwilligung dürfen sie nicht "
        "weitergegeben werden; Ausbildungsplätze gehen verloren.",
        ["aufenthg", "sgb8"],
        ("Ausländerbehörde Märkischer Kreis", "Kreisjugendamt Märkischer Kreis"),
    ),
    "wohnen": (
        "Wohnraum für große Familien nach der Anerkennung",
        "Nach der Anerkennung finden große Familien keine Wohnung innerhalb der "
        "Angemessenheitsgrenzen und bleiben lange in Gemeinschaftsunterkünften.",
        ["sgb2", "asylblg"],
        ("Jobcenter Märkischer Kreis",),
    ),
}


def load(home, stdout) -> None:
    if Fallrekonstruktion.objects.filter(title=TITLE).exists():
        stdout.write("KIM-Zyklus: Demo-Inhalte sind schon vorhanden.")
        return
    koordination = get_user_model().objects.filter(username="koordination").first()
    lg = Gremium.objects.filter(slug="lenkungsgruppe").first()
    if koordination is None or lg is None:
        stdout.write("KIM-Zyklus: ohne Demo-Zugänge und Lenkungsgruppe keine Demo-Inhalte.")
        return
    organisations = {o.name: o for o in Organisation.objects.all()}
    reports = _reports()
    today = timezone.localdate()

    rekonstruktion = Fallrekonstruktion.objects.create(
        title=TITLE,
        date=today - datetime.timedelta(days=150),
        time=datetime.time(10, 0),
        place="Kreishaus Lüdenscheid, Raum 3.12",
        purpose=(
            "Gemeinsam nachvollziehen, warum Eltern kleiner Kinder in Werdohl monatelang auf "
            "einen Integrationskurs warten, und klären, an welchen Übergängen die Kette reißt."
        ),
        moderator=koordination,
        findings=FINDINGS,
    )
    for order, (name, contact) in enumerate(
        (
            ("Jobcenter Märkischer Kreis", "Teamleitung Markt und Integration"),
            ("Volkshochschule Lüdenscheid", "Fachbereich Deutsch als Zweitsprache"),
            ("BAMF Regionalkoordination", ""),
        )
    ):
        Teilnahme.objects.create(
            fallrekonstruktion=rekonstruktion,
            organisation=organisations[name],
            contact_name=contact,
            contact_email=f"fallrekonstruktion-{order + 1}@demo.kim-portal.invalid",
            invited_at=timezone.now() - datetime.timedelta(days=170),
            sort_order=order,
        )
    for order, (name, stelle, rechtskreis, geschehen, bruch) in enumerate(KETTE):
        Kettenglied.objects.create(
            fallrekonstruktion=rekonstruktion,
            organisation=organisations.get(name),
            stelle=stelle,
            rechtskreis=rechtskreis,
            geschehen=geschehen,
            bruch=bruch,
            sort_order=order,
        )

    planned = Fallrekonstruktion.objects.create(
        title="Beschäftigungserlaubnis vor Ausbildungsbeginn",
        date=today + datetime.timedelta(days=14),
        time=datetime.time(14, 0),
        place="Kreishaus Lüdenscheid, Raum 3.12",
        purpose=(
            "Den Weg einer Ausbildungsduldung vom Ausbildungsangebot bis zur Erlaubnis "
            "nachzeichnen und klären, welche Unterlagen wann zwischen den Stellen fließen."
        ),
        moderator=koordination,
    )
    for order, name in enumerate(
        ("Ausländerbehörde Märkischer Kreis", "Kreisjugendamt Märkischer Kreis")
    ):
        Teilnahme.objects.create(
            fallrekonstruktion=planned,
            organisation=organisations[name],
            contact_email=f"einladung-{order + 1}@demo.kim-portal.invalid",
            sort_order=order,
        )

    themen = {}
    for key, (title, description, rechtskreise, stellen) in THEMEN.items():
        thema = GenerativesThema.objects.create(
            title=title, description=description, rechtskreise=rechtskreise
        )
        thema.stellen.set([organisations[name] for name in stellen if name in organisations])
        thema.save()
        themen[key] = thema

    sprache = reports.get("Sprache")
    if sprache is not None:
        _gesichtet(sprache, koordination)
        actions.add_to_rekonstruktion(rekonstruktion, sprache, by=koordination)
    actions.complete_rekonstruktion(rekonstruktion, by=koordination)
    actions.add_rekonstruktion_to_thema(themen["sprache"], rekonstruktion, by=koordination)
    _handed_to_arbeitsgruppe(themen["sprache"], lg, koordination)

    for key, report_thema in (("datenaustausch", "Aufenthalt/Einbürgerung"), ("wohnen", "Wohnen")):
        report = reports.get(report_thema)
        if report is not None:
            _gesichtet(report, koordination)
            actions.assign_to_thema(themen[key], report, by=koordination)

    upcoming = actions.lenkungsgruppe_sitzungen().filter(gremium=lg).first()
    if upcoming is not None:
        actions.put_on_agenda(themen["datenaustausch"], upcoming, by=koordination)

    stdout.write(
        f"KIM-Zyklus: {Fallrekonstruktion.objects.count()} Fallrekonstruktionen, "
        f"{GenerativesThema.objects.count()} generative Themen."
    )


def _reports() -> dict[str, Meldebogen]:
    """The demo's submitted reports by the name of their Thema (forms.demo)."""
    result = {}
    for meldebogen in (
        Meldebogen.objects.submitted()
        .filter(owner__username__in=("casemanagement", "partner"))
        .select_related("thema")
        .order_by("pk")
    ):
        if meldebogen.thema is not None:
            result.setdefault(meldebogen.thema.name, meldebogen)
    return result


def _gesichtet(meldebogen: Meldebogen, by) -> None:
    if meldebogen.status == Status.EINGEGANGEN:
        change_status(meldebogen, Status.GESICHTET, by=by)


def _handed_to_arbeitsgruppe(thema: GenerativesThema, lg: Gremium, by) -> None:
    """The Sprache theme went through the Lenkungsgruppe's 1. Sitzung (past), which set up the
    Arbeitsgruppe Sprache; its Zielsystem was adopted later."""
    first = Sitzung.objects.filter(gremium=lg, title="1. Sitzung").first()
    if first is not None:
        thema.tagesordnungspunkt = (
            Tagesordnungspunkt.objects.filter(sitzung=first, title__startswith="Einrichtung")
            .order_by("sort_order")
            .first()
        )
        thema.save(update_fields=["tagesordnungspunkt"])
    beschluss = Beschluss.objects.filter(
        gremium=lg, title="Einrichtung der Arbeitsgruppe Sprache"
    ).first()
    arbeitsgruppe = Gremium.objects.filter(slug="ag-sprache").first()
    if beschluss is None:
        return
    actions.link_beschluss(
        thema,
        beschluss,
        by=by,
        arbeitsgruppe=arbeitsgruppe,
        zielsystem=Zielsystem.objects.filter(gremium=arbeitsgruppe).first()
        if arbeitsgruppe
        else None,
        notify=False,
    )
