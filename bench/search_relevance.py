"""Relevance of the portal search on realistic KIM content (bench/search_corpus.py).

Run from the repository root (takes about a minute, most of it creating the database):

    .venv/bin/python bench/search_relevance.py [--verbose]

Compares, in one run and over the same documents (stored as knowledge.Organisation objects,
title = name, text = description, so that every engine sees identical content):

- "KIM-Suche": this project's engine (search.backends.database), as an ordinary user,
- "BM25+Snowball": plain BM25 over lower-cased words stemmed with Snowball German (PyStemmer),
  OR semantics, no folding of umlaut spellings, no compounds, no field weights,
- "Wagtail DB (AND)" and "Wagtail DB (OR)": Wagtail's database search backend on the same
  database (SQLite FTS5 or PostgreSQL), default operator and with operator="or".

Reports nDCG@10, MRR, Recall@5 and the queries left without any result. These numbers are
measurements, not tests.
"""

from __future__ import annotations

import argparse
import math
import re
from collections import Counter
from collections.abc import Callable

from search_common import temporary_database
from search_corpus import DOCUMENTS, JUDGEMENTS

Ranker = Callable[[str], list[str]]


# --- metrics -------------------------------------------------------------------------------


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranking: list[str], judged: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    return dcg([judged.get(key, 0) for key in ranking[:k]]) / ideal if ideal else 0.0


def reciprocal_rank(ranking: list[str], judged: dict[str, int]) -> float:
    best = max(judged.values())
    for i, key in enumerate(ranking):
        if judged.get(key, 0) == best:
            return 1.0 / (i + 1)
    return 0.0


def recall_at(ranking: list[str], judged: dict[str, int], k: int = 5) -> float:
    relevant = {key for key, grade in judged.items() if grade > 0}
    return len(relevant & set(ranking[:k])) / len(relevant)


def evaluate(name: str, ranker: Ranker, verbose: bool) -> dict[str, float]:
    totals = Counter()
    empty = []
    for query, judged in JUDGEMENTS.items():
        ranking = ranker(query)
        if not ranking:
            empty.append(query)
        totals["ndcg"] += ndcg_at(ranking, judged)
        totals["mrr"] += reciprocal_rank(ranking, judged)
        totals["recall"] += recall_at(ranking, judged)
        if verbose:
            print(f"  [{name}] {query!r}: nDCG {ndcg_at(ranking, judged):.2f} -> {ranking[:5]}")
    n = len(JUDGEMENTS)
    return {
        "ndcg": totals["ndcg"] / n,
        "mrr": totals["mrr"] / n,
        "recall": totals["recall"] / n,
        "empty": len(empty),
        "empty_queries": empty,
    }


# --- plain BM25 + Snowball baseline ----------------------------------------------------------


class PlainBM25:
    def __init__(self, documents: list[tuple[str, str, str]], k1: float = 1.2, b: float = 0.75):
        import Stemmer

        self.stemmer = Stemmer.Stemmer("german")
        self.k1, self.b = k1, b
        self.docs = {key: Counter(self.terms(f"{title} {text}")) for key, title, text in documents}
        self.lengths = {key: sum(c.values()) for key, c in self.docs.items()}
        self.avg = sum(self.lengths.values()) / len(self.lengths)
        self.df = Counter(t for c in self.docs.values() for t in c)

    def terms(self, text: str) -> list[str]:
        return self.stemmer.stemWords(re.findall(r"\w+", text.lower()))

    def __call__(self, query: str) -> list[str]:
        n = len(self.docs)
        scores: Counter[str] = Counter()
        for term in set(self.terms(query)):
            df = self.df.get(term, 0)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for key, counts in self.docs.items():
                tf = counts.get(term, 0)
                if tf:
                    norm = self.k1 * (1 - self.b + self.b * self.lengths[key] / self.avg)
                    scores[key] += idf * tf * (self.k1 + 1) / (tf + norm)
        return [key for key, _score in scores.most_common(10)]


# --- the run -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="Rangfolge je Anfrage zeigen")
    args = parser.parse_args()

    with temporary_database():
        from django.contrib.auth import get_user_model
        from wagtail.search.backends import get_search_backend

        from knowledge.models import Organisation
        from search.backends import SearchQuery
        from search.backends.database import DatabaseBackend

        key_of: dict[int, str] = {}
        for key, title, text in DOCUMENTS:
            org = Organisation.objects.create(
                name=title, kind=Organisation.Kind.SONSTIGE, description=text
            )
            key_of[org.pk] = key
        user = get_user_model().objects.create_user("bench", password="bench-bench-123")
        engine = DatabaseBackend()

        title_key = {title: key for key, title, _text in DOCUMENTS}

        def kim(query: str) -> list[str]:
            found = engine.search(SearchQuery(query, page_size=10), user)
            return [title_key[hit.title] for hit in found.hits]

        def wagtail(operator: str | None) -> Ranker:
            def run(query: str) -> list[str]:
                kwargs = {"operator": operator} if operator else {}
                hits = get_search_backend().search(query, Organisation, **kwargs)[:10]
                return [key_of[o.pk] for o in hits]

            return run

        rankers: dict[str, Ranker] = {
            "KIM-Suche": kim,
            "BM25+Snowball": PlainBM25(DOCUMENTS),
            "Wagtail DB (AND)": wagtail(None),
            "Wagtail DB (OR)": wagtail("or"),
        }
        results = {name: evaluate(name, ranker, args.verbose) for name, ranker in rankers.items()}

    print(f"\n{len(JUDGEMENTS)} Anfragen, {len(DOCUMENTS)} Dokumente\n")
    print(f"{'Verfahren':<20} {'nDCG@10':>8} {'MRR':>6} {'Recall@5':>9} {'ohne Treffer':>13}")
    for name, r in results.items():
        print(f"{name:<20} {r['ndcg']:8.3f} {r['mrr']:6.3f} {r['recall']:9.3f} {r['empty']:13d}")
    ours = results["KIM-Suche"]["ndcg"]
    print()
    for name, r in results.items():
        if name != "KIM-Suche" and r["ndcg"]:
            print(f"nDCG@10 KIM-Suche / {name}: {ours / r['ndcg']:.2f}")
    for name, r in results.items():
        if r["empty_queries"]:
            print(f"{name}: ohne Treffer: {', '.join(r['empty_queries'])}")


if __name__ == "__main__":
    main()
