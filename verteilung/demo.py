"""Demo content of the Verteilungsschlüssel (called by ``manage.py load_demo`` after spaces and
cycle; idempotent: nothing is added once the demo key exists).

- plausible figures of the 15 Kommunen of the Märkischer Kreis for the last two years (the
  four standard indicators, sources IT.NRW, BAMF and the Ausländerzentralregister);
- last year's key (figures of the year before last), superseded, and this year's key, both
  14,0 VZÄ in steps of 0,25 with a floor of 0,25 VZÄ, each put into force by a Beschluss of the
  Lenkungsgruppe; a scenario that weights the Asylerstanträge higher and assumes +50 % in
  Werdohl;
- the Zuständigkeiten of the case managers: hours as the key allocates, except Plettenberg,
  which is short of a quarter post (the warning shows it).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from knowledge.models import Kommune
from spaces.models import Beschluss, Gremium
from verteilung import actions
from verteilung.berechnung import berechne
from verteilung.models import (
    Annahme,
    Gewichtung,
    Indikator,
    Kennzahl,
    Verteilungsschluessel,
    Zustaendigkeit,
    vollzeit_wochenstunden,
)

# slug: (Einwohner, ohne deutsche und EU-Staatsangehörigkeit, Zuzüge aus dem Ausland,
# Asylerstanträge) of last year
FIGURES = {
    "altena": (16800, 1900, 310, 48),
    "balve": (11300, 620, 120, 14),
    "halver": (15900, 1150, 190, 22),
    "hemer": (34200, 2900, 520, 71),
    "herscheid": (6800, 330, 60, 7),
    "iserlohn": (92700, 11400, 1850, 262),
    "kierspe": (15800, 1300, 210, 25),
    "luedenscheid": (72300, 10200, 1640, 231),
    "meinerzhagen": (20600, 1800, 290, 38),
    "menden": (52400, 4100, 690, 96),
    "nachrodt-wiblingwerde": (6500, 420, 70, 8),
    "neuenrade": (12000, 1000, 150, 19),
    "plettenberg": (24900, 2800, 400, 55),
    "schalksmuehle": (10100, 700, 110, 12),
    "werdohl": (17600, 2700, 380, 58),
}
# The year before: fewer arrivals from abroad, more asylum applications.
EARLIER = (Decimal("1.004"), Decimal("0.96"), Decimal("0.92"), Decimal("1.18"))
# Where the arrivals moved most between the two years.
SHIFTED = {"werdohl": Decimal("0.6"), "menden": Decimal("1.4"), "hemer": Decimal("1.3")}
WEIGHTS = {"zuzuege-ausland": 30, "asylerstantraege": 30, "einwohner-drittstaaten": 40}
CASE_MANAGERS = (
    ("Aylin Demir", "02351 966-7101"),
    ("Jonas Becker", "02351 966-7102"),
    ("Maria Kowalski", "02351 966-7103"),
    ("Hassan Al-Masri", "02351 966-7104"),
    ("Sabine Wolters", "02351 966-7105"),
    ("Tobias Schmitt", "02351 966-7106"),
    ("Elena Petrova", "02351 966-7107"),
    ("Kerstin Hoffmann", "02351 966-7108"),
    ("Daniel Yıldız", "02351 966-7109"),
    ("Lea Brandt", "02351 966-7110"),
    ("Ibrahim Haddad", "02351 966-7111"),
    ("Julia Neumann", "02351 966-7112"),
    ("Marek Nowak", "02351 966-7113"),
    ("Sandra Krüger", "02351 966-7114"),
    ("Paul Richter", "02351 966-7115"),
)
DAYS = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags")
TITLE = "Verteilungsschlüssel Case Management {year}"


def load(home, stdout) -> None:
    today = timezone.localdate()
    year = today.year
    if Verteilungsschluessel.objects.filter(titel=TITLE.format(year=year)).exists():
        stdout.write("Verteilungsschlüssel: Demo-Inhalte sind schon vorhanden.")
        return
    kommunen = {k.slug: k for k in Kommune.objects.filter(slug__in=FIGURES)}
    lg = Gremium.objects.filter(kind=Gremium.Kind.LENKUNGSGRUPPE).order_by("pk").first()
    if len(kommunen) != len(FIGURES) or lg is None:
        stdout.write("Verteilungsschlüssel: Kommunen oder Lenkungsgruppe fehlen, nichts angelegt.")
        return
    koordination = get_user_model().objects.filter(username="koordination").first()
    indikatoren = {i.slug: i for i in Indikator.objects.filter(standard=True)}
    order = ("einwohner", "einwohner-drittstaaten", "zuzuege-ausland", "asylerstantraege")
    sources = {
        "einwohner": "IT.NRW, Bevölkerungsstand",
        "einwohner-drittstaaten": "Ausländerzentralregister",
        "zuzuege-ausland": "IT.NRW, Wanderungsstatistik",
        "asylerstantraege": "BAMF, Asylgeschäftsstatistik",
    }
    for data_year, factors in ((year - 1, None), (year - 2, EARLIER)):
        for slug, values in FIGURES.items():
            for index, (ind_slug, value) in enumerate(zip(order, values, strict=True)):
                wert = Decimal(value)
                if factors:
                    # a little different in every Kommune, so the key moves between the years
                    local = 1 + Decimal((len(slug) * 7 + index * 5) % 13 - 6) / (
                        50 if index else 500
                    )
                    local *= SHIFTED.get(slug, 1) if index >= 2 else 1
                    wert = (wert * factors[index] * local).quantize(Decimal("1"))
                Kennzahl.objects.update_or_create(
                    indikator=indikatoren[ind_slug],
                    kommune=kommunen[slug],
                    jahr=data_year,
                    defaults={
                        "wert": wert,
                        "quelle": sources[ind_slug],
                        "stand": datetime.date(data_year + 1, 3, 31),
                        "geaendert_von": koordination,
                    },
                )

    def key(valid_year: int, weights: dict, **extra) -> Verteilungsschluessel:
        schluessel = Verteilungsschluessel.objects.create(
            titel=extra.pop("titel", TITLE.format(year=valid_year)),
            datenjahr=valid_year - 1,
            gesamt_vzae=Decimal("14.00"),
            schritt=Decimal("0.25"),
            mindest_vzae=Decimal("0.25"),
            erstellt_von=koordination,
            **extra,
        )
        Gewichtung.objects.bulk_create(
            Gewichtung(schluessel=schluessel, indikator=indikatoren[s], gewicht=Decimal(w))
            for s, w in weights.items()
        )
        return schluessel

    def adopt(schluessel: Verteilungsschluessel, valid_year: int) -> None:
        decided = datetime.date(valid_year - 1, 11, 18)
        beschluss, _created = Beschluss.objects.get_or_create(
            gremium=lg,
            title=f"Verteilungsschlüssel KIM-Case-Management ab {valid_year}",
            defaults={
                "decided_on": decided,
                "status": Beschluss.Status.UMGESETZT,
                "shared_with_all": True,
                "text": (
                    f"Die Lenkungsgruppe beschließt die Verteilung der 14,0 VZÄ des "
                    f"KIM-Case-Managements ab dem 1. Januar {valid_year} nach dem von der "
                    "KIM-Koordination vorgelegten Schlüssel (Zuzüge aus dem Ausland 30 %, "
                    "Asylerstanträge 30 %, Einwohner ohne deutsche und ohne "
                    "EU-Staatsangehörigkeit 40 %; Mindestausstattung 0,25 VZÄ)."
                ),
            },
        )
        actions.beschliessen(
            schluessel,
            beschluss,
            datetime.date(valid_year, 1, 1),
            by=koordination,
            at=timezone.make_aware(datetime.datetime.combine(decided, datetime.time(15))),
        )

    earlier = key(year - 1, WEIGHTS, erlaeuterung="Erster Schlüssel nach Handlungskonzept 3.6.")
    adopt(earlier, year - 1)
    current = key(
        year,
        WEIGHTS,
        erlaeuterung="Fortschreibung mit den Kennzahlen des Vorjahres; Gewichte unverändert.",
    )
    adopt(current, year)
    scenario = key(
        year + 1,
        {"zuzuege-ausland": 20, "asylerstantraege": 50, "einwohner-drittstaaten": 30},
        titel="Szenario: Asylerstanträge stärker gewichten, Werdohl +50 %",
        ist_szenario=True,
        vorlage=current,
        erlaeuterung="Für die Sitzung der Lenkungsgruppe im Frühjahr durchgerechnet.",
    )
    scenario.datenjahr = year - 1
    scenario.save(update_fields=["datenjahr"])
    Annahme.objects.create(
        schluessel=scenario,
        indikator=indikatoren["asylerstantraege"],
        kommune=kommunen["werdohl"],
        prozent=Decimal("50"),
    )
    _zustaendigkeiten(current, kommunen)
    stdout.write(
        f"Verteilungsschlüssel: {Kennzahl.objects.count()} Kennzahlen, "
        f"{Verteilungsschluessel.objects.count()} Schlüssel, "
        f"{Zustaendigkeit.objects.count()} Zuständigkeiten."
    )


def _zustaendigkeiten(schluessel: Verteilungsschluessel, kommunen: dict) -> None:
    full = vollzeit_wochenstunden()
    people = iter(CASE_MANAGERS)
    person, kontakt = next(people)
    capacity = full
    for index, zeile in enumerate(sorted(berechne(schluessel).zeilen, key=lambda z: z.name)):
        hours = zeile.vzae * full
        if zeile.slug == "plettenberg":
            hours -= full / 4
        while hours > 0:
            if capacity <= 0:
                person, kontakt = next(people)
                capacity = full
            take = min(hours, capacity)
            Zustaendigkeit.objects.create(
                person=person,
                kontakt=kontakt,
                kommune=kommunen[zeile.slug],
                wochenstunden=take,
                sprechtage=f"{DAYS[index % 5]} 9–12 Uhr"
                + (f", {DAYS[(index + 2) % 5]} 14–16 Uhr" if take >= 19 else ""),
                ort=f"Rathaus {zeile.name}, Bürgerbüro",
            )
            hours -= take
            capacity -= take
