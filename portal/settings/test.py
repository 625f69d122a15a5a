"""Test settings: fast hashing, in-memory media, immediate tasks, database search, mail outbox."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789abcdef"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Private files (documents, attachments) in a throwaway directory: the real file-system storage,
# so that X-Accel-Redirect / X-Sendfile paths can be checked against files on disk.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kim-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
if not os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "german"}
    }

# Off for the suite; tests of the two-factor sign-in switch it on (tests/accounts, tests/browser).
KIM_TWO_FACTOR_REQUIRED = False
# Per-process memory cache, emptied around every test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
