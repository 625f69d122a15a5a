"""Benchmark the Meldebogen anonymity check against the labelled German sentences.

Run from the repository root:

    python bench/anonymity.py [--verbose]

Prints recall on the sentences with personal data, the false-positive rate on the
clean sentences, recall per kind, and the same numbers for a naive baseline measured
in the same run (every capitalised word that does not start a sentence, plus every run
of six or more digits).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms.anonymity import KIND_LABELS, find_personal_data  # noqa: E402

CASES = ROOT / "bench" / "data" / "anonymity_cases.jsonl"

Detector = Callable[[str], list[tuple[str, int, int]]]


def load_cases(path: Path = CASES) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def detector_spans(text: str) -> list[tuple[str, int, int]]:
    return [(f.kind, f.start, f.end) for f in find_personal_data(text)]


_BASELINE_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÄÖÜ][\wäöüß-]*")
_BASELINE_DIGITS = re.compile(r"\d{6,}")


def baseline_spans(text: str) -> list[tuple[str, int, int]]:
    """Naive baseline: capitalised words not at sentence start, digit runs of 6+."""
    spans = [("?", m.start(), m.end()) for m in _BASELINE_WORD.finditer(text)]
    spans += [("?", m.start(), m.end()) for m in _BASELINE_DIGITS.finditer(text)]
    return spans


def evaluate(cases: list[dict], detect: Detector) -> dict:
    personal = [c for c in cases if c["personal"]]
    clean = [c for c in cases if not c["personal"]]
    hits = 0
    kind_total: dict[str, int] = {}
    kind_hit: dict[str, int] = {}
    misses: list[str] = []
    false_positives: list[tuple[str, list[str]]] = []
    for case in personal:
        spans = detect(case["text"])
        if spans:
            hits += 1
        else:
            misses.append(case["text"])
        found_kinds = {kind for kind, _, _ in spans}
        for kind in case["kinds"]:
            kind_total[kind] = kind_total.get(kind, 0) + 1
            # The baseline has no kinds: any span counts for it.
            if kind in found_kinds or (found_kinds == {"?"}):
                kind_hit[kind] = kind_hit.get(kind, 0) + 1
    flagged_clean = 0
    for case in clean:
        spans = detect(case["text"])
        if spans:
            flagged_clean += 1
            false_positives.append((case["text"], [case["text"][s:e] for _, s, e in spans]))
    return {
        "personal": len(personal),
        "clean": len(clean),
        "recall": hits / len(personal) if personal else 0.0,
        "fpr": flagged_clean / len(clean) if clean else 0.0,
        "kind_recall": {k: kind_hit.get(k, 0) / n for k, n in sorted(kind_total.items())},
        "kind_total": kind_total,
        "misses": misses,
        "false_positives": false_positives,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and FPs")
    args = parser.parse_args(argv)

    cases = load_cases()
    find_personal_data("Warm-up lädt die Namenslisten: Frau Beispiel.")
    started = time.perf_counter()
    result = evaluate(cases, detector_spans)
    elapsed = time.perf_counter() - started
    base = evaluate(cases, baseline_spans)

    print(f"Labelled set: {result['personal']} personal, {result['clean']} clean sentences")
    print(f"{'':24} {'detector':>9} {'baseline':>9}")
    print(f"{'recall (personal)':24} {result['recall']:9.3f} {base['recall']:9.3f}")
    print(f"{'false-positive rate':24} {result['fpr']:9.3f} {base['fpr']:9.3f}")
    print("per-kind recall:")
    for kind in KIND_LABELS:
        if kind not in result["kind_total"]:
            continue
        n = result["kind_total"][kind]
        print(
            f"  {kind:22} {result['kind_recall'][kind]:9.3f} "
            f"{base['kind_recall'].get(kind, 0.0):9.3f}   (n={n})"
        )
    per_text_ms = 1000 * elapsed / len(cases)
    print(f"detector time: {per_text_ms:.2f} ms per sentence (after loading the word lists)")
    target_met = result["recall"] >= 0.95 and result["fpr"] <= 0.05
    print(f"target recall >= 0.95 at FPR <= 0.05: {'met' if target_met else 'NOT met'}")
    if args.verbose:
        for text in result["misses"]:
            print(f"MISS: {text}")
        for text, spans in result["false_positives"]:
            print(f"FP:   {text}  -> {spans}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
