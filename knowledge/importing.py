"""Turn existing documents (Markdown, text, HTML, PDF, DOCX) into guidance pages.

Every format is first converted to sanitised HTML (headings, paragraphs, lists, links, tables;
scripts and styles dropped), which is then split into the blocks of a guidance page's body:
headings, rich-text paragraphs and tables. Used by ``manage.py import_knowledge``.
"""

import html
import io
import logging
import re
import warnings
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.translation import gettext as _

from knowledge.extraction import ExtractionError, decode_text

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


MAX_PDF_PAGES = 500


@dataclass
class ImportedDocument:
    title: str
    body: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # German, for the import's report


def convert_bytes(data: bytes, name: str) -> ImportedDocument:
    """Title and body blocks of one file's content; ``name`` gives the format (its suffix)
    and the last resort for the title. Raises ExtractionError (German) if it is unreadable.

    The title is the document's own: the metadata title of a PDF or DOCX, else its first
    heading, only else the file name. What the parser libraries warn about is collected in
    German in ``warnings`` instead of being printed."""
    path = Path(name)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ExtractionError(_("Dieses Dateiformat wird nicht unterstützt."))
    metadata_title = None
    with parser_warnings() as notes:
        if kind == "markdown":
            source = markdown.markdown(decode_text(data), extensions=["tables", "sane_lists"])
        elif kind == "html":
            source = decode_text(data)
        elif kind == "text":
            source = _paragraphs_html(decode_text(data))
        elif kind == "pdf":
            source, metadata_title = pdf_html(data)
        else:
            source, metadata_title = docx_html(data)
    document = html_to_document(source, title_from_filename(path), metadata_title)
    document.warnings = notes
    if not document.body:
        raise ExtractionError(_("Die Datei enthält keinen Text."))
    return document


def convert_file(path: Path) -> ImportedDocument:
    return convert_bytes(path.read_bytes(), path.name)


@contextmanager
def parser_warnings():
    """Collect the warnings of pypdf and python-docx (log records and Python warnings) as
    German notes instead of letting them reach stderr."""
    notes: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            notes.append(german_warning(record.getMessage()))

    handler = Collect(level=logging.WARNING)
    loggers = [logging.getLogger(name) for name in ("pypdf", "docx")]
    saved = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield notes
        notes.extend(german_warning(str(w.message)) for w in caught)
    finally:
        for logger, propagate in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.propagate = propagate
    unique = list(dict.fromkeys(notes))
    notes[:] = unique


def german_warning(message: str) -> str:
    """A parser's English warning as a German note (the original kept for the IT department)."""
    original = " ".join(message.split())[:200]
    return _(
        "Die Datei ist nicht ganz regelgerecht aufgebaut; der Text wurde so weit wie möglich "
        "gelesen. Bitte prüfen Sie die Seite. (Meldung der Lesebibliothek: %(original)s)"
    ) % {"original": original}


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


def html_to_document(
    source: str, fallback_title: str, metadata_title: str | None = None
) -> ImportedDocument:
    soup = BeautifulSoup(sanitise(source), "html.parser")
    for name, replacement in INLINE_RENAMES.items():
        for tag in soup.find_all(name):
            tag.name = replacement
    headings = soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    title_tag = soup.find("h1") or (headings[0] if headings else None)
    title = fallback_title
    metadata_title = " ".join((metadata_title or "").split())[:255]
    if metadata_title:
        title = metadata_title
        # the same text as the first heading would repeat the title
        if title_tag is not None and " ".join(title_tag.get_text().split()) == metadata_title:
            title_tag.decompose()
    elif title_tag is not None and title_tag.get_text(strip=True):
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


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


# --- DOCX -----------------------------------------------------------------------------------


def docx_html(data: bytes) -> tuple[str, str | None]:
    """Headings, paragraphs with bold/italic/links, bullet and numbered lists and tables of a
    DOCX file as HTML, in document order; and the title from the document's properties."""
    try:
        return _docx_html(data)
    except Exception as error:  # every parser failure means "unreadable"
        raise ExtractionError(
            _("Die DOCX-Datei konnte nicht gelesen werden: Sie ist beschädigt oder ungültig.")
        ) from error


