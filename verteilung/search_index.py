"""Search provider of the Verteilungsschlüssel (registered from ``VerteilungConfig.ready``):
adopted keys for everyone who may read them (``READ``, the rule of the views), drafts and
scenarios only for the coordination (``MANAGE``)."""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch

from search.registry import BODY, HEADING, IndexEntry, Provider, register
from verteilung.permissions import MANAGE, READ


class SchluesselProvider(Provider):
    def __init__(self) -> None:
        self.model = apps.get_model("verteilung", "Verteilungsschluessel")

    def queryset(self):
        return self.model.objects.select_related("beschluss").prefetch_related(
            "gewichtungen__indikator"
        )

    def entry(self, obj) -> IndexEntry | None:
        try:
            url = obj.get_absolute_url()
        except NoReverseMatch:
            url = ""
        adopted = not obj.is_entwurf
        weights = ", ".join(f"{g.indikator.name} {g.gewicht:n} %" for g in obj.gewichtungen.all())
        parts = [
            (f"Verteilungsschlüssel {obj.get_status_display()}", HEADING),
            (f"Datenjahr {obj.datenjahr}, {obj.gesamt_vzae:n} VZÄ Case Management", HEADING),
            (weights, BODY),
            (obj.erlaeuterung, BODY),
        ]
        if adopted and obj.beschluss_id:
            parts.append((f"Beschluss {obj.beschluss.number}", HEADING))
        names = [z["name"] for z in (obj.ergebnis or {}).get("zeilen", [])] if adopted else []
        if names:
            parts.append((", ".join(names), BODY))
        return IndexEntry(
            title=obj.titel,
            url=url,
            kind="verteilungsschluessel",
            kind_label="Verteilungsschlüssel",
            principals={READ.principal, MANAGE.principal} if adopted else {MANAGE.principal},
            parts=[(text, weight) for text, weight in parts if text],
            date=obj.in_kraft_seit or obj.erstellt_am.date(),
            location="Verteilungsschlüssel",
            boost=1.2 if obj.status == obj.Status.IN_KRAFT else 1.0,
        )


def register_provider() -> None:
    register(SchluesselProvider())
