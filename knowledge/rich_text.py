"""Rich-text links to one section of a Handlungskonzept ("Abschnitt verlinken").

Wagtail's page links cannot carry an anchor, so this is an own link type, stored as
``<a linktype="handlungskonzept-section" id="42" anchor="abschnitt-3f2a9c1e">…</a>`` and rendered
as ``<a href="/wissensbasis/handlungskonzept/#abschnitt-3f2a9c1e">``; the anchor is the block's
stable id (``knowledge.sections``), and links stored with an old numbered anchor
(``kapitel-3-2``) are rendered with the current anchor of the section they meant. Editors pick
the section in a chooser (``views.section_chooser``, Draftail entity ``HANDLUNGSKONZEPT_SECTION`` in
``static/knowledge/js/section-link.js``).

Privacy: a link is rendered only if the reader may see the target page; otherwise only its text
remains (``<a>`` without ``href``). Rich text is rendered without a request, so the reader is
remembered while Wagtail serves a page (hook ``before_serve_page``) and forgotten when the
request ends. Where no reader is known, only links to pages every logged-in user may see are
rendered.
"""

from contextvars import ContextVar

from django.db.models import Model
from django.utils.html import escape
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.models import PageViewRestriction
from wagtail.rich_text import LinkHandler

from portal.privacy import can_view_page

FEATURE_NAME = "handlungskonzept-section"
LINK_TYPE = "handlungskonzept-section"
ENTITY_TYPE = "HANDLUNGSKONZEPT_SECTION"

_reader: ContextVar = ContextVar("knowledge_rich_text_reader", default=None)
# Target pages loaded during the current request: one query per Handlungskonzept, not per link.
_pages: ContextVar = ContextVar("knowledge_rich_text_pages", default=None)


def remember_reader(user) -> None:
    _reader.set(user)
    _pages.set({})


def forget_reader(**kwargs) -> None:
    _reader.set(None)
    _pages.set(None)


def visible_to_reader(page) -> bool:
    reader = _reader.get()
    if reader is not None:
        return can_view_page(reader, page)
    # No reader known: only what every logged-in user may see.
    return page.live and all(
        restriction.restriction_type == PageViewRestriction.LOGIN
        for restriction in page.get_view_restrictions()
    )


def section_url(page, anchor: str) -> str:
    """The page's URL with the section's current anchor, if that section (still) exists."""
    url = page.url or ""
    current = page.anchor_for(anchor) if anchor else None
    return f"{url}#{current}" if current else url


class HandlungskonzeptSectionLinkHandler(LinkHandler):
    identifier = LINK_TYPE

    @staticmethod
    def get_model() -> type[Model]:
        from knowledge.models import HandlungskonzeptPage

        return HandlungskonzeptPage

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model | None]:
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        cache = _pages.get()
        pages = dict(cache) if cache is not None else {}
        missing = {int(i) for i in ids if i.isdigit()} - pages.keys()
        if missing:
            # One query with all fields (Page.objects.in_bulk would load the page and then
            # its deferred body and legacy_anchors one by one).
            found = {page.pk: page for page in cls.get_model().objects.filter(pk__in=missing)}
            pages.update({pk: found.get(pk) for pk in missing})
            if cache is not None:
                cache.update(pages)
        return [pages.get(int(i)) if i.isdigit() else None for i in ids]

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        tags = []
        for attrs, page in zip(attrs_list, cls.get_many(attrs_list), strict=True):
            if page is None or not visible_to_reader(page):
                tags.append("<a>")
            else:
                tags.append(f'<a href="{escape(section_url(page, attrs.get("anchor", "")))}">')
        return tags

    @classmethod
    def extract_references(cls, attrs):
        yield cls.get_model(), attrs["id"], "", ""


class SectionLinkElementHandler(LinkElementHandler):
    """Database HTML -> Draftail entity (for the editor)."""

    def get_attribute_data(self, attrs):
        from knowledge.models import HandlungskonzeptPage

        anchor = attrs.get("anchor", "")
        page = HandlungskonzeptPage.objects.filter(pk=attrs.get("id")).first()
        return {
            "id": int(attrs["id"]) if str(attrs.get("id", "")).isdigit() else None,
            "anchor": anchor,
            "url": f"{page.url or ''}#{anchor}" if page else None,
            "title": page.title if page else "",
        }


def section_link_entity(props) -> object:
    """Draftail entity -> database HTML."""
    return DOM.create_element(
        "a",
        {"linktype": LINK_TYPE, "id": props.get("id"), "anchor": props.get("anchor", "")},
        props["children"],
    )


CONTENTSTATE_RULE = {
    "from_database_format": {f'a[linktype="{LINK_TYPE}"]': SectionLinkElementHandler(ENTITY_TYPE)},
    "to_database_format": {"entity_decorators": {ENTITY_TYPE: section_link_entity}},
}


def section_chooser(request):
    """Admin modal: the Handlungskonzepte the editor may see, with chapters and sections."""
    from wagtail.admin.modal_workflow import render_modal_workflow

    from knowledge.models import HandlungskonzeptPage
    from portal.privacy import visible_pages

    konzepte = visible_pages(request.user, HandlungskonzeptPage.objects.all()).order_by("title")
    return render_modal_workflow(
        request,
        "knowledge/admin/section_chooser.html",
        None,
        {"konzepte": konzepte},
        json_data={"step": "choose"},
    )