def _docx_html(data: bytes) -> tuple[str, str | None]:
    import zipfile

    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not a zip archive")
    document = docx.Document(io.BytesIO(data))
    formats = _docx_list_formats(document)
    style_names: dict[str | None, str] = {}  # looked up once per style (speed, issue 16)
    parts: list[str] = []
    open_list: str | None = None
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            if open_list:
                parts.append(f"</{open_list}>")
                open_list = None
            parts.append(_docx_table(item))
            continue
        style_id = item._p.style
        if style_id not in style_names:
            style_names[style_id] = item.style.name if item.style is not None else ""
        style = style_names[style_id]
        content = _docx_runs(item).strip()
        list_tag = _docx_list_tag(item, style, formats)
        if open_list and open_list != list_tag:
            parts.append(f"</{open_list}>")
            open_list = None
        if not content:
            continue
        if list_tag:
            if open_list != list_tag:
                parts.append(f"<{list_tag}>")
                open_list = list_tag
            parts.append(f"<li>{content}</li>")
        elif style == "Title" or style.lower().startswith("heading"):
            level = style.lower().removeprefix("heading").strip()
            level = "1" if style == "Title" else (level if level in "123456" and level else "2")
            parts.append(f"<h{level}>{_escape(item.text.strip())}</h{level}>")
        else:
            parts.append(f"<p>{content}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    title = (document.core_properties.title or "").strip() or None
    return "".join(parts), title


def _docx_runs(paragraph) -> str:
    """A paragraph's text with bold, italic and hyperlinks."""
    from docx.text.hyperlink import Hyperlink

    out = []
    for part in paragraph.iter_inner_content():
        if isinstance(part, Hyperlink):
            text = "".join(_docx_run(run) for run in part.runs)
            address = part.address
            out.append(f'<a href="{html.escape(address)}">{text}</a>' if address else text)
        else:
            out.append(_docx_run(part))
    return "".join(out)


def _docx_run(run) -> str:
    text = _escape(run.text)
    if not text.strip():
        return text
    if run.italic:
        text = f"<i>{text}</i>"
    if run.bold:
        text = f"<b>{text}</b>"
    return text


def _docx_list_formats(document) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> Word's number format ("bullet", "decimal", ...)."""
    from docx.oxml.ns import qn

    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        levels = {}
        for level in definition.findall(qn("w:lvl")):
            number_format = level.find(qn("w:numFmt"))
            levels[level.get(qn("w:ilvl"))] = (
                number_format.get(qn("w:val")) if number_format is not None else "decimal"
            )
        abstract[definition.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in numbering.findall(qn("w:num")):
        reference = num.find(qn("w:abstractNumId"))
        if reference is None:
            continue
        for level, number_format in abstract.get(reference.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), level)] = number_format
    return formats


def _docx_list_tag(paragraph, style: str, formats: dict[tuple[str, str], str]) -> str | None:
    if style.startswith("List Bullet"):
        return "ul"
    if style.startswith("List Number"):
        return "ol"
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    if numbering is None or numbering.numId is None or numbering.numId.val == 0:
        return None
    level = str(numbering.ilvl.val) if numbering.ilvl is not None else "0"
    number_format = formats.get((str(numbering.numId.val), level), "decimal")
    return "ul" if number_format in ("bullet", "none") else "ol"


def _docx_table(table) -> str:
    rows = [[_escape(cell.text.strip()) for cell in row.cells] for row in table.rows]
    if not rows:
        return ""
    head, *rest = rows
    header = "<tr>" + "".join(f"<th>{cell}</th>" for cell in head) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rest)
    return f"<table><thead>{header}</thead><tbody>{body}</tbody></table>"


# --- PDF ------------------------------------------------------------------------------------

BULLET = re.compile(r"^[•●▪■◦‣–\-*]\s+")
NUMBERED = re.compile(r"^\(?\d{1,3}[.)]\s+")


@dataclass
class _Chunk:
    x: float
    y: float
    size: float
    bold: bool
    text: str


