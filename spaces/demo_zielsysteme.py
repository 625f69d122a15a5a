"""Demo Zielsysteme (called from spaces.demo; idempotent): one per demo Arbeitsgruppe.

The Arbeitsgruppe Sprache's Zielsystem is adopted by a Lenkungsgruppe Beschluss and released to
all actors, with an indicator and its Messwerte; the Arbeitsgruppe Arbeitsmarkt's is a draft.
"""

import datetime
from decimal import Decimal

from knowledge.models import Organisation
from spaces.models import (
    Aktivitaet,
    Beschluss,
    Ergebnisziel,
    Gremium,
    Grundsatzziel,
    Indikator,
    Messwert,
    Rahmenziel,
    Zielsystem,
)

KI = "Kommunales Integrationszentrum Märkischer Kreis"
ABH = "Ausländerbehörde Märkischer Kreis"
VHS = "Volkshochschule Lüdenscheid"
BAMF = "BAMF Regionalkoordination"
JOBCENTER = "Jobcenter Märkischer Kreis"

# Each tree: [(Grundsatzziel, [(Rahmenziel, [(Ergebnisziel, activities, indicators)])])]
# activity: (title, organisation, due in days from today, status)
# indicator: (name, unit, baseline, target, direction, [(days ago, value, comment)])
SPRACHE = [
    (
        "Jede berechtigte zugewanderte Person beginnt innerhalb von 8 Wochen einen passenden "
        "Integrationskurs",
        [
            (
                "Berechtigte Personen erfahren früh und verlässlich, wo und wann sie einen Kurs "
                "beginnen können",
                [
                    (
                        "Die Ausländerbehörde übergibt mit jeder Kursberechtigung eine Übersicht "
                        "der Kursträger in der Kommune",
                        [
                            (
                                "Merkblatt zu den Kursträgern je Kommune in sechs Sprachen",
                                KI,
                                -60,
                                "erledigt",
                            ),
                            ("Ausgabe des Merkblatts in der Ausländerbehörde", ABH, 30, "laufend"),
                        ],
                        [
                            (
                                "Anteil der Berechtigten, die innerhalb von 8 Wochen einen "
                                "Integrationskurs beginnen",
                                "%",
                                "38",
                                "80",
                                "steigend",
                                [
                                    (150, "38", "Ausgangsmessung aus den Meldungen der Kursträger"),
                                    (120, "41", ""),
                                    (90, "47", "Merkblatt eingeführt"),
                                    (60, "52", ""),
                                    (30, "58", "Kursplatzübersicht im Probebetrieb"),
                                ],
                            )
                        ],
                    )
                ],
            ),
            (
                "Das Kursangebot passt in allen Kommunen zum Bedarf",
                [
                    (
                        "Die Volkshochschulen melden freie Kursplätze monatlich an die "
                        "KIM-Koordination",
                        [
                            (
                                "Gemeinsame Kursplatzübersicht der fünf Volkshochschulen",
                                VHS,
                                45,
                                "laufend",
                            ),
                            (
                                "Kurse mit Kinderbetreuung in Plettenberg und Werdohl",
                                VHS,
                                120,
                                "geplant",
                            ),
                            ("Bedarf an Alphabetisierungskursen abstimmen", BAMF, 90, "geplant"),
                        ],
                        [
                            (
                                "Durchschnittliche Wartezeit bis zum Kursbeginn",
                                "Tage",
                                "94",
                                "56",
                                "fallend",
                                [(120, "94", ""), (90, "88", ""), (60, "81", ""), (30, "72", "")],
                            )
                        ],
                    )
                ],
            ),
        ],
    )
]

ARBEITSMARKT = [
    (
        "Zugewanderte mit Arbeitserlaubnis finden schneller eine Beschäftigung, die zu ihrer "
        "Qualifikation passt",
        [
            (
                "Jobcenter, Agentur für Arbeit und Ausländerbehörde klären "
                "Beschäftigungserlaubnisse ohne Umwege",
                [
                    (
                        "Anfragen zur Beschäftigungserlaubnis sind innerhalb von 10 Arbeitstagen "
                        "beantwortet",
                        [
                            ("Feste Ansprechpersonen in der Ausländerbehörde", ABH, 60, "geplant"),
                            ("Monatliche gemeinsame Fallbesprechung", JOBCENTER, 90, "geplant"),
                        ],
                        [
                            (
                                "Bearbeitungsdauer von Anfragen zur Beschäftigungserlaubnis",
                                "Arbeitstage",
                                "25",
                                "10",
                                "fallend",
                                [(60, "25", "Stichprobe von 40 Anfragen"), (20, "22", "")],
                            )
                        ],
                    )
                ],
            )
        ],
    )
]


def load(today: datetime.date, adopting: Beschluss) -> None:
    sprache = Gremium.objects.get(slug="ag-sprache")
    arbeit = Gremium.objects.get(slug="ag-arbeitsmarkt")
    _zielsystem(
        sprache,
        "Zielsystem Sprache",
        "Vom Ankommen bis zum Beginn eines passenden Integrationskurses.",
        SPRACHE,
        today,
        status=Zielsystem.Status.BESCHLOSSEN,
        adopted_by=adopting,
        shared_with_all=True,
    )
    _zielsystem(
        arbeit,
        "Zielsystem Arbeitsmarkt",
        "Entwurf der Arbeitsgruppe für die 3. Sitzung der Lenkungsgruppe.",
        ARBEITSMARKT,
        today,
    )


def _zielsystem(gremium, title, description, tree, today, **status) -> Zielsystem:
    zielsystem, created = Zielsystem.objects.update_or_create(
        gremium=gremium, title=title, defaults={"description": description, **status}
    )
    if not created:
        return zielsystem
    names = {
        activity[1]
        for _g, rahmen in tree
        for _r, ergebnis in rahmen
        for _e, activities, _i in ergebnis
        for activity in activities
    }
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    for g_order, (g_title, rahmen) in enumerate(tree):
        gz = Grundsatzziel.objects.create(zielsystem=zielsystem, title=g_title, sort_order=g_order)
        for r_order, (r_title, ergebnis) in enumerate(rahmen):
            rz = Rahmenziel.objects.create(grundsatzziel=gz, title=r_title, sort_order=r_order)
            for e_order, (e_title, activities, indicators) in enumerate(ergebnis):
                ez = Ergebnisziel.objects.create(rahmenziel=rz, title=e_title, sort_order=e_order)
                Aktivitaet.objects.bulk_create(
                    Aktivitaet(
                        ergebnisziel=ez,
                        title=a_title,
                        organisation=organisations.get(organisation),
                        due_on=today + datetime.timedelta(days=due),
                        status=a_status,
                        sort_order=order,
                    )
                    for order, (a_title, organisation, due, a_status) in enumerate(activities)
                )
                for i_order, (name, unit, base, target, direction, values) in enumerate(indicators):
                    indikator = Indikator.objects.create(
                        ergebnisziel=ez,
                        name=name,
                        unit=unit,
                        baseline=Decimal(base),
                        target=Decimal(target),
                        direction=direction,
                        sort_order=i_order,
                    )
                    Messwert.objects.bulk_create(
                        Messwert(
                            indikator=indikator,
                            measured_on=today - datetime.timedelta(days=days),
                            value=Decimal(value),
                            comment=comment,
                        )
                        for days, value, comment in values
                    )
    return zielsystem
