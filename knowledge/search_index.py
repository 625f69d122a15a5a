"""Content of the knowledge app besides its pages.

- Kooperationsvereinbarungen (organisations: ``search_directory.py``) are routes of the knowledge
  index page (Wissen), so they inherit its page privacy.
- Wagtail documents (``knowledge.KnowledgeDocument``): title, tags and the text read from the
  file (``extracted_text``). Wagtail serves a document under the privacy of its collection
  (``CollectionViewRestriction``, checked by ``wagtail.documents``' ``before_serve_document``
  hook), whatever page links to it; the index gives it the same principals. A change of a
  collection's restrictions reindexes the documents of that collection and its children.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from wagtail.models import BaseViewRestriction

from search.registry import (
    AUTHENTICATED,
    BODY,
    HEADING,
    IndexEntry,
    Provider,
    group_principal,
    page_principals,
    register,
    reindex,
)

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
    return page_principals(page), page.path


class AgreementProvider(Provider):
    def host_page(self):
        return knowledge_index()

    def __init__(self) -> None:
        self.model = apps.get_model("knowledge", "Kooperationsvereinbarung")

    def queryset(self):
        # Only published agreements: drafts live in revisions, never-published rows are not live.
        return self.model.objects.filter(live=True).select_related("kommune", "organisation")

    def entry(self, obj) -> IndexEntry | None:
        if not obj.live:
            return None
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


def collection_principals(collection) -> set[str]:
    """Principals that pass every view restriction of the collection and its ancestors
    (Wagtail's rule when it serves the document): login -> every logged-in user, groups ->
    the groups named in all of them, password -> nobody in search."""
    allowed: set[int] | None = None
    for restriction in collection.get_view_restrictions().prefetch_related("groups"):
        if restriction.restriction_type == BaseViewRestriction.PASSWORD:
            return set()
        if restriction.restriction_type == BaseViewRestriction.GROUPS:
            groups = {g.id for g in restriction.groups.all()}
            allowed = groups if allowed is None else allowed & groups
    if allowed is None:
        return {AUTHENTICATED}
    return {group_principal(g) for g in allowed}


class DocumentProvider(Provider):
    def __init__(self) -> None:
        from wagtail.documents import get_document_model

        self.model = get_document_model()

    def queryset(self):
        return self.model.objects.select_related("collection").prefetch_related("tags")

    def entry(self, obj) -> IndexEntry | None:
        if getattr(obj, "gremiumsdokument", None) is not None:
            return (
                None  # shared in a Gremium: indexed under the space's rule (spaces/search_index.py)
            )
        collection = obj.collection
        tags = ", ".join(sorted(tag.name for tag in obj.tags.all()))
        location = "Dokumente"
        if collection is not None and not collection.is_root():
            location = f"Dokumente › {collection.name}"
        stamp = getattr(obj, "created_at", None)
        return IndexEntry(
            title=obj.title,
            url=obj.url,
            kind="dokument",
            kind_label="Dokument",
            principals=collection_principals(collection) if collection else {AUTHENTICATED},
            parts=[
                (text, weight)
                for text, weight in ((tags, HEADING), (getattr(obj, "search_text", ""), BODY))
                if text
            ],
            date=timezone.localdate(stamp) if stamp else None,
            location=location,
        )

    def dependents(self, obj):
        # A new file of a space's document changes the space's entry (spaces/search_index.py).
        shared = getattr(obj, "gremiumsdokument", None)
        return [shared] if shared is not None else []


def _reindex_collection_documents(collection_id) -> None:
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    collection = Collection.objects.filter(pk=collection_id).first()
    if collection is None:
        return
    subtree = Collection.objects.descendant_of(collection, inclusive=True)
    for document in get_document_model().objects.filter(collection__in=subtree).only("pk"):
        reindex(document)


def _on_collection_restriction_changed(sender, instance, **kwargs) -> None:
    _reindex_collection_documents(instance.collection_id)


def _on_collection_restriction_groups_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and hasattr(instance, "collection_id"):
        _reindex_collection_documents(instance.collection_id)


def _connect_collection_privacy() -> None:
    from wagtail.models import CollectionViewRestriction

    for signal, uid in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            _on_collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"search_collection_restriction_{uid}",
        )
    m2m_changed.connect(
        _on_collection_restriction_groups_changed,
        sender=CollectionViewRestriction.groups.through,
        dispatch_uid="search_collection_restriction_groups",
    )


def register_provider() -> None:
    register(DocumentProvider())
    _connect_collection_privacy()
    try:
        register(AgreementProvider())
    except LookupError:  # knowledge without agreements
        return