def pdf_html(data: bytes) -> tuple[str, str | None]:
    """A PDF's text layer as HTML: larger type becomes headings, bold fonts bold, lines
    starting with a bullet or a number lists, lines of cells at the same positions tables.
    And the title from the document's metadata."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError(
                _("Die PDF-Datei ist verschlüsselt und kann nicht gelesen werden.")
            )
        metadata = reader.metadata
        title = (metadata.title or "").strip() if metadata else ""
        lines: list[list[_Chunk]] = []
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES:
                break
            lines.extend(_pdf_lines(page))
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ExtractionError(
            _("Die PDF-Datei konnte nicht gelesen werden: Sie ist beschädigt oder ungültig.")
        ) from error
    if not any(lines):
        raise ExtractionError(
            _(
                "Die PDF-Datei enthält keinen auslesbaren Text (vermutlich ein Scan). "
                "Bitte eine Fassung mit Textebene importieren."
            )
        )
    return _pdf_lines_html(lines), title or None


def _pdf_lines(page) -> list[list[_Chunk]]:
    chunks: list[_Chunk] = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text or not text.strip():
            return
        scale = (tm[0] * cm[0] + tm[1] * cm[2]) or 1
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
        bold = any(word in font for word in ("Bold", "Black", "Heavy", "Semibold"))
        for offset, line in enumerate(part for part in text.split("\n") if part.strip()):
            size = abs(font_size * scale)
            chunks.append(_Chunk(x, y - offset * size * 1.2, size, bold, line.strip()))

    page.extract_text(visitor_text=visit)
    rows: dict[int, list[_Chunk]] = {}
    for chunk in chunks:
        rows.setdefault(round(chunk.y / 3), []).append(chunk)
    return [sorted(row, key=lambda c: c.x) for _key, row in sorted(rows.items(), reverse=True)]


def _pdf_cells(line: list[_Chunk]) -> list[list[_Chunk]]:
    """Chunks of a line grouped into cells: a gap of more than two em starts a new cell."""
    cells: list[list[_Chunk]] = []
    end = None
    for chunk in line:
        if end is not None and chunk.x - end > 2 * chunk.size:
            cells.append([chunk])
        elif cells:
            cells[-1].append(chunk)
        else:
            cells.append([chunk])
        end = chunk.x + len(chunk.text) * chunk.size * 0.5
    return cells


def _pdf_text(chunks: list[_Chunk]) -> str:
    out = []
    for chunk in chunks:
        text = _escape(chunk.text)
        out.append(f"<b>{text}</b>" if chunk.bold else text)
    return re.sub(r"</b> <b>", " ", " ".join(out))


def _pdf_lines_html(lines: list[list[_Chunk]]) -> str:
    sizes = Counter()
    for line in lines:
        for chunk in line:
            sizes[round(chunk.size)] += len(chunk.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 12
    parts: list[str] = []
    paragraph: list[str] = []
    open_list: str | None = None
    table: list[list[str]] = []

    def flush_paragraph():
        if paragraph:
            parts.append(f"<p>{' '.join(paragraph)}</p>")
            paragraph.clear()

    def close_list():
        nonlocal open_list
        if open_list:
            parts.append(f"</{open_list}>")
            open_list = None

    def flush_table():
        if len(table) >= 2:
            head, *rest = table
            parts.append(
                "<table><thead><tr>"
                + "".join(f"<th>{c}</th>" for c in head)
                + "</tr></thead><tbody>"
                + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rest)
                + "</tbody></table>"
            )
        elif table:
            parts.append(f"<p>{' '.join(table[0])}</p>")
        table.clear()

    previous_y = None
    for line in lines:
        size = max(chunk.size for chunk in line)
        text = " ".join(chunk.text for chunk in line)
        gap = (previous_y - line[0].y) if previous_y is not None else 0
        previous_y = line[0].y
        cells = _pdf_cells(line)
        if len(cells) >= 2 and (not table or len(table[0]) == len(cells)):
            flush_paragraph()
            close_list()
            table.append([_pdf_text(cell) for cell in cells])
            continue
        flush_table()
        if size >= body_size * 1.15 and len(text) <= HEADING_LENGTH:
            flush_paragraph()
            close_list()
            level = 1 if size >= body_size * 1.6 else 2 if size >= body_size * 1.3 else 3
            parts.append(f"<h{level}>{_escape(text)}</h{level}>")
            continue
        list_tag = "ul" if BULLET.match(text) else "ol" if NUMBERED.match(text) else None
        if list_tag:
            flush_paragraph()
            if open_list != list_tag:
                close_list()
                parts.append(f"<{list_tag}>")
                open_list = list_tag
            first = line[0]
            marker = BULLET if list_tag == "ul" else NUMBERED
            stripped = _Chunk(first.x, first.y, first.size, first.bold, marker.sub("", first.text))
            parts.append(f"<li>{_pdf_text([stripped, *line[1:]])}</li>")
            continue
        close_list()
        if paragraph and gap > size * 1.8:
            flush_paragraph()
        paragraph.append(_pdf_text(line))
    flush_table()
    flush_paragraph()
    close_list()
    return "".join(parts)
