"""Uploaded files are checked by their content, not by their name.

Every upload path (Meldebogen attachments, space documents, Wagtail documents, imports) calls
:func:`validate_upload` with the extensions it accepts and its size limit. The file's first
bytes, and for ZIP-based office formats the names of the archive's parts, must show the format
its extension claims: a renamed program ("bericht.exe" saved as "bericht.pdf") is refused with a
German message. The check reads only the start of the file and the ZIP directory: nothing is
unpacked (zip bombs are the text extraction's business, knowledge/extraction.py).

Images uploaded through Wagtail's image library are checked by Wagtail itself (Willow reads the
image and the extension must match the format it finds).
"""

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

HEAD_BYTES = 8192

# Leading bytes of formats that are never acceptable as text (programs, archives, images).
BINARY_SIGNATURES = (
    b"MZ",  # Windows programs (.exe, .dll)
    b"\x7fELF",  # Linux programs
    b"\xca\xfe\xba\xbe",  # macOS programs
    b"\xcf\xfa\xed\xfe",
    b"PK\x03\x04",  # ZIP (also office files)
    b"%PDF-",
    b"\xd0\xcf\x11\xe0",  # old MS Office / MSI
    b"#!",  # scripts
)


def _is_zip_with(*required: str, mimetype: str | None = None) -> Callable[[UploadedFile], bool]:
    """A ZIP archive that contains the given parts (and, for OpenDocument, whose ``mimetype``
    part names the format)."""

    def check(upload: UploadedFile) -> bool:
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if not all(part in names for part in required):
                    return False
                if mimetype is not None:
                    info = archive.getinfo("mimetype")
                    if info.file_size > 200:
                        return False
                    return archive.read(info).strip() == mimetype.encode("ascii")
                return True
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError):
            return False
        finally:
            upload.seek(0)

    return check


def _starts_with(*prefixes: bytes) -> Callable[[UploadedFile], bool]:
    def check(upload: UploadedFile) -> bool:
        return _head(upload).startswith(prefixes)

    return check


def _is_webp(upload: UploadedFile) -> bool:
    head = _head(upload)
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _is_text(upload: UploadedFile) -> bool:
    """Plain text (CSV, TXT, Markdown): no NUL byte, no binary signature, decodable as UTF-8
    or Windows-1252 (what German spreadsheet programs write)."""
    head = _head(upload)
    if b"\x00" in head or head.lstrip(b"\xef\xbb\xbf").startswith(BINARY_SIGNATURES):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the end of the sample is fine
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    matches: Callable[[UploadedFile], bool]


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"

FILE_KINDS: dict[str, FileKind] = {
    "pdf": FileKind("PDF", "application/pdf", _starts_with(b"%PDF-")),
    "docx": FileKind(
        "DOCX",
        f"{_OOXML}.wordprocessingml.document",
        _is_zip_with("[Content_Types].xml", "word/document.xml"),
    ),
    "xlsx": FileKind(
        "XLSX",
        f"{_OOXML}.spreadsheetml.sheet",
        _is_zip_with("[Content_Types].xml", "xl/workbook.xml"),
    ),
    "pptx": FileKind(
        "PPTX",
        f"{_OOXML}.presentationml.presentation",
        _is_zip_with("[Content_Types].xml", "ppt/presentation.xml"),
    ),
    "odt": FileKind("ODT", f"{_ODF}.text", _is_zip_with("content.xml", mimetype=f"{_ODF}.text")),
    "ods": FileKind(
        "ODS",
        f"{_ODF}.spreadsheet",
        _is_zip_with("content.xml", mimetype=f"{_ODF}.spreadsheet"),
    ),
    "png": FileKind("PNG", "image/png", _starts_with(b"\x89PNG\r\n\x1a\n")),
    "jpg": FileKind("JPEG", "image/jpeg", _starts_with(b"\xff\xd8\xff")),
    "jpeg": FileKind("JPEG", "image/jpeg", _starts_with(b"\xff\xd8\xff")),
    "gif": FileKind("GIF", "image/gif", _starts_with(b"GIF87a", b"GIF89a")),
    "webp": FileKind("WEBP", "image/webp", _is_webp),
    "csv": FileKind("CSV", "text/csv", _is_text),
    "txt": FileKind("TXT", "text/plain", _is_text),
    "md": FileKind("Markdown", "text/markdown", _is_text),
}


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def allowed_label(extensions: Iterable[str]) -> str:
    """ "PDF, DOCX oder ODT" for the given extensions."""
    labels = list(dict.fromkeys(FILE_KINDS[ext].label for ext in extensions if ext in FILE_KINDS))
    if len(labels) < 2:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " oder " + labels[-1]


def validate_upload(upload: UploadedFile, extensions: Iterable[str], max_bytes: int) -> str:
    """Raise a German ValidationError if the file's extension is not allowed, it is empty or
    larger than ``max_bytes``, or its content is not what the extension claims; return the
    content type that belongs to its real format."""
    extensions = [ext.lower().lstrip(".") for ext in extensions]
    name = upload.name or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = allowed_label(extensions)
    if extension not in extensions or extension not in FILE_KINDS:
        raise ValidationError(
            "„%(name)s“ hat einen nicht erlaubten Dateityp. Erlaubt sind %(allowed)s.",
            code="file_type",
            params={"name": name, "allowed": allowed},
        )
    if not upload.size:
        raise ValidationError("„%(name)s“ ist leer.", code="file_empty", params={"name": name})
    if upload.size > max_bytes:
        raise ValidationError(
            "„%(name)s“ ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s je Datei.",
            code="file_size",
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(max_bytes),
            },
        )
    kind = FILE_KINDS[extension]
    if not kind.matches(upload):
        raise ValidationError(
            "Der Inhalt von „%(name)s“ passt nicht zur Dateiendung: Es ist keine gültige "
            "%(kind)s-Datei. Erlaubt sind %(allowed)s.",
            code="file_content",
            params={"name": name, "kind": kind.label, "allowed": allowed},
        )
    return kind.content_type
