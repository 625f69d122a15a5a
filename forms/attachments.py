"""Checks for files attached to a Meldebogen: allowed types (by extension and content) and size.

Allowed: PDF, PNG, JPEG and office documents (DOCX, ODT, XLSX). The content is checked as well
(portal/uploads.py), so a renamed executable is refused even with a ".pdf" name.
"""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from portal.uploads import validate_upload

ALLOWED_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "docx", "odt", "xlsx")
ALLOWED_LABEL = "PDF, PNG, JPEG, DOCX, ODT oder XLSX"
ACCEPT_ATTRIBUTE = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)


def max_attachment_bytes() -> int:
    """Largest accepted file (setting MELDEBOGEN_ATTACHMENT_MAX_BYTES, default 10 MB)."""
    return int(getattr(settings, "MELDEBOGEN_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def max_attachments() -> int:
    """How many files one report may carry (setting MELDEBOGEN_MAX_ATTACHMENTS, default 5)."""
    return int(getattr(settings, "MELDEBOGEN_MAX_ATTACHMENTS", 5))


def validate_attachment(upload: UploadedFile) -> str:
    """Raise a German ValidationError for a wrong type, content or size; return the content
    type (portal/uploads.py)."""
    return validate_upload(upload, ALLOWED_EXTENSIONS, max_attachment_bytes())
