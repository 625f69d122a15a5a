"""Checks for files attached to a Meldebogen: allowed types (by extension and content) and size.

Allowed: PDF, PNG, JPEG and office documents (DOCX, ODT, XLSX). The content is checked by its
first bytes as well, so a renamed executable is refused even with a ".pdf" name.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

ZIP_MAGIC = b"PK\x03\x04"

# extension -> (content type, accepted leading bytes)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP_MAGIC,),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (ZIP_MAGIC,),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP_MAGIC,)),
}
ALLOWED_LABEL = "PDF, PNG, JPEG, DOCX, ODT oder XLSX"
ACCEPT_ATTRIBUTE = ",".join(ALLOWED_TYPES)


def max_attachment_bytes() -> int:
    """Largest accepted file (setting MELDEBOGEN_ATTACHMENT_MAX_BYTES, default 10 MB)."""
    return int(getattr(settings, "MELDEBOGEN_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def max_attachments() -> int:
    """How many files one report may carry (setting MELDEBOGEN_MAX_ATTACHMENTS, default 5)."""
    return int(getattr(settings, "MELDEBOGEN_MAX_ATTACHMENTS", 5))


def validate_attachment(upload: UploadedFile) -> str:
    """Raise a German ValidationError for a wrong type or size; return the content type."""
    name = upload.name or ""
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            "„%(name)s“ hat einen nicht erlaubten Dateityp. Erlaubt sind %(allowed)s.",
            code="file_type",
            params={"name": name, "allowed": ALLOWED_LABEL},
        )
    if upload.size > max_attachment_bytes():
        raise ValidationError(
            "„%(name)s“ ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s je Datei.",
            code="file_size",
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(max_attachment_bytes()),
            },
        )
    content_type, magic = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(prefix) for prefix in magic):
        raise ValidationError(
            "Der Inhalt von „%(name)s“ passt nicht zur Dateiendung. Erlaubt sind %(allowed)s.",
            code="file_content",
            params={"name": name, "allowed": ALLOWED_LABEL},
        )
    return content_type
