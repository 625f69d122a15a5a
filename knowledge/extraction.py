"""Text extraction from uploaded files (PDF, DOCX, ODT, plain text) with well-kept libraries.

``extract_text`` returns the plain text of a file; it raises :class:`ExtractionError` with a
German message when a file cannot be read (damaged, encrypted, not what its name says).
"""

import io
import zipfile

from django.utils.translation import gettext as _

#: Extensions whose text we can read; other uploads (xlsx, pptx, ...) are stored without text.
EXTRACTABLE = ("pdf", "docx", "odt", "txt", "md", "csv")


class ExtractionError(Exception):
    """The file could not be read; ``str(error)`` is a German message for editors."""


def extract_text(data: bytes, extension: str) -> str:
    extension = extension.lower().lstrip(".")
    readers = {
        "pdf": _pdf_text,
        "docx": _docx_text,
        "odt": _odt_text,
        "txt": decode_text,
        "md": decode_text,
        "csv": decode_text,
    }
    reader = readers.get(extension)
    if reader is None:
        return ""
    try:
        text = reader(data)
    except ExtractionError:
        raise
    except Exception as error:  # every parser failure means "unreadable"
        raise ExtractionError(
            _(
                "Der Text der Datei konnte nicht gelesen werden: Sie ist beschädigt oder keine "
                "gültige %(format)s-Datei."
            )
            % {"format": extension.upper()}
        ) from error
    return normalise(text)


def normalise(text: str) -> str:
    """Strip trailing spaces and collapse runs of blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\x00", "").split("\n")]
    result: list[str] = []
    for line in lines:
        if line or (result and result[-1]):
            result.append(line)
    return "\n".join(result).strip()


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(_("Die Textdatei hat eine unbekannte Zeichenkodierung."))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ExtractionError(
            _("Die PDF-Datei ist passwortgeschützt; ihr Text kann nicht gelesen werden.")
        )
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def docx_paragraphs(data: bytes, with_tables: bool = False):
    """(style name, text) of every paragraph of a DOCX file, in document order.

    Tables come as ("Table", rows of cell texts) if ``with_tables``, else one tab-separated
    line per row.
    """
    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not a zip archive")
    document = docx.Document(io.BytesIO(data))
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            if with_tables:
                yield "Table", rows
            else:
                for row in rows:
                    yield "Table", "\t".join(row)
        else:
            yield (item.style.name if item.style is not None else ""), item.text


def _docx_text(data: bytes) -> str:
    return "\n".join(text for _style, text in docx_paragraphs(data))


def _odt_text(data: bytes) -> str:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    lines: list[str] = []

    def walk(node) -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                lines.append(teletype.extractText(child))
            else:
                walk(child)

    walk(document.text)
    return "\n".join(lines)
