"""Speed of the database search engine on a generated corpus, SQLite and PostgreSQL.

    .venv/bin/python bench/search_speed.py                      # 10 000 documents (make bench)
    .venv/bin/python bench/search_speed.py --sizes 10000,100000 # also 100 000 (minutes)
    .venv/bin/python bench/search_speed.py --korpus dicht       # stress corpus, see below
    .venv/bin/python bench/search_speed.py --postgres postgres://postgres@127.0.0.1:5432/kim_x

PostgreSQL is measured when ``--postgres`` or ``DATABASE_URL`` (postgres://...) names a
server, or when one answers on 127.0.0.1:5432 (database ``kim_portal_bench``; a "test_"
database is created next to it and dropped at the end); ``--nur-sqlite`` skips it. SQLite
uses a throw-away database file. Each database and size runs in a child process.

Corpora (seeded, identical on both databases):

- ``realistisch`` (default): content words drawn from a Zipf distribution (s = 1) over
  about 5 000 words (the 95 KIM words at ranks 20 to 1 200, the compound lexicon, made-up
  simple words), 55 % stop words; titles, headings, body of 50-250 words,
  Kommune/Handlungsfeld facets, a mix of principals (80 % all logged-in users, 10 % one of
  6 groups, 10 % one of 40 Gremien). Query words therefore occur in between a few tenths
  of a percent and about a third of the documents, as in real collections.
- ``dicht``: the earlier stress corpus: every word drawn uniformly from 95 KIM words, so
  every query word occurs in about half of all documents.

For each run: index time, then p50/p95 latency of typical queries (words, compounds, a
phrase, an exclusion, a typo) as an ordinary user (principal filter), as that user with
facet filters, and as a superuser. The baseline measured in the same run is the previous
engine (candidate postings fetched with the ORM, BM25F scored, filtered and counted in
Python), kept here as ``PythonScoringBackend``; the script prints the ratios and checks
that both engines and both databases return the same totals and top ten.
These numbers are measurements, not tests.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from search_common import percentile

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
FACET_FILTERS = {"kommune": ["iserlohn"], "kind": ["faq", "seite"]}
SCENARIOS = ["Benutzer", "Benutzer + Facetten", "Superuser"]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kim_portal_bench"


# -- corpora --------------------------------------------------------------------------------


class DenseWords:
    """Every word uniformly from the 95 KIM words (the earlier stress corpus)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def content(self, count: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(count)]

    def title(self) -> list[str]:
        return self.rng.sample(WORDS, 3)


_SYLLABLES_TEXT = (
    "ba be bi bo da de di do fa fe ga ge go ka ke ko la le li lo ma me mi mo na ne ni no "
    "pa pe ra re ri ro sa se si ta te ti to va ve wa we za ze"
)


class ZipfWords:
    """Content words with Zipf frequencies (s = 1) over KIM words, the compound lexicon and
    about 4 500 made-up simple words; the KIM words sit at ranks 20 to 1 200."""

    SYLLABLES = _SYLLABLES_TEXT.split()
    ENDINGS = ("n", "r", "l", "t", "ng", "nd", "st", "m")

    def __init__(self, rng: random.Random) -> None:
        from portal.text_analysis import _LEXICON_WORDS, is_stop_word, split_compound, stem

        self.rng = rng
        pick = random.Random(11)
        lexicon = sorted({w.capitalize() for w in _LEXICON_WORDS.split()} - set(WORDS))
        taken = {stem(w) for w in [*WORDS, *lexicon]}
        made_up: list[str] = []
        while len(made_up) < 4500:
            syllables = pick.sample(self.SYLLABLES, pick.randint(2, 3))
            word = ("".join(syllables) + pick.choice(self.ENDINGS)).capitalize()
            term = stem(word)
            if term in taken or split_compound(word) or is_stop_word(word):
                continue  # simple words only, each its own term
            taken.add(term)
            made_up.append(word)
        others = lexicon + made_up
        pick.shuffle(others)
        ranks = sorted(pick.sample(range(20, 1200), len(WORDS)))
        placed = dict(zip(ranks, pick.sample(WORDS, len(WORDS)), strict=True))
        rest = iter(others)
        self.vocabulary = [
            placed.get(rank) or next(rest) for rank in range(len(WORDS) + len(others))
        ]
        self.cum_weights = list(
            itertools.accumulate(1.0 / (rank + 1) for rank in range(len(self.vocabulary)))
        )

    def content(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=count)

    def title(self) -> list[str]:
        return self.content(3)


