"""StreamField blocks of the knowledge base: guidance bodies and the Handlungskonzept's chapters."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.rich_text import features

from portal.privacy import can_open_document, can_view_page

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "handlungskonzept-section",
    "document-link",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Überschrift"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Zwischenüberschrift")), ("h3", _("Unterüberschrift"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "knowledge/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted note; its kind is always spelled out in text, never shown by colour alone."""

    kind = blocks.ChoiceBlock(
        label=_("Art"),
        choices=[("hinweis", _("Hinweis")), ("wichtig", _("Wichtig")), ("tipp", _("Tipp"))],
        default="hinweis",
    )
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Hinweiskasten")
        template = "knowledge/blocks/callout.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["kind_label"] = dict(self.child_blocks["kind"].field.choices).get(value["kind"], "")
        return context


class TableBlock(blocks.StructBlock):
    """A simple accessible table: caption, column headings, rows of text cells.

    Our own block instead of wagtail.contrib.table_block / typed_table_block, which need an
    entry in INSTALLED_APPS for their admin scripts and templates; this one renders with
    caption and th/scope and needs no JavaScript.
    """

    caption = blocks.CharBlock(
        label=_("Tabellenüberschrift"),
        max_length=200,
        help_text=_("Beschreibt den Inhalt der Tabelle, wird von Screenreadern vorgelesen."),
    )
    columns = blocks.ListBlock(
        blocks.CharBlock(label=_("Spaltenüberschrift"), max_length=100),
        label=_("Spaltenüberschriften"),
        min_num=1,
    )
    rows = blocks.ListBlock(
        blocks.ListBlock(
            blocks.CharBlock(label=_("Zelle"), required=False, max_length=500),
            label=_("Zeile"),
        ),
        label=_("Zeilen"),
    )
    first_column_is_header = blocks.BooleanBlock(
        label=_("Erste Spalte beschriftet die Zeilen"), required=False, default=True
    )

    class Meta:
        icon = "table"
        label = _("Tabelle")
        template = "knowledge/blocks/table.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document, shown only to readers who may open it (its collection's view
    restrictions), so the title of a restricted document never appears to others."""

    document = DocumentChooserBlock(label=_("Dokument"))
    label = blocks.CharBlock(
        label=_("Linktext"), required=False, help_text=_("Leer lassen für den Dokumenttitel.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "knowledge/blocks/document_link.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        document = value.get("document")
        context["visible"] = bool(
            document is not None
            and request is not None
            and can_open_document(request.user, document)
        )
        return context


class PageLinkBlock(blocks.StructBlock):
    """A link to another page, optionally to one section of it (e.g. #abschnitt-3f2a9c1e; an old
    numbered anchor of a Handlungskonzept such as kapitel-3-2 is rendered as the section's
    current anchor).

    The link is shown only to readers who may see the target page.
    """

    page = blocks.PageChooserBlock(label=_("Seite"))
    anchor = blocks.RegexBlock(
        label=_("Abschnitt (Sprungmarke)"),
        regex=r"^[a-z0-9-]*$",
        required=False,
        max_length=80,
        help_text=_(
            "z. B. abschnitt-3f2a9c1e: die Sprungmarke aus „Link auf Abschnitt“ im Handlungskonzept"
        ),
        error_messages={"invalid": _("Nur Kleinbuchstaben, Ziffern und Bindestriche.")},
    )
    label = blocks.CharBlock(
        label=_("Linktext"), required=False, help_text=_("Leer lassen für den Seitentitel.")
    )

    class Meta:
        icon = "link"
        label = _("Link auf eine Seite")
        template = "knowledge/blocks/page_link.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        page = value.get("page")
        context["visible"] = bool(
            page is not None and request is not None and can_view_page(request.user, page)
        )
        anchor = value.get("anchor") or ""
        # The specific page in one query (specific_deferred would read body and
        # legacy_anchors one query each), and only when there is an anchor to translate.
        anchor_for = None
        if anchor and page is not None:
            anchor_for = getattr(_section_target(page), "anchor_for", None)
        if anchor and anchor_for is not None:
            anchor = anchor_for(anchor) or ""
        context["anchor"] = anchor
        return context


def _section_target(page):
    """The specific page behind a page link, loaded through the section-link handler of rich
    text (knowledge/rich_text.py, found through Wagtail's registry) when it is a
    Handlungskonzept: block and rich-text links share one load per request."""
    handler = features.get_link_types().get("handlungskonzept-section")
    if handler is not None and page.specific_class is handler.get_model():
        return handler.get_many([{"id": page.pk}])[0] or page.specific
    return page.specific


class GuidanceBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    table = TableBlock()
    callout = CalloutBlock()
    document = DocumentLinkBlock()
    page_link = PageLinkBlock()


class SectionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Abschnittstitel"), max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Abschnitt")


class ChapterBlock(blocks.StructBlock):
    """A numbered chapter of the Handlungskonzept; numbers and anchors come from the order."""

    title = blocks.CharBlock(label=_("Kapiteltitel"), max_length=200)
    intro = blocks.RichTextBlock(
        label=_("Einleitung des Kapitels"), features=RICH_TEXT_FEATURES, required=False
    )
    sections = blocks.ListBlock(SectionBlock(), label=_("Abschnitte"))

    class Meta:
        icon = "list-ol"
        label = _("Kapitel")


class HandlungskonzeptBodyBlock(blocks.StreamBlock):
    chapter = ChapterBlock()
