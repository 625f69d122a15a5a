"""Links of agenda items to documents and pages, shown only where the viewer may follow them.

- a space document (a Gremiumsdokument) links to the spaces download view if the viewer may see
  that document's Gremium;
- another (knowledge) document links to Wagtail's document URL if the viewer passes the view
  restrictions of its collection (password restrictions are never passed in listings);
- a page links if it is live and not in a restricted section hidden from the viewer
  (portal.privacy, the portal's one page rule).

All checks run with a fixed number of queries for any number of agenda items.
"""

from dataclasses import dataclass

from wagtail.models import CollectionViewRestriction

from portal.capabilities import user_group_ids
from portal.privacy import can_view_page
from spaces.models import Gremium


@dataclass
class Link:
    label: str
    url: str
    kind: str  # "Dokument" or "Seite"


def _passes_collection(document, restrictions, user, group_ids: set[int]) -> bool:
    path = document.collection.path
    for restriction in restrictions:
        if not path.startswith(restriction.collection.path):
            continue
        if user.is_superuser:
            continue
        if restriction.restriction_type == CollectionViewRestriction.LOGIN:
            if not user.is_authenticated:
                return False
        elif restriction.restriction_type == CollectionViewRestriction.GROUPS:
            if not any(group.pk in group_ids for group in restriction.groups.all()):
                return False
        else:
            return False
    return True


def agenda_links(request, tagesordnung) -> dict[int, list[Link]]:
    """Per agenda item id, the links the request's user may follow.

    ``tagesordnung`` must be fetched with
    ``select_related("document__collection", "document__gremiumsdokument__gremium", "page")``.
    """
    user = request.user
    result: dict[int, list[Link]] = {}
    tops = list(tagesordnung)
    if not any(top.document_id or top.page_id for top in tops):
        return {top.pk: [] for top in tops}
    visible_gremien = set(Gremium.objects.visible_to(user).values_list("pk", flat=True))
    restrictions = list(
        CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
    )
    group_ids = user_group_ids(user)
    for top in tops:
        links: list[Link] = []
        document = top.document
        if document is not None:
            space_document = getattr(document, "gremiumsdokument", None)
            if space_document is not None:
                if space_document.gremium_id in visible_gremien:
                    url = space_document.get_absolute_url()
                    links.append(Link(document.title, url, "Dokument"))
            elif _passes_collection(document, restrictions, user, group_ids):
                links.append(Link(document.title, document.url, "Dokument"))
        page = top.page
        if page is not None and can_view_page(user, page):
            url = page.get_url(request)
            if url:
                links.append(Link(page.title, url, "Seite"))
        result[top.pk] = links
    return result
