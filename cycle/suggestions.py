"""Theme suggestions for a report: the themes its most similar, already assigned reports
belong to (similarity from forms.similarity, the triage's text and field similarity)."""

from dataclasses import dataclass, field

from cycle.models import GenerativesThema
from forms.models import Meldebogen

SIMILAR_REPORTS = 5


@dataclass
class ThemaVorschlag:
    thema: GenerativesThema
    score: float
    because_of: list[Meldebogen] = field(default_factory=list)


def suggest_themes(meldebogen: Meldebogen, limit: int = 3) -> list[ThemaVorschlag]:
    """Open themes the most similar reports belong to (directly or through a reconstruction),
    ranked by the summed similarity; themes the report is already in are left out."""
    from forms.similarity import similar_reports

    similar = [(mb, score) for mb, score in similar_reports(meldebogen, limit=SIMILAR_REPORTS)]
    if not similar:
        return []
    by_pk = {mb.pk: (mb, score) for mb, score in similar}
    pairs = set(
        GenerativesThema.meldeboegen.through.objects.filter(meldebogen_id__in=by_pk).values_list(
            "generativesthema_id", "meldebogen_id"
        )
    )
    pairs.update(
        GenerativesThema.objects.filter(fallrekonstruktionen__meldeboegen__in=by_pk).values_list(
            "pk", "fallrekonstruktionen__meldeboegen"
        )
    )
    if not pairs:
        return []
    own = set(GenerativesThema.objects.for_meldebogen(meldebogen.pk).values_list("pk", flat=True))
    themen = GenerativesThema.objects.open().exclude(pk__in=own).in_bulk({t for t, _ in pairs})
    vorschlaege: dict[int, ThemaVorschlag] = {}
    for thema_id, mb_id in sorted(pairs):
        if thema_id not in themen:
            continue
        mb, score = by_pk[mb_id]
        item = vorschlaege.setdefault(thema_id, ThemaVorschlag(themen[thema_id], 0.0))
        item.score += score
        item.because_of.append(mb)
    ranked = sorted(vorschlaege.values(), key=lambda v: (-v.score, v.thema.title))
    for item in ranked:
        item.because_of.sort(key=lambda mb: -by_pk[mb.pk][1])
    return ranked[:limit]