def entries(count: int, corpus: str = "realistisch", seed: int = 7):
    from search.registry import (
        AUTHENTICATED,
        BODY,
        HEADING,
        IndexEntry,
        group_principal,
    )
    from spaces.visibility import gremium_principal

    rng = random.Random(seed)
    vocabulary = ZipfWords(rng) if corpus == "realistisch" else DenseWords(rng)
    today = datetime.date(2026, 11, 1)

    def sentence(length: int) -> str:
        content = iter(vocabulary.content(length))
        words = [
            next(content) if rng.random() < 0.45 else rng.choice(FILLER) for _ in range(length)
        ]
        return " ".join(words) + "."

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
                title=" ".join(vocabulary.title()) + f" {number}",
                url=f"/dokument/{number}/",
                kind=kind,
                kind_label=label,
                principals=principals,
                parts=[
                    (" ".join(vocabulary.content(2)), HEADING),
                    (
                        " ".join(sentence(rng.randint(8, 25)) for _ in range(rng.randint(6, 10))),
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


# -- the baseline: the previous engine, scoring in Python -------------------------------------


def python_scoring_backend():
    """The engine before scoring moved into SQL (search/backends/database.py until Nov 2026):
    candidate postings of all query terms fetched through the ORM, then BM25F, phrases,
    exclusions, facet filters and counts in Python. Only ``search`` is kept."""
    from collections import Counter
    from dataclasses import dataclass, field

    from django.db.models import Avg, Count
    from django.utils import timezone

    from portal.text_analysis import analyse_query
    from search.backends import database
    from search.backends.base import FACET_NAMES, K1, B, SearchResults, bm25_idf, recency_factor
    from search.models import DocumentFacet, Posting

    @dataclass
    class Doc:
        length: int
        boost: float
        date: datetime.date | None
        kind: str
        kind_label: str
        year: int | None
        terms: dict[str, tuple[float, str]] = field(default_factory=dict)

    def has_phrase(doc_terms, phrase) -> bool:
        return database.has_phrase({t: p for t, (_w, p) in doc_terms.items()}, phrase)

    class PythonScoringBackend(database.DatabaseBackend):
        def search(self, query, user):
            results = SearchResults(query=query)
            parsed = analyse_query(query.text)
            if parsed.is_empty:
                return results
            visible = database.visible_documents(user)
            stats = visible.aggregate(n=Count("id"), avg=Avg("length"))
            total_docs, avg_length = stats["n"] or 0, float(stats["avg"] or 1.0) or 1.0
            words = [list(term.alternatives) for term in parsed.terms]
            need_positions = bool(parsed.phrases or parsed.excluded_phrases)
            wanted = {t for alts in words for t, _w in alts}
            wanted |= {t.term for t in parsed.excluded}
            wanted |= {t for p in parsed.excluded_phrases for _o, t in p.terms}
            docs = self._postings(visible, wanted, need_positions)
            df = Counter(t for doc in docs.values() for t in doc.terms)
            expansions = self._expansions(parsed, words, df)
            expansions |= self._compounds(parsed, words, wanted | expansions, df)
            if expansions - wanted:
                extra = self._postings(visible, expansions - wanted, need_positions)
                for doc_id, doc in extra.items():
                    docs.setdefault(doc_id, doc).terms.update(doc.terms)
                df = Counter(t for doc in docs.values() for t in doc.terms)
            scores = self._score(parsed, words, docs, df, total_docs, avg_length)
            matched = {doc_id: docs[doc_id] for doc_id in scores}
            facet_rows = self._facet_rows(visible, wanted | expansions, bool(matched))
            selected = {n: set(v) for n, v in query.filters.items() if v and n in FACET_NAMES}

            def values_of(doc_id: int, name: str) -> set[str]:
                doc = matched[doc_id]
                if name == "kind":
                    return {doc.kind}
                if name == "year":
                    return {str(doc.year)} if doc.year else set()
                return facet_rows[0].get(doc_id, {}).get(name, set())

            def passes(doc_id: int, skip: str | None) -> bool:
                return all(
                    values & values_of(doc_id, name)
                    for name, values in selected.items()
                    if name != skip
                )

            ranked = sorted(
                (doc_id for doc_id in scores if passes(doc_id, None)),
                key=lambda doc_id: (-scores[doc_id], doc_id),
            )
            results.total = len(ranked)
            counts = {name: {} for name in FACET_NAMES}
            labels = dict(facet_rows[1])
            for doc_id, doc in matched.items():
                labels[("kind", doc.kind)] = doc.kind_label
                for name in FACET_NAMES:
                    if passes(doc_id, name):
                        for value in values_of(doc_id, name):
                            counts[name][value] = counts[name].get(value, 0) + 1
            results.facets = self._facets(counts, labels, selected)
            page = [(i, scores[i]) for i in ranked[query.offset : query.offset + query.page_size]]
            terms = {t for alts in words for t, _w in alts}
            results.hits = self._hits(page, terms)
            if results.total < 3:
                from search.backends.suggestions import get_speller

                suggestion = get_speller().suggest(query.text)
                if suggestion and suggestion != query.text:
                    results.suggestion = suggestion
            return results

        def _postings(self, visible, terms, with_positions):
            if not terms:
                return {}
            fields = [
                "document_id",
                "term",
                "weight",
                "document__length",
                "document__boost",
                "document__date",
                "document__kind",
                "document__kind_label",
                "document__year",
            ]
            if with_positions:
                fields.append("positions")
            rows = Posting.objects.filter(term__in=sorted(terms), document__in=visible)
            docs: dict[int, Doc] = {}
            for row in rows.values_list(*fields):
                doc = docs.get(row[0])
                if doc is None:
                    doc = docs[row[0]] = Doc(*row[3:9])
                doc.terms[row[1]] = (row[2], row[9] if with_positions else "")
            return docs

        def _score(self, parsed, words, docs, df, total_docs, avg_length):
            today = timezone.localdate()
            excluded = {t.term for t in parsed.excluded}
            idf = {term: bm25_idf(max(total_docs, 1), count) for term, count in df.items()}
            scores = {}
            for doc_id, doc in docs.items():
                if excluded & doc.terms.keys():
                    continue
                norm = K1 * (1 - B + B * (doc.length or 1) / avg_length)
                matched = 0
                score = 0.0
                for alternatives in words:
                    best = 0.0
                    for term, weight in alternatives:
                        if term in doc.terms:
                            tf = doc.terms[term][0]
                            best = max(best, weight * idf[term] * tf * (K1 + 1) / (tf + norm))
                    if best > 0:
                        matched += 1
                        score += best
                if not matched:
                    continue
                if not all(has_phrase(doc.terms, p) for p in parsed.phrases):
                    continue
                if any(has_phrase(doc.terms, p) for p in parsed.excluded_phrases):
                    continue
                coordination = matched / len(words)
                scores[doc_id] = (
                    score * coordination**2 * doc.boost * recency_factor(doc.date, today)
                )
            return scores

        def _facet_rows(self, visible, terms, any_match):
            by_doc: dict[int, dict[str, set[str]]] = {}
            labels: dict[tuple[str, str], str] = {}
            if not any_match:
                return by_doc, labels
            candidates = Posting.objects.filter(
                term__in=sorted(terms), document__in=visible
            ).values("document_id")
            rows = DocumentFacet.objects.filter(document_id__in=candidates)
            for doc_id, name, value, label in rows.values_list(
                "document_id", "name", "value", "label"
            ):
                by_doc.setdefault(doc_id, {}).setdefault(name, set()).add(value)
                labels[(name, value)] = label
            return by_doc, labels

    return PythonScoringBackend()


# -- one run (child process) ----------------------------------------------------------------


@contextmanager
def bench_database():
    """A fresh test database: a file for SQLite (not memory, as in production), a "test_"
    database next to DATABASE_URL for PostgreSQL."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    if connection.vendor == "sqlite":
        folder = tempfile.mkdtemp(prefix="kim-bench-")
        connection.settings_dict["TEST"]["NAME"] = str(Path(folder) / "search-speed.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def _log(message: str, end: str = "\n") -> None:
    print(message, end=end, file=sys.stderr, flush=True)


def _cpu_ms(pid: int | None) -> float:
    """CPU time of a process in ms from /proc/<pid>/schedstat (ns resolution); 0 without."""
    if pid is None:
        return 0.0
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def measure(size: int, corpus: str, repeat: int, baseline_repeat: int) -> dict:
    with bench_database() as connection:
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType

        from search.backends import SearchQuery
        from search.backends.database import DatabaseBackend, clear_cache, user_access
        from search.backends.suggestions import get_speller
        from search.indexing import bulk_store
        from search.models import Posting, SearchDocument

        content_type = ContentType.objects.get_for_model(SearchDocument)
        started = time.perf_counter()
        batch: list = []
        done = 0
        for item in entries(size, corpus):
            batch.append(item)
            if len(batch) == 1000:
                done += bulk_store(content_type, batch)
                batch = []
                _log(f"\r  {connection.vendor}: indexiert {done}/{size}", end="")
        done += bulk_store(content_type, batch)
        index_seconds = time.perf_counter() - started
        _log(f"\r  {connection.vendor}: indexiert {done}/{size}")
        postings = Posting.objects.count()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

        User = get_user_model()
        user = User.objects.create_user("leser", password="bench-bench-123")
        admin = User.objects.create_user("admin", password="bench-bench-123", is_superuser=True)
        started = time.perf_counter()
        get_speller()
        speller_seconds = time.perf_counter() - started
        clear_cache()
        started = time.perf_counter()
        user_access(User.objects.get(pk=user.pk))
        access_ms = (time.perf_counter() - started) * 1000

        server = None  # the PostgreSQL backend process, when it runs on this machine
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                server = cursor.fetchone()[0]
            if not _cpu_ms(server):
                server = None
        people = {"Benutzer": user, "Benutzer + Facetten": user, "Superuser": admin}
        engines = {"sql": (DatabaseBackend(), repeat)}
        if baseline_repeat:
            engines["python"] = (python_scoring_backend(), baseline_repeat)
        report: dict = {}
        for engine_name, (engine, times) in engines.items():
            for label in SCENARIOS:
                filters = FACET_FILTERS if label == "Benutzer + Facetten" else {}
                timings: list[float] = []
                cpu: list[float] = []
                answers = []
                for query in QUERIES:
                    for _ in range(times):
                        fresh = User.objects.get(pk=people[label].pk)  # per-request principals
                        s0, c0 = _cpu_ms(server), time.process_time()
                        t0 = time.perf_counter()
                        found = engine.search(SearchQuery(query, dict(filters)), fresh)
                        timings.append((time.perf_counter() - t0) * 1000)
                        cpu.append((time.process_time() - c0) * 1000 + _cpu_ms(server) - s0)
                    answers.append([found.total, [hit.url for hit in found.hits]])
                report.setdefault(engine_name, {})[label] = {
                    "ms": timings,
                    "cpu": cpu,
                    "answers": answers,
                }
                _log(f"  {connection.vendor} {engine_name} {label}: fertig")
        return {
            "vendor": connection.vendor,
            "size": size,
            "postings": postings,
            "index_seconds": index_seconds,
            "speller_seconds": speller_seconds,
            "access_ms": access_ms,
            "server_cpu": server is not None,
            "report": report,
        }


# -- the parent: children per database and size, then the tables -----------------------------


def postgres_url(args) -> str | None:
    if args.nur_sqlite:
        return None
    url = args.postgres or os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return DEFAULT_POSTGRES
    except OSError:
        return None


def run_child(url: str, size: int, args) -> dict:
    env = dict(os.environ, DATABASE_URL=url)
    command = [
        sys.executable,
        __file__,
        "--child",
        str(size),
        "--korpus",
        args.korpus,
        "--repeat",
        str(args.repeat),
        "--baseline-repeat",
        str(0 if args.ohne_baseline else args.baseline_repeat),
    ]
    out = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_run(run: dict) -> None:
    size, vendor = run["size"], run["vendor"]
    print(
        f"\n== {size} Dokumente, {vendor}: {run['postings']} Postings, Indexierung "
        f"{run['index_seconds']:.1f} s ({size / run['index_seconds']:.0f} Dok./s); einmal je "
        f"Indexstand: Rechtschreib-Wörterbuch {run['speller_seconds']:.1f} s, "
        f"Zugriffsstatistik {run['access_ms']:.0f} ms"
    )
    report = run["report"]
    print(
        f"{'Anfragen':<20} {'p50 ms':>7} {'p95 ms':>7} {'CPU p50':>7} {'p95':>6} {'Treffer':>7}"
        f" | {'Alt p50':>7} {'p95':>7} | {'Faktor p50':>10} {'p95':>5} | gleich"
    )
    for label in SCENARIOS:
        sql = report["sql"][label]
        p50, p95 = percentile(sql["ms"], 0.5), percentile(sql["ms"], 0.95)
        c50, c95 = percentile(sql["cpu"], 0.5), percentile(sql["cpu"], 0.95)
        hits = statistics.mean(a[0] for a in sql["answers"])
        line = f"{label:<20} {p50:7.1f} {p95:7.1f} {c50:7.1f} {c95:6.1f} {hits:7.0f}"
        old = report.get("python", {}).get(label)
        if old:
            o50, o95 = percentile(old["ms"], 0.5), percentile(old["ms"], 0.95)
            same = sum(a == b for a, b in zip(sql["answers"], old["answers"], strict=True))
            line += (
                f" | {o50:7.1f} {o95:7.1f} | {o50 / p50:9.1f}x {o95 / p95:4.1f}x"
                f" | {same}/{len(QUERIES)}"
            )
        print(line)
    p95_user = percentile(report["sql"]["Benutzer"]["ms"], 0.95)
    print(f"p95 Benutzer / Ziel 50 ms: {p95_user / 50:.2f}")
    if run["vendor"] == "sqlite":
        print("(CPU: Rechenzeit des Prozesses samt SQLite; unabhängig von der Maschinenlast)")
    elif run.get("server_cpu"):
        print("(CPU: Rechenzeit von Python-Prozess und PostgreSQL-Serverprozess zusammen)")
    else:
        print(
            "(CPU: nur der Python-Prozess; der PostgreSQL-Server läuft nicht auf dieser Maschine)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="Dokumentzahlen, z. B. 10000,100000")
    parser.add_argument("--korpus", choices=["realistisch", "dicht"], default="realistisch")
    parser.add_argument("--repeat", type=int, default=5, help="Durchläufe je Anfrage")
    parser.add_argument(
        "--baseline-repeat", type=int, default=1, help="Durchläufe je Anfrage im Altpfad"
    )
    parser.add_argument("--ohne-baseline", action="store_true", help="Altpfad nicht messen")
    parser.add_argument("--postgres", help="PostgreSQL-URL (sonst DATABASE_URL oder localhost)")
    parser.add_argument("--nur-sqlite", action="store_true", help="PostgreSQL nicht messen")
    parser.add_argument("--nur-postgres", action="store_true", help="SQLite nicht messen")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)  # internal: one run
    args = parser.parse_args()

    if args.child:
        result = measure(args.child, args.korpus, args.repeat, args.baseline_repeat)
        print(json.dumps(result))
        return

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    urls = [] if args.nur_postgres else [f"sqlite:///{Path(tempfile.gettempdir()) / 'kim.db'}"]
    pg = postgres_url(args)
    if pg:
        urls.append(pg)
    schemes = ", ".join(urlparse(u).scheme for u in urls)
    print(f"Korpus {args.korpus}, Größen {sizes}, Datenbanken: {schemes}")
    runs = []
    for size in sizes:
        for url in urls:
            run = run_child(url, size, args)
            print_run(run)
            runs.append(run)
    for size in sizes:
        same_size = [r for r in runs if r["size"] == size]
        if len(same_size) == 2:
            a, b = (r["report"]["sql"] for r in same_size)
            same = sum(
                x == y
                for label in SCENARIOS
                for x, y in zip(a[label]["answers"], b[label]["answers"], strict=True)
            )
            print(
                f"\n{size} Dokumente: gleiche Trefferzahl und Top 10 auf SQLite und PostgreSQL: "
                f"{same}/{len(SCENARIOS) * len(QUERIES)} Anfragen"
            )


if __name__ == "__main__":
    main()
