"""Private files: a storage that no URL maps to, and the one way to deliver its files.

Documents (Wagtail documents, including the confidential documents of the spaces) and the
attachments of Meldebögen live in ``STORAGES["private"]``: a directory outside ``MEDIA_ROOT``
(setting ``PRIVATE_MEDIA_ROOT``, default ``var/private``) under random file names. The storage
has no URL (``url()`` raises), so nothing can link to a file by accident. Files are delivered
only by views that have checked who asks, through :func:`serve_private_file`, which either
streams the file through Django or hands it to the web server with a protected internal
redirect (setting ``PRIVATE_FILES_SERVE``: ``django``, ``nginx`` for ``X-Accel-Redirect``,
``apache`` for ``X-Sendfile``). The web-server side is documented in docs/private-files.md with
the example configuration in deploy/nginx/.

``MEDIA_ROOT`` keeps only public files: Wagtail's images and their renditions
(:data:`PUBLIC_MEDIA_PREFIXES`). The development server serves only those (:func:`public_media`).
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path, PurePath
from urllib.parse import quote

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.views.static import serve

#: Subfolders of MEDIA_ROOT that hold public files (Wagtail images: originals and renditions).
PUBLIC_MEDIA_PREFIXES = ("original_images/", "images/")

#: Values of the setting PRIVATE_FILES_SERVE.
SERVE_METHODS = ("django", "nginx", "apache")

PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileStorage(FileSystemStorage):
    """A file-system storage under ``PRIVATE_MEDIA_ROOT`` whose files have no URL."""

    def __init__(self, location=None, file_permissions_mode=None, directory_permissions_mode=None):
        super().__init__(
            location=location,
            file_permissions_mode=file_permissions_mode,
            directory_permissions_mode=directory_permissions_mode,
        )

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError(
            "Private files have no URL; a permission-checked view delivers them "
            "(portal.private_files.serve_private_file)."
        )


def private_storage() -> Storage:
    """The storage of private files; pass this callable as ``FileField(storage=...)``."""
    return storages[PRIVATE_STORAGE_ALIAS]


def random_file_name(folder: str, original_name: str) -> str:
    """``folder/YYYY/MM/<random hex><suffix>``: the name on disk says nothing about the file."""
    suffix = PurePath(original_name or "").suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", suffix):
        suffix = ""
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def move_into_private_storage(name: str, folder: str | None = None) -> str | None:
    """Move a file from the default storage (MEDIA_ROOT) into the private storage.

    Returns its new name (random under ``folder``, or the same name if ``folder`` is None), or
    None if the default storage does not hold it (already moved, or missing). The old file is
    deleted only once the surrounding transaction commits, so a failed migration loses nothing.
    """
    from django.db import transaction

    public, private = storages["default"], storages[PRIVATE_STORAGE_ALIAS]
    if not name or not public.exists(name):
        return None
    target = random_file_name(folder, name) if folder else name
    with public.open(name, "rb") as source:
        new_name = private.save(target, source)
    transaction.on_commit(lambda: public.delete(name))
    return new_name


def move_out_of_private_storage(name: str) -> str | None:
    """The reverse of :func:`move_into_private_storage` (keeps the name), for migrating back."""
    from django.db import transaction

    public, private = storages["default"], storages[PRIVATE_STORAGE_ALIAS]
    if not name or not private.exists(name):
        return None
    with private.open(name, "rb") as source:
        new_name = public.save(name, source)
    transaction.on_commit(lambda: private.delete(name))
    return new_name


def clean_original_name(name: str, max_length: int = 255) -> str:
    """The uploader's file name, safe to keep and to offer in Content-Disposition."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    if len(name) > max_length:
        stem, suffix = os.path.splitext(name)
        name = stem[: max_length - len(suffix)] + suffix
    return name


def serve_private_file(
    request: HttpRequest,
    file: FieldFile,
    *,
    filename: str,
    content_type: str,
    as_attachment: bool = True,
) -> HttpResponse:
    """Deliver a private file. Call it only after checking that ``request.user`` may read it.

    ``filename`` is the name offered to the browser (the uploader's original name). The file is
    streamed by Django or, with PRIVATE_FILES_SERVE = "nginx" / "apache", sent by the web server
    (``X-Accel-Redirect`` to ``PRIVATE_FILES_NGINX_LOCATION`` + the stored name, or
    ``X-Sendfile`` with the absolute path); the web server keeps our headers.
    """
    if not file or not file.name or not file.storage.exists(file.name):
        raise Http404
    method = getattr(settings, "PRIVATE_FILES_SERVE", "django")
    if method == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = nginx_internal_path(file.name)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    elif method == "apache":
        response = HttpResponse(content_type=content_type)
        # mod_xsendfile URL-decodes the header (XSendFileUnescape, on by default).
        response["X-Sendfile"] = quote(file.storage.path(file.name))
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            file.storage.open(file.name, "rb"),
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def nginx_internal_path(name: str) -> str:
    """The internal URI nginx maps to the private root (``location ... { internal; alias ...}``)."""
    location = getattr(settings, "PRIVATE_FILES_NGINX_LOCATION", "/_private/")
    return location.rstrip("/") + "/" + quote(name.lstrip("/"))


def public_media(request: HttpRequest, path: str) -> HttpResponse:
    """Development only: serve the public part of MEDIA_ROOT (Wagtail images), nothing else."""
    if not settings.DEBUG or not path.startswith(PUBLIC_MEDIA_PREFIXES) or ".." in path:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


@checks.register(checks.Tags.security)
def check_private_files(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The private root must not lie under a folder the web server publishes."""
    errors: list[checks.CheckMessage] = []
    method = getattr(settings, "PRIVATE_FILES_SERVE", "django")
    if method not in SERVE_METHODS:
        errors.append(
            checks.Error(
                f"PRIVATE_FILES_SERVE is {method!r}; allowed are {', '.join(SERVE_METHODS)}.",
                id="portal.E101",
            )
        )
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (_inside(root, Path(public)) or _inside(Path(public), root)):
            errors.append(
                checks.Error(
                    f"PRIVATE_MEDIA_ROOT ({root}) overlaps {name} ({public}), which the web "
                    "server publishes; private files would be readable without a permission "
                    "check.",
                    hint="Use a directory outside both (docs/private-files.md).",
                    id="portal.E102",
                )
            )
    location = getattr(settings, "PRIVATE_FILES_NGINX_LOCATION", "/_private/")
    if method == "nginx" and not location.startswith("/"):
        errors.append(
            checks.Error(
                "PRIVATE_FILES_NGINX_LOCATION must be an absolute path such as /_private/.",
                id="portal.E103",
            )
        )
    return errors
