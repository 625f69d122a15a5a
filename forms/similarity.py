"""Similar reports: which other Meldebögen describe the same barrier?

The coordination collects reports by theme; on a report's triage view it sees the most similar
other reports. Similarity combines

- the free text (situation, beteiligte Stellen, versucht, Vorschlag): TF-IDF vectors
  (scikit-learn ``TfidfVectorizer``) over German word stems (Snowball via PyStemmer), stop words
  removed, compared by cosine; and
- the structured answers: same Thema, shared kinds of barrier (Hürden), Rechtskreise, Kommunen
  and Zielgruppen (Jaccard overlap, weighted).

Everything runs in the process, no external service. The vectoriser is fitted on the submitted
reports at each call (two queries, whatever the number of reports; a few thousand reports take
well under a second). The function does not check who asks: callers show the result only to
those who may see all reports (the coordination).
"""

import re
from collections.abc import Iterable

import Stemmer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from forms.models import Meldebogen

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

WORD = re.compile(r"[a-zäöüß]+")
# Split from one string to keep the list readable.
STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch
    auf aus bei beim bereits bin bis bisher bist da dabei dadurch dafür damit dann darauf daran
    darf darum das dass dem den denen der derzeit des deshalb dessen die dies diese diesem diesen
    dieser dieses doch dort durch ein eine einem einen einer eines einige er es etwa etwas euch
    für gab gibt hat hatte hatten hier ihr ihre ihrem ihren ihrer im immer in ins ist ja jede
    jedem jeden jeder jedes jetzt kann kein keine keinem keinen keiner können könnte man mehr
    mit muss müssen nach nicht nichts noch nur ob oder oft ohne schon sehr sein seine seinem
    seinen seiner seit sich sie sind so sollen soll sowie über um und uns unter viel vom von
    vor wann war waren warum was weil wenn wer werden wie wieder wir wird wo wurde wurden zu
    zum zur zwischen
    """.split()  # noqa: SIM905
)


def german_analyzer() -> callable:
    """Tokenise, drop stop words and short words, stem (Snowball German)."""
    stemmer = Stemmer.Stemmer("german")

    def analyse(text: str) -> list[str]:
        words = [w for w in WORD.findall(text.lower()) if len(w) > 2 and w not in STOP_WORDS]
        return stemmer.stemWords(words)

    return analyse


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
