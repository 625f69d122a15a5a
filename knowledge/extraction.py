"""Text extraction from uploaded files (PDF, DOCX, ODT, plain text), bounded in size and time.

Uploads are read by a background task (knowledge.tasks), never in the upload request, and the
parsing runs in a separate Python process (:func:`extract_isolated`) with a wall-clock timeout
and a memory cap, so a hostile or pathological file cannot block a worker.

DOCX and ODT are read with a streaming XML parser straight from the ZIP archive (``zipfile`` +
``pyexpat``): the archive's number of parts and unpacked size are checked before anything is
unpacked (zip bombs), DTDs and entity declarations are refused, and the text is collected
paragraph by paragraph up to :class:`Limits`. That is linear in the size of the document;
python-docx's per-paragraph API took 17 s for a 41 KB file with many short paragraphs (see
bench/extraction.py). PDFs are read page by page with pypdf up to a page limit.

``extract(data, extension)`` returns an :class:`Extraction` (text and German notes such as "only
the first 2.000 pages were read"); it raises :class:`ExtractionError`, whose ``str()`` is a
German message, when a file cannot be read at all. This module's parsing code imports no Django
settings, so it runs in the child process (``python -m knowledge.extraction``); the German
messages are made in the parent.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from dataclasses import asdict, dataclass, field
from typing import Any

#: Extensions whose text we can read; other uploads (xlsx, pptx, ...) are stored without text.
EXTRACTABLE = ("pdf", "docx", "odt", "txt", "md", "csv")

#: Formats whose parser runs in a child process (plain text is decoded in-process).
ISOLATED = ("pdf", "docx", "odt")


@dataclass(frozen=True)
class Limits:
    """Bounds of one extraction. Defaults suit the 20 MB upload limit; a deployment may change
    them with the setting DOCUMENT_EXTRACTION_LIMITS (a dict with these field names)."""

    #: Declared unpacked size of all parts of a DOCX/ODT archive, and of the part read.
    max_unpacked_bytes: int = 100 * 1024 * 1024
    #: Parts (files) in a DOCX/ODT archive.
    max_parts: int = 5_000
    #: Paragraphs (DOCX/ODT) read; beyond, the text is cut with a note.
    max_paragraphs: int = 100_000
    #: PDF pages read; beyond, the text is cut with a note.
    max_pages: int = 2_000
    #: Characters kept for the search.
    max_chars: int = 2_000_000
    #: Wall-clock seconds for the child process.
    timeout_seconds: float = 60
    #: Address space of the child process.
    memory_bytes: int = 1024 * 1024 * 1024

    @classmethod
    def from_settings(cls) -> Limits:
        from django.conf import settings

        return cls(**getattr(settings, "DOCUMENT_EXTRACTION_LIMITS", {}))


@dataclass
class Extraction:
    text: str
    #: (code, params) of notes for editors, e.g. ("pages", {"limit": 2000}) when the text was cut.
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def note(self) -> str:
        """The notes as one German sentence or more (empty if the whole text was read)."""
        return " ".join(message_for(code, params) for code, params in self.notes)


class ExtractionError(Exception):
    """The file could not be read; ``str(error)`` is a German message for editors.

    Raised either with a ready message (``ExtractionError(_("..."))``) or with a ``code`` and
    ``params`` (in the child process, where no translations are loaded).
    """

    def __init__(self, message: str | None = None, *, code: str = "", **params: Any):
        super().__init__(message or code)
        self.message = message
        self.code = code
        self.params = params

    def __str__(self) -> str:
        if self.message is not None:
            return str(self.message)
        return message_for(self.code, self.params)


def message_for(code: str, params: dict[str, Any]) -> str:
    """The German message for an error or note code (needs Django's translations)."""
    from django.template.defaultfilters import filesizeformat
    from django.utils.formats import number_format
    from django.utils.translation import gettext as _

    def number(value: Any) -> str:
        return number_format(value, force_grouping=True)

    unreadable = _(
        "Der Text der Datei konnte nicht gelesen werden: Sie ist beschädigt oder keine "
        "gültige %(format)s-Datei."
    ) % {"format": str(params.get("format", "")).upper()}
    kept = _("Die Datei ist gespeichert; die Suche findet sie über Titel und Schlagwörter.")
    messages = {
        "unreadable": unreadable,
        "encrypted": _("Die PDF-Datei ist passwortgeschützt; ihr Text kann nicht gelesen werden."),
        "encoding": _("Die Textdatei hat eine unbekannte Zeichenkodierung."),
        "unpacked_size": _(
            "Der Text wird nicht ausgelesen: Entpackt wäre die Datei größer als %(limit)s "
            "(möglicherweise eine „ZIP-Bombe“)."
        )
        % {"limit": filesizeformat(params.get("limit", 0))}
        + " "
        + kept,
        "parts": _(
            "Der Text wird nicht ausgelesen: Die Datei besteht aus mehr als %(limit)s Teilen."
        )
        % {"limit": number(params.get("limit", 0))}
        + " "
        + kept,
        "timeout": _(
            "Das Auslesen des Textes wurde nach %(seconds)s Sekunden abgebrochen, weil es zu "
            "lange dauerte."
        )
        % {"seconds": number(params.get("seconds", 0))}
        + " "
        + kept,
        "memory": _(
            "Das Auslesen des Textes brauchte zu viel Arbeitsspeicher und wurde abgebrochen."
        )
        + " "
        + kept,
        "pages": _(
            "Die Datei ist sehr umfangreich: Für die Suche wurden nur die ersten %(limit)s Seiten "
            "ausgelesen."
        )
        % {"limit": number(params.get("limit", 0))},
        "paragraphs": _(
            "Die Datei ist sehr umfangreich: Für die Suche wurden nur die ersten %(limit)s "
            "Absätze ausgelesen."
        )
        % {"limit": number(params.get("limit", 0))},
        "chars": _(
            "Die Datei ist sehr umfangreich: Für die Suche wurden nur die ersten %(limit)s "
            "Zeichen ausgelesen."
        )
        % {"limit": number(params.get("limit", 0))},
    }
    return messages.get(code, unreadable)


# --- entry points -------------------------------------------------------------------------------


def extract(data: bytes, extension: str, limits: Limits | None = None) -> Extraction:
    """Read the text of a file in this process, within ``limits`` (except time and memory)."""
    limits = limits or Limits()
    extension = extension.lower().lstrip(".")
    readers = {
        "pdf": _pdf_text,
        "docx": _docx_text,
        "odt": _odt_text,
        "txt": _plain_text,
        "md": _plain_text,
        "csv": _plain_text,
    }
    reader = readers.get(extension)
    if reader is None:
        return Extraction("")
    collector = _Collector(limits)
    try:
        reader(data, limits, collector)
    except _Full:
        pass
    except ExtractionError:
        raise
    except MemoryError as error:
        raise ExtractionError(code="memory") from error
    except Exception as error:  # every parser failure means "unreadable"
        raise ExtractionError(code="unreadable", format=extension) from error
    return Extraction(normalise(collector.text()), collector.notes)


def extract_text(data: bytes, extension: str) -> str:
    """The text of a file (default limits, in this process); raises ExtractionError."""
    return extract(data, extension).text


def extract_isolated(data: bytes, extension: str, limits: Limits | None = None) -> Extraction:
    """Like :func:`extract`, but PDF, DOCX and ODT are parsed in a child process that is killed
    after ``limits.timeout_seconds`` and may use at most ``limits.memory_bytes``."""
    import subprocess
    from pathlib import Path

    limits = limits or Limits()
    extension = extension.lower().lstrip(".")
    if extension not in ISOLATED:
        return extract(data, extension, limits)
    command = [sys.executable, "-m", "knowledge.extraction", extension, json.dumps(asdict(limits))]
    try:
        completed = subprocess.run(  # noqa: S603 - our own interpreter and module
            command,
            input=data,
            capture_output=True,
            timeout=limits.timeout_seconds,
            cwd=Path(__file__).resolve().parent.parent,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ExtractionError(code="timeout", seconds=limits.timeout_seconds) from error
    try:
        answer = json.loads(completed.stdout)
    except ValueError as error:
        code = "memory" if b"MemoryError" in completed.stderr else "unreadable"
        raise ExtractionError(code=code, format=extension) from error
    if "error" in answer:
        raise ExtractionError(code=answer["error"]["code"], **answer["error"]["params"])
    return Extraction(answer["text"], [tuple(note) for note in answer["notes"]])


def main(argv: list[str]) -> int:
    """Child process: read the file from stdin, print {"text", "notes"} or {"error"} as JSON."""
    import resource

    extension, limits = argv[0], Limits(**json.loads(argv[1]))
    memory = int(limits.memory_bytes)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    data = sys.stdin.buffer.read()
    try:
        result = extract(data, extension, limits)
        answer: dict[str, Any] = {"text": result.text, "notes": result.notes}
    except ExtractionError as error:
        answer = {"error": {"code": error.code or "unreadable", "params": error.params}}
    sys.stdout.write(json.dumps(answer))
    return 0


# --- text handling ------------------------------------------------------------------------------


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
    raise ExtractionError(code="encoding")


class _Full(Exception):
    """Enough text collected (a limit was reached; the note says which)."""


class _Collector:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.parts: list[str] = []
        self.chars = 0
        self.paragraphs = 0
        self.notes: list[tuple[str, dict[str, Any]]] = []

    def paragraph(self, text: str) -> None:
        self.paragraphs += 1
        if self.paragraphs > self.limits.max_paragraphs:
            self.stop("paragraphs", self.limits.max_paragraphs)
        self.add(text)

    def add(self, text: str) -> None:
        room = self.limits.max_chars - self.chars
        if len(text) > room:
            self.parts.append(text[: max(room, 0)])
            self.stop("chars", self.limits.max_chars)
        self.parts.append(text)
        self.chars += len(text) + 1

    def stop(self, code: str, limit: int) -> None:
        self.notes.append((code, {"limit": limit}))
        raise _Full

    def text(self) -> str:
        return "\n".join(self.parts)


def _plain_text(data: bytes, limits: Limits, out: _Collector) -> None:
    out.add(decode_text(data))


# --- PDF ----------------------------------------------------------------------------------------


def _pdf_text(data: bytes, limits: Limits, out: _Collector) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ExtractionError(code="encrypted")
    for number, page in enumerate(reader.pages):
        if number >= limits.max_pages:
            out.stop("pages", limits.max_pages)
        out.add((page.extract_text() or "") + "\n")


# --- ZIP-based formats (DOCX, ODT) --------------------------------------------------------------


class _LimitedReader(io.RawIOBase):
    """Reads a part of the archive and refuses to unpack more than ``limit`` bytes."""

    def __init__(self, stream, limit: int):
        self.stream, self.limit, self.read_bytes = stream, limit, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.read_bytes += len(chunk)
        if self.read_bytes > self.limit:
            raise ExtractionError(code="unpacked_size", limit=self.limit)
        return chunk


def _open_part(data: bytes, name: str, limits: Limits) -> _LimitedReader:
    """One part of a DOCX/ODT archive, after checking the archive against zip bombs."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not a zip archive")
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    if len(infos) > limits.max_parts:
        raise ExtractionError(code="parts", limit=limits.max_parts)
    if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
        raise ExtractionError(code="unpacked_size", limit=limits.max_unpacked_bytes)
    return _LimitedReader(archive.open(name), limits.max_unpacked_bytes)


class _XmlTextReader:
    """A streaming pyexpat parser that collects the text of paragraph elements.

    Paragraphs may nest (text boxes, foot notes): the inner one is its own paragraph. Elements
    in ``skip`` are ignored with everything inside them; ``text_only_in`` (if set) restricts
    character data to those elements (DOCX keeps text in ``w:t``; ODT in the paragraph).
    """

    CHUNK = 64 * 1024

    def __init__(self, out: _Collector, paragraphs: set[str], skip: set[str], **kwargs):
        self.out = out
        self.paragraph_tags = paragraphs
        self.skip_tags = skip
        self.text_tags: set[str] = kwargs.get("text_only_in", set())
        self.tab_tags: set[str] = kwargs.get("tabs", set())
        self.break_tags: set[str] = kwargs.get("breaks", set())
        self.space_tag: str = kwargs.get("spaces", "")
        self.space_count: str = kwargs.get("space_count", "")
        self.stack: list[list[str]] = []
        self.skipping = 0
        self.in_text = 0

    def parse(self, stream) -> None:
        from xml.parsers import expat

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        while chunk := stream.read(self.CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def _refuse(self, *args) -> None:
        raise ValueError("DTDs and entity declarations are not allowed in office documents")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        if self.skipping or name in self.skip_tags:
            self.skipping += 1
            return
        if name in self.paragraph_tags:
            self.stack.append([])
        elif not self.stack:
            return
        elif name in self.text_tags:
            self.in_text += 1
        elif name in self.tab_tags:
            self.stack[-1].append("\t")
        elif name in self.break_tags:
            self.stack[-1].append("\n")
        elif name == self.space_tag:
            try:
                count = int(attributes.get(self.space_count, "1"))
            except ValueError:
                count = 1
            self.stack[-1].append(" " * max(1, min(count, 100)))

    def _end(self, name: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if name in self.paragraph_tags and self.stack:
            self.out.paragraph("".join(self.stack.pop()))
        elif name in self.text_tags and self.in_text:
            self.in_text -= 1

    def _characters(self, data: str) -> None:
        if self.skipping or not self.stack:
            return
        if self.text_tags and not self.in_text:
            return
        self.stack[-1].append(data)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006 "
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "


def _docx_text(data: bytes, limits: Limits, out: _Collector) -> None:
    with _open_part(data, "word/document.xml", limits) as part:
        _XmlTextReader(
            out,
            paragraphs={W + "p"},
            # Alternative content is stored twice (new and fallback form): read it once.
            skip={MC + "Fallback"},
            text_only_in={W + "t"},
            tabs={W + "tab"},
            breaks={W + "br", W + "cr"},
        ).parse(part)


def _odt_text(data: bytes, limits: Limits, out: _Collector) -> None:
    with _open_part(data, "content.xml", limits) as part:
        _XmlTextReader(
            out,
            paragraphs={TEXT + "p", TEXT + "h"},
            # Deleted text of tracked changes, and the office:annotation's metadata.
            skip={TEXT + "tracked-changes", TEXT + "note-citation"},
            tabs={TEXT + "tab"},
            breaks={TEXT + "line-break"},
            spaces=TEXT + "s",
            space_count=TEXT + "c",
        ).parse(part)


def docx_paragraphs(data: bytes, with_tables: bool = False):
    """(style name, text) of every paragraph of a DOCX file, in document order (python-docx;
    used by the import of guidance pages, which needs the styles).

    Tables come as ("Table", rows of cell texts) if ``with_tables``, else one tab-separated
    line per row.
    """
    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not a zip archive")
    document = docx.Document(io.BytesIO(data))
    # Looking up a paragraph's style searches the styles part every time (most of the time
    # python-docx spends on a long document): look each style id up once.
    style_names: dict[str | None, str] = {}
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            if with_tables:
                yield "Table", rows
            else:
                for row in rows:
                    yield "Table", "\t".join(row)
        else:
            style_id = item._p.style
            if style_id not in style_names:
                style_names[style_id] = item.style.name if item.style is not None else ""
            yield style_names[style_id], item.text


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
