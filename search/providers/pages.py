"""Every live Wagtail page: title, Wagtail ``search_fields`` text, headings, page privacy
(``portal.privacy``, applied at query time through the entry's ``page_path``)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.search import index

from portal import privacy
from search.entries import (
    BODY,
    HEADING,
    IndexEntry,
    Provider,
    register,
)

#: Authority of binding documents (model label -> boost).
AUTHORITY = {
    "knowledge.handlungskonzeptpage": 1.4,
    "knowledge.faqpage": 1.15,
}
#: Fields whose text is treated as headings rather than body text.
HEADING_BLOCKS = frozenset({"heading", "ueberschrift", "chapter_heading", "section_heading"})
DATE_FIELDS = ("stand", "date", "published_on")


def _texts(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return [str(value)]


def _clean(text: str) -> str:
    return strip_tags(text) if "<" in text else text


def _stream_parts(value: StreamValue) -> list[tuple[str, float]]:
    parts: list[tuple[str, float]] = []
    for child in value:
        weight = HEADING if child.block_type in HEADING_BLOCKS else BODY
        content = child.block.get_searchable_content(child.value)
        parts.extend((_clean(text), weight) for text in content if text)
    return parts


def _field_parts(obj, fields) -> list[tuple[str, float]]:
    parts: list[tuple[str, float]] = []
    for search_field in fields:
        if isinstance(search_field, index.SearchField):
            if search_field.field_name == "title" and isinstance(obj, Page):
                continue
            raw = getattr(obj, search_field.field_name, None)
            if isinstance(raw, StreamValue):
                parts.extend(_stream_parts(raw))
                continue
            boost = getattr(search_field, "boost", None) or 1
            weight = HEADING if boost >= 2 else BODY
            parts.extend((_clean(t), weight) for t in _texts(search_field.get_value(obj)) if t)
        elif isinstance(search_field, index.RelatedFields):
            related = getattr(obj, search_field.field_name, None)
            if related is None:
                continue
            objects = related.all() if hasattr(related, "all") else [related]
            for item in objects:
                parts.extend(_field_parts(item, search_field.fields))
    return parts


def page_principals(page: Page) -> set[str]:
    """Principals of a page (``portal.privacy.page_principals``); its view restrictions are
    decided per reader at query time by ``portal.privacy.hidden_page_paths`` on the entry's
    ``page_path``: the very function the views, menus and feeds ask (one copy of the rule)."""
    return privacy.page_principals(page)


def _page_date(page: Page) -> datetime.date | None:
    for name in DATE_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, datetime.datetime):
            return timezone.localdate(value) if timezone.is_aware(value) else value.date()
        if isinstance(value, datetime.date):
            return value
    stamp = page.last_published_at or page.first_published_at
    return timezone.localdate(stamp) if stamp else None


def _related_facet(page: Page, names: tuple[str, ...], value_attr: str) -> list[tuple[str, str]]:
    values: list[tuple[str, str]] = []
    for name in names:
        related = getattr(page, name, None)
        if related is None:
            continue
        objects = related.all() if hasattr(related, "all") else [related]
        for obj in objects:
            if isinstance(obj, models.Model):
                values.append((str(getattr(obj, value_attr, obj.pk)), str(obj)))
    return values


class PageProvider(Provider):
    model = Page

    def queryset(self):
        return Page.objects.live().filter(depth__gt=1).specific()

    def get_object(self, pk):
        return Page.objects.filter(pk=pk).specific().first()

    def entry(self, obj) -> IndexEntry | None:
        page = obj.specific if type(obj) is Page else obj
        if not page.live or page.depth <= 1:
            return None
        url = page.get_url() or ""
        if not url:
            return None
        parts: list[tuple[str, float]] = []
        if page.search_description:
            parts.append((page.search_description, BODY))
        parts.extend(_field_parts(page, page.search_fields))
        ancestors = (
            Page.objects.ancestor_of(page).filter(depth__gt=1).values_list("title", flat=True)
        )
        facets = {
            "kommune": _related_facet(page, ("kommune", "kommunen"), "slug"),
            "handlungsfeld": _related_facet(page, ("handlungsfeld", "handlungsfelder"), "pk"),
        }
        label = page.specific_class._meta
        return IndexEntry(
            title=page.title,
            url=url,
            kind=label.label_lower.replace(".", "-"),
            kind_label=str(label.verbose_name),
            principals=page_principals(page),
            parts=parts,
            date=_page_date(page),
            location=" › ".join(ancestors),
            facets={name: values for name, values in facets.items() if values},
            boost=getattr(page, "search_boost", AUTHORITY.get(label.label_lower, 1.0)),
            page_path=page.path,
        )


def register_provider() -> None:
    register(PageProvider())
