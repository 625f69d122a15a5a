"""Search provider of the KIM cycle (cycle app, registered from ``CycleConfig.ready``):
Fallrekonstruktionen and generative Themen, for those who steer the cycle
(``cycle.permissions.MANAGE_CYCLE``, the rule of its views).

Names and e-mail addresses of the people invited to a Fallrekonstruktion and its moderator are
not indexed. Facets come from the reports behind them: their Kommunen and Themen.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch
from django.utils import timezone

from cycle.permissions import MANAGE_CYCLE
from search.registry import BODY, HEADING, IndexEntry, Provider, register


def _url(obj) -> str:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # cycle views not (yet) mounted
        return ""


def _report_facets(meldeboegen) -> dict[str, list[tuple[str, str]]]:
    kommunen: dict[str, str] = {}
    themen: set[str] = set()
    for meldebogen in meldeboegen:
        kommunen.update((k.slug, k.name) for k in meldebogen.kommunen.all())
        if meldebogen.thema_id:
            themen.add(meldebogen.thema.name)
    facets = {
        "kommune": sorted(kommunen.items()),
        "handlungsfeld": [(name, name) for name in sorted(themen)],
    }
    return {name: values for name, values in facets.items() if values}


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, "")) if value else ""


class FallrekonstruktionProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("cycle", "Fallrekonstruktion")

    def queryset(self):
        return self.model.objects.prefetch_related(
            "teilnahmen__organisation",
            "schritte__organisation",
            "meldeboegen__kommunen",
            "meldeboegen__thema",
        )

    def entry(self, obj) -> IndexEntry | None:
        from forms.models import Rechtskreis

        parts: list[tuple[str, float]] = [
            (obj.get_status_display(), HEADING),
            (", ".join(str(t.organisation) for t in obj.teilnahmen.all()), HEADING),
            (obj.purpose, BODY),
            (obj.place, BODY),
        ]
        for schritt in obj.schritte.all():
            parts.append((schritt.stelle_label, HEADING))
            parts.append((_label(Rechtskreis.choices, schritt.rechtskreis), BODY))
            parts.append((schritt.geschehen, BODY))
            parts.append((schritt.bruch, BODY))
        parts.append((obj.findings, BODY))
        return IndexEntry(
            title=obj.title,
            url=_url(obj),
            kind="fallrekonstruktion",
            kind_label="Fallrekonstruktion",
            principals={MANAGE_CYCLE.principal},
            parts=[(text, weight) for text, weight in parts if text],
            date=obj.date,
            location="KIM-Zyklus › Fallrekonstruktionen",
            facets=_report_facets(obj.meldeboegen.all()),
        )

    def dependents(self, obj):
        # A theme's entry names its reconstructions.
        return list(obj.generative_themen.all())


class GenerativesThemaProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("cycle", "GenerativesThema")

    def queryset(self):
        return self.model.objects.prefetch_related(
            "stellen",
            "fallrekonstruktionen",
            "meldeboegen__kommunen",
            "meldeboegen__thema",
        )

    def entry(self, obj) -> IndexEntry | None:
        parts: list[tuple[str, float]] = [
            (obj.get_status_display(), HEADING),
            (", ".join(obj.rechtskreise_labels()), HEADING),
            (", ".join(str(s) for s in obj.stellen.all()), HEADING),
            (obj.description, BODY),
            (", ".join(f.title for f in obj.fallrekonstruktionen.all()), BODY),
        ]
        created = obj.created_at
        return IndexEntry(
            title=obj.title,
            url=_url(obj),
            kind="generatives-thema",
            kind_label="Generatives Thema",
            principals={MANAGE_CYCLE.principal},
            parts=[(text, weight) for text, weight in parts if text],
            date=timezone.localdate(created) if created else None,
            location="KIM-Zyklus › Generative Themen",
            facets=_report_facets(obj.meldeboegen.all()),
            boost=0.9 if obj.is_closed else 1.0,
        )


def register_provider() -> None:
    for provider_class in (FallrekonstruktionProvider, GenerativesThemaProvider):
        try:
            register(provider_class())
        except LookupError:  # model not (yet) in cycle
            continue
