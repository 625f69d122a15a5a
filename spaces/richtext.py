"""Rich text of the minutes' discussion (``Protokollpunkt.discussion``, a Wagtail RichTextField).

One allow-list for every way text comes in (the portal's minutes editor, a Berichtigung, the
admin): paragraphs, line breaks, bold, italic, bullet and numbered lists and links, nothing
else (no headings, no attributes but a link's target). The stored format is Wagtail's own
(``<b>``, ``<i>``, ``<a href>`` or an internal ``<a linktype="page" id="…">``), so the admin's
Draftail editor and the portal show the same thing; ``{{ value|richtext }}`` renders it.

Plain text is accepted too (the editor without JavaScript, old minutes): without any block
element, blank lines separate paragraphs and single line breaks stay ``<br>``.
"""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

#: The features of the admin's editor; the same as the allow-list below.
FEATURES = ["bold", "italic", "ol", "ul", "link"]

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_BLOCK = re.compile(r"<(p|ul|ol)\b", re.IGNORECASE)
_RENAME = (
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
)
_TEXT_BREAKS = re.compile(r"<br\s*/?>|</p>|</li>|</ul>|</ol>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def sanitize(value: str) -> str:
    """``value`` (HTML or plain text) reduced to the allow-list, in Wagtail's storage format.

    Empty (or only empty paragraphs) gives ``""``."""
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    ).strip()
    for pattern, replacement in _RENAME:
        cleaned = pattern.sub(replacement, cleaned)
    if not to_text(cleaned).strip():
        return ""
    if not _BLOCK.search(cleaned):
        paragraphs = [p.strip() for p in re.split(r"\r?\n\s*\n", cleaned) if p.strip()]
        cleaned = "".join("<p>" + re.sub(r"\s*\r?\n\s*", "<br>", p) + "</p>" for p in paragraphs)
    return cleaned


def to_text(value: str) -> str:
    """The text of rich text (for search, diffs and plain-text mails): paragraphs and list
    items on lines of their own, list items with "– "."""
    text = _LIST_ITEM.sub("– ", value or "")
    text = _TEXT_BREAKS.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    return re.sub(r"\n{2,}", "\n", text).strip()


def plain_to_html(text: str) -> str:
    """Plain text with paragraphs by blank lines as rich text (escaped); for old records."""
    return sanitize(html.escape(text or "", quote=False))


def render(value: str) -> SafeString:
    """Rich text for a page: sanitised once more, then Wagtail's link expansion."""
    from wagtail.rich_text import expand_db_html

    return mark_safe(expand_db_html(sanitize(value)))  # noqa: S308 - sanitised above
