"""Turn existing documents (Markdown, text, HTML, PDF, DOCX) into guidance pages.

Every format is first converted to sanitised HTML (headings, paragraphs, lists, links, tables;
scripts and styles dropped), which is then split into the blocks of a guidance page's body:
headings, rich-text paragraphs and tables. Used by ``manage.py import_knowledge``.
"""

import html
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.translation import gettext as _

from knowledge.extraction import ExtractionError, decode_text, docx_paragraphs, extract_text

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html"}
SUFFIXES |= {".htm": "html", ".pdf": "pdf", ".docx": "docx"}

ALLOWED_TAGS = {
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "ul", "ol", "li", "a"),
    *("b", "strong", "i", "em", "table", "caption", "thead", "tbody", "tr", "th", "td"),
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
INLINE_RENAMES = {"strong": "b", "em": "i"}
CELL_LENGTH = 500
CAPTION_LENGTH = 200
HEADING_LENGTH = 200


@dataclass
class ImportedDocument:
    title: str
    body: list[dict] = field(default_factory=list)


def convert_file(path: Path) -> ImportedDocument:
    """Title and body blocks of one file; raises ExtractionError (German) if it is unreadable."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ExtractionError(_("Dieses Dateiformat wird nicht unterstützt."))
    data = path.read_bytes()
    fallback_title = title_from_filename(path)
    if kind == "markdown":
        source = markdown.markdown(decode_text(data), extensions=["tables", "sane_lists"])
    elif kind == "html":
        source = decode_text(data)
    elif kind == "text":
        source = _paragraphs_html(decode_text(data))
    elif kind == "pdf":
        source = _paragraphs_html(extract_text(data, "pdf"))
    else:
        source = _docx_html(data)
    document = html_to_document(source, fallback_title)
    if not document.body:
        raise ExtractionError(_("Die Datei enthält keinen Text."))
    return document


def title_from_filename(path: Path) -> str:
    title = path.stem.replace("_", " ").replace("-", " ").strip()
    return " ".join(title.split())[:255] or path.name


def sanitise(source: str) -> str:
    return nh3.clean(
        source,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def html_to_document(source: str, fallback_title: str) -> ImportedDocument:
    soup = BeautifulSoup(sanitise(source), "html.parser")
    for name, replacement in INLINE_RENAMES.items():
        for tag in soup.find_all(name):
            tag.name = replacement
    headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    title_tag = soup.find("h1") or (headings[0] if headings else None)
    title = fallback_title
    if title_tag is not None and title_tag.get_text(strip=True):
        title = " ".join(title_tag.get_text().split())[:255]
        title_tag.decompose()

    document = ImportedDocument(title=title)
    rich_text: list[str] = []

    def flush() -> None:
        text = "".join(rich_text).strip()
        if text:
            document.body.append({"type": "paragraph", "value": text})
        rich_text.clear()

    for node in list(soup.children):
        if isinstance(node, NavigableString):
            if node.strip():
                rich_text.append(f"<p>{html.escape(node.strip(), quote=False)}</p>")
            continue
        if not isinstance(node, Tag):
            continue
        if node.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(node.get_text().split())
            if text:
                flush()
                level = "h2" if node.name in ("h1", "h2") else "h3"
                document.body.append(
                    {"type": "heading", "value": {"text": text[:HEADING_LENGTH], "level": level}}
                )
        elif node.name == "table":
            table = _table_block(node, len(document.body) + 1)
            if table:
                flush()
                document.body.append({"type": "table", "value": table})
        elif node.name in ("p", "ul", "ol"):
            if node.get_text(strip=True):
                rich_text.append(str(node))
        elif node.get_text(strip=True):  # inline content at top level: wrap in a paragraph
            rich_text.append(f"<p>{node}</p>")
    flush()
    return document


def _table_block(table: Tag, number: int) -> dict | None:
    rows = [
        [" ".join(cell.get_text().split())[:CELL_LENGTH] for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]
    rows = [row for row in rows if any(row)]
    if not rows:
        return None
    caption = table.find("caption")
    caption_text = " ".join(caption.get_text().split()) if caption else ""
    columns, *rest = rows
    width = max(len(row) for row in rows)
    return {
        "caption": (caption_text or _("Tabelle %(number)s") % {"number": number})[:CAPTION_LENGTH],
        "columns": [heading or "–" for heading in columns] + ["–"] * (width - len(columns)),
        "rows": [row + [""] * (width - len(row)) for row in rest],
        "first_column_is_header": False,
    }


def _paragraphs_html(text: str) -> str:
    """Plain text to paragraphs: blank lines separate them, line breaks inside are joined."""
    paragraphs = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def _docx_html(data: bytes) -> str:
    """Headings, paragraphs, lists and tables of a DOCX file as HTML, in document order."""
    try:
        parts: list[str] = []
        open_list: str | None = None
        for kind, value in docx_paragraphs(data, with_tables=True):
            list_tag = None
            if kind == "Table":
                cells = "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                    for row in value
                )
                parts.append(f"<table>{cells}</table>")
                continue
            text = html.escape(value.strip(), quote=False)
            if kind.startswith("List Bullet"):
                list_tag = "ul"
            elif kind.startswith("List Number"):
                list_tag = "ol"
            if open_list and open_list != list_tag:
                parts.append(f"</{open_list}>")
                open_list = None
            if not text:
                continue
            if list_tag:
                if open_list != list_tag:
                    parts.append(f"<{list_tag}>")
                    open_list = list_tag
                parts.append(f"<li>{text}</li>")
            elif kind == "Title" or kind.startswith("Heading"):
                level = kind.removeprefix("Heading").strip()
                level = "1" if kind == "Title" else (level if level in "123456" else "2")
                parts.append(f"<h{level}>{text}</h{level}>")
            else:
                parts.append(f"<p>{text}</p>")
        if open_list:
            parts.append(f"</{open_list}>")
    except Exception as error:  # every parser failure means "unreadable"
        raise ExtractionError(
            _("Die DOCX-Datei konnte nicht gelesen werden: Sie ist beschädigt oder ungültig.")
        ) from error
    return "".join(parts)
