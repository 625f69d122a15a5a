"""Search providers of the Verteilungsschlüssel (registered from ``VerteilungConfig.ready``):
adopted keys for everyone who may read them (``READ``, the rule of the views), drafts and
scenarios only for the coordination (``MANAGE``); the Zuständigkeiten of the case managers for
everyone who reads the directory of advice services, where they are shown (the panel of the
chosen Kommune), with the privacy of the knowledge page that hosts the directory."""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch

from knowledge.search_index import knowledge_index, page_visibility, route_url
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


class ZustaendigkeitProvider(Provider):
    """A case manager, found by name, Kommune, consultation days or place; the hit opens the
    directory with the Kommune chosen (no directory, no entry: there is nowhere to read it)."""

    def __init__(self) -> None:
        self.model = apps.get_model("verteilung", "Zustaendigkeit")

    def queryset(self):
        return self.model.objects.select_related("kommune")

    def host_page(self):
        return knowledge_index()

    def entry(self, obj) -> IndexEntry | None:
        page = knowledge_index()
        url = route_url(page, f"verzeichnis/?kommune={obj.kommune.slug}")
        if not url:
            return None
        principals, path = page_visibility(page)
        parts = [
            (f"KIM-Case-Management in {obj.kommune.name}", HEADING),
            (f"Sprechtage: {obj.sprechtage}", BODY),
            (f"Ort: {obj.ort}", BODY),
            (obj.kontakt, BODY),
        ]
        return IndexEntry(
            title=obj.person,
            url=url,
            kind="zustaendigkeit",
            kind_label="Case Management",
            principals=principals,
            page_path=path,
            parts=[(text, weight) for text, weight in parts if text],
            location="Verzeichnis der Beratungsangebote",
            facets={"kommune": [(obj.kommune.slug, obj.kommune.name)]},
        )


def register_provider() -> None:
    register(SchluesselProvider())
    register(ZustaendigkeitProvider())
