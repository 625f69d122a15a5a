"""Similar reports: which other Meldebögen describe the same barrier?

The coordination collects reports by theme; on a report's triage view it sees the most similar
other reports. Similarity combines

- the free text (situation, beteiligte Stellen, versucht, Vorschlag): TF-IDF vectors
  (scikit-learn ``TfidfVectorizer``) over the terms of the portal's German text analysis
  (portal/text_analysis.py, the same as the search's: folding, stop words, Snowball stems and
  compound parts), compared by cosine; and
- the structured answers: same Thema, shared kinds of barrier (Hürden), Rechtskreise, Kommunen
  and Zielgruppen (Jaccard overlap, weighted).

Everything runs in the process, no external service. The vectoriser is fitted on the submitted
reports at each call (two queries, whatever the number of reports; a few thousand reports take
well under a second). The function does not check who asks: callers show the result only to
those who may see all reports (the coordination).
"""

from collections.abc import Callable, Iterable

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from forms.models import Meldebogen
from portal.text_analysis import analyse

TEXT_WEIGHT = 0.6
STRUCTURE_WEIGHT = 0.4
# Weights of the structured answers within STRUCTURE_WEIGHT.
FIELD_WEIGHTS = {
    "thema": 0.4,
    "huerden": 0.25,
    "rechtskreise": 0.15,
    "kommunen": 0.1,
    "zielgruppen": 0.1,
}


def german_analyzer() -> Callable[[str], list[str]]:
    """The terms of a text for TF-IDF: whole words and compound parts, as the search indexes
    them (a report about "Einbürgerungsbehörde" shares the term "behord" with one about the
    "Behörde")."""

    def terms(text: str) -> list[str]:
        return [token.term for token in analyse(text)]

    return terms


def report_text(meldebogen: Meldebogen) -> str:
    return " ".join(getattr(meldebogen, name) or "" for name in Meldebogen.FREE_TEXT_FIELDS)


def _features(meldebogen: Meldebogen, kommunen: Iterable[int]) -> dict[str, set]:
    return {
        "thema": {meldebogen.thema_id} if meldebogen.thema_id else set(),
        "huerden": set(meldebogen.huerden or []),
        "rechtskreise": set(meldebogen.rechtskreise or []),
        "kommunen": set(kommunen),
        "zielgruppen": set(meldebogen.zielgruppen or []),
    }


def structured_similarity(a: dict[str, set], b: dict[str, set]) -> float:
    """Weighted Jaccard overlap of the structured answers, over the fields ``a`` has."""
    total = 0.0
    weights = 0.0
    for field, weight in FIELD_WEIGHTS.items():
        if not a[field]:
            continue
        weights += weight
        union = a[field] | b[field]
        total += weight * len(a[field] & b[field]) / len(union)
    return total / weights if weights else 0.0


def similar_reports(meldebogen: Meldebogen, limit: int = 5) -> list[tuple[Meldebogen, float]]:
    """The ``limit`` submitted reports most similar to ``meldebogen``, best first, with a score
    between 0 and 1. Works for saved and unsaved reports (drafts included); never returns the
    report itself, never drafts, and no report with a score of 0."""
    candidates = list(
        Meldebogen.objects.submitted()
        .exclude(pk=meldebogen.pk)
        .select_related("thema")
        .prefetch_related("kommunen")
        .order_by("pk")
    )
    if not candidates or limit <= 0:
        return []
    own_kommunen = [k.pk for k in meldebogen.kommunen.all()] if meldebogen.pk else []

    documents = [report_text(meldebogen)] + [report_text(m) for m in candidates]
    text_scores = [0.0] * len(candidates)
    if documents[0].strip():
        vectorizer = TfidfVectorizer(analyzer=german_analyzer(), sublinear_tf=True)
        try:
            matrix = vectorizer.fit_transform(documents)
        except ValueError:  # no word left after stop words: no text similarity
            matrix = None
        if matrix is not None:
            # Rows are L2-normalised, so the linear kernel is the cosine.
            text_scores = linear_kernel(matrix[0:1], matrix[1:]).ravel().tolist()

    own = _features(meldebogen, own_kommunen)
    scored = []
    for candidate, text_score in zip(candidates, text_scores, strict=True):
        other = _features(candidate, (k.pk for k in candidate.kommunen.all()))
        score = TEXT_WEIGHT * text_score + STRUCTURE_WEIGHT * structured_similarity(own, other)
        if score > 0:
            scored.append((candidate, round(float(score), 4)))
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
