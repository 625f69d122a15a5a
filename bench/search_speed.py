"""Speed of the database search engine on a generated corpus.

    .venv/bin/python bench/search_speed.py            # 10 000 documents
    .venv/bin/python bench/search_speed.py 100000     # 100 000 documents
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kim_portal_search \\
        .venv/bin/python bench/search_speed.py        # on PostgreSQL (test_ database)

Documents are generated from KIM vocabulary (titles, headings, body of 60-250 words, Kommune,
Handlungsfeld and Gremium facets, a mix of principals: most for all logged-in users, some for
one group or one Gremium). Reports index time, then p50/p95 latency of typical queries with
and without facet filters for an ordinary user (principal filter active) and a superuser.
These numbers are measurements, not tests.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time

from search_common import percentile, temporary_database

_WORDS_TEXT = (
    "Einbürgerung Einbürgerungsbehörde Ausländerbehörde Aufenthaltserlaubnis Duldung "
    "Integrationskurs Sprachförderung Sprachkurs Kooperationsvereinbarung Vereinbarung "
    "Kooperation Fallrekonstruktion Lenkungsgruppe Arbeitsgruppe Zielsystem Grundsatzziel "
    "Rahmenziel Ergebnisziel Meldebogen Integrationshürde Schnittstelle Jobcenter Jugendamt "
    "Sozialamt Agentur Arbeit Ausbildung Qualifizierung Wohnen Wohnungssuche Mietkosten "
    "Gesundheit Bildung Schule Kita Erziehung Jugendhilfe Existenzsicherung Teilhabe Begegnung "
    "Datenschutz Datenaustausch Dolmetscher Sprachmittlung Beratung Migrationsberatung "
    "Jugendmigrationsdienst Flüchtlingsberatung Ehrenamt Verteilungsschlüssel Case Management "
    "Koordination Landescontrolling Sachstandsbericht Ausschuss Protokoll Beschluss Sitzung "
    "Handlungskonzept Geschäftsordnung Evaluation Bericht Termin Antrag Voraussetzung Kommune "
    "Kreis Stadt Träger Angebot Maßnahme Projekt Netzwerk Fortbildung Anerkennung Abschluss"
)
WORDS = _WORDS_TEXT.split()
_FILLER_TEXT = (
    "der die das und mit für von zu im in auf wird werden wurde ist sind nach bei über "
    "eine einer einen dem den des sowie auch noch bereits jährlich gemeinsam regelmäßig"
)
FILLER = _FILLER_TEXT.split()
_KOMMUNEN_TEXT = (
    "altena balve halver hemer herscheid iserlohn kierspe luedenscheid meinerzhagen menden "
    "nachrodt-wiblingwerde neuenrade plettenberg schalksmuehle werdohl"
)
KOMMUNEN = _KOMMUNEN_TEXT.split()
HANDLUNGSFELDER = ["vielfalt", "bildung-sprache", "teilhabe", "arbeitsmarkt"]
KINDS = [("seite", "Seite"), ("faq", "FAQ"), ("beschluss", "Beschluss"), ("protokoll", "Protokoll")]
QUERIES = [
    "Einbürgerung",
    "einburgerung antrag",
    "Behörde Einbürgerung",
    "Kooperationsvereinbarung",
    "Vereinbarungen Kommune",
    '"Case Management"',
    "Fallrekonstruktion Lenkungsgruppe",
    "Integrationskurs Sprachförderung Kita",
    "Datenschutz -Jobcenter",
    "Fallrekonstruktoin",
]


def sentence(rng: random.Random, length: int) -> str:
    words = [
        rng.choice(WORDS) if rng.random() < 0.45 else rng.choice(FILLER) for _ in range(length)
    ]
    return " ".join(words) + "."


def entries(count: int, seed: int = 7):
    from search.registry import (
        AUTHENTICATED,
        BODY,
        HEADING,
        IndexEntry,
        gremium_principal,
        group_principal,
    )

    rng = random.Random(seed)
    today = datetime.date(2026, 11, 1)
    for number in range(count):
        kind, label = rng.choice(KINDS)
        roll = rng.random()
        if roll < 0.8:
            principals = {AUTHENTICATED}
        elif roll < 0.9:
            principals = {group_principal(rng.randint(1, 6))}
        else:
            principals = {gremium_principal(rng.randint(1, 40))}
        yield (
            str(number),
            IndexEntry(
                title=" ".join(rng.sample(WORDS, 3)) + f" {number}",
                url=f"/dokument/{number}/",
                kind=kind,
                kind_label=label,
                principals=principals,
                parts=[
                    (" ".join(rng.sample(WORDS, 2)), HEADING),
                    (
                        " ".join(
                            sentence(rng, rng.randint(8, 25)) for _ in range(rng.randint(6, 10))
                        ),
                        BODY,
                    ),
                ],
                date=today - datetime.timedelta(days=rng.randint(0, 2000)),
                facets={
                    "kommune": [(k, k.title()) for k in rng.sample(KOMMUNEN, rng.randint(1, 3))],
                    "handlungsfeld": [(h, h) for h in rng.sample(HANDLUNGSFELDER, 1)],
                },
            ),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="?", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="Durchläufe je Anfrage")
    args = parser.parse_args()

    with temporary_database() as connection:
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType

        from search.backends import SearchQuery
        from search.backends.database import DatabaseBackend
        from search.indexing import bulk_store
        from search.models import Posting, SearchDocument
        from search.suggestions import get_speller

        content_type = ContentType.objects.get_for_model(SearchDocument)
        started = time.perf_counter()
        batch: list = []
        done = 0
        for item in entries(args.documents):
            batch.append(item)
            if len(batch) == 1000:
                done += bulk_store(content_type, batch)
                batch = []
                print(f"\r  indexiert: {done}/{args.documents}", end="", flush=True)
        done += bulk_store(content_type, batch)
        index_seconds = time.perf_counter() - started
        print(f"\r  indexiert: {done}/{args.documents}")
        postings = Posting.objects.count()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        User = get_user_model()
        user = User.objects.create_user("leser", password="bench-bench-123")
        admin = User.objects.create_user("admin", password="bench-bench-123", is_superuser=True)
        started = time.perf_counter()
        get_speller()
        speller_seconds = time.perf_counter() - started
        engine = DatabaseBackend()
        report = {}
        for label, who, filters in [
            ("Benutzer", user, {}),
            ("Benutzer + Facetten", user, {"kommune": ["iserlohn"], "kind": ["faq", "seite"]}),
            ("Superuser", admin, {}),
        ]:
            timings: list[float] = []
            totals = []
            for query in QUERIES:
                for _ in range(args.repeat):
                    fresh = User.objects.get(pk=who.pk)  # principals computed per request
                    t0 = time.perf_counter()
                    found = engine.search(SearchQuery(query, dict(filters)), fresh)
                    timings.append((time.perf_counter() - t0) * 1000)
                totals.append(found.total)
            report[label] = (timings, statistics.mean(totals))

    print(
        f"\n{args.documents} Dokumente, {postings} Postings, {connection.vendor}: "
        f"Indexierung {index_seconds:.1f} s ({args.documents / index_seconds:.0f} Dok./s), "
        f"Rechtschreib-Wörterbuch {speller_seconds:.1f} s"
    )
    print(f"{'Anfragen':<22} {'p50 ms':>8} {'p95 ms':>8} {'Treffer (Mittel)':>17}")
    for label, (timings, mean_total) in report.items():
        p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
        print(f"{label:<22} {p50:8.1f} {p95:8.1f} {mean_total:17.0f}")
    p95_user = percentile(report["Benutzer"][0], 0.95)
    print(f"\np95 / Ziel 50 ms: {p95_user / 50:.2f}")


if __name__ == "__main__":
    main()
