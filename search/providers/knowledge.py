"""Content shown under the knowledge index page (Wissen): organisations of the directory and
Kooperationsvereinbarungen. Both are routes of that page, so they inherit its page privacy."""

from __future__ import annotations

from django.apps import apps

from search.registry import AUTHENTICATED, BODY, HEADING, IndexEntry, Provider, register

#: Authority of agreements in force.
SIGNED_BOOST = 1.2


def knowledge_index():
    """The live knowledge index page (Wissen), or None."""
    try:
        model = apps.get_model("knowledge", "KnowledgeIndexPage")
    except LookupError:
        return None
    return model.objects.live().first()


def route_url(page, route: str) -> str:
    base = (page.get_url() or "") if page is not None else ""
    return f"{base}{route}" if base else ""


def page_visibility(page) -> tuple[set[str], str]:
    """Principals and tree path of the page whose routes show the content."""
    if page is None:
        return {AUTHENTICATED}, ""
    from search.providers.pages import page_principals

    return page_principals(page), page.path


class AgreementProvider(Provider):
    def host_page(self):
        return knowledge_index()

    def __init__(self) -> None:
        self.model = apps.get_model("knowledge", "Kooperationsvereinbarung")

    def queryset(self):
        return self.model.objects.select_related("kommune", "organisation")

    def entry(self, obj) -> IndexEntry | None:
        page = knowledge_index()
        principals, path = page_visibility(page)
        parts = [
            (obj.get_status_display(), HEADING),
            (obj.kommune.name, HEADING),
            (obj.organisation.name if obj.organisation_id else "", HEADING),
            (obj.parties, BODY),
        ]
        signed = obj.status in {"unterzeichnet", "in_evaluation"}
        return IndexEntry(
            title=str(obj),
            url=route_url(page, f"vereinbarungen/{obj.pk}/"),
            kind="vereinbarung",
            kind_label="Kooperationsvereinbarung",
            principals=principals,
            parts=[(text, weight) for text, weight in parts if text],
            date=obj.signed_on or obj.valid_from,
            location="Wissen › Kooperationsvereinbarungen",
            facets={"kommune": [(obj.kommune.slug, obj.kommune.name)]},
            boost=SIGNED_BOOST if signed else 1.0,
            page_path=path,
        )


def register_provider() -> None:
    try:
        register(AgreementProvider())
    except LookupError:  # knowledge without agreements
        return
