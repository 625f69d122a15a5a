"""Settings shared by every environment.

Everything that differs between machines comes from environment variables with safe
defaults; see docs/configuration.md for the full list.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PORTAL_DIR = BASE_DIR / "portal"
VAR_DIR = Path(os.environ.get("KIM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean from the environment ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"  # German, in the portal's layout

INSTALLED_APPS = [
    # Our apps; home depends on all others; reporting on cycle; cycle on forms and spaces;
    # forms and spaces on knowledge; verteilung on spaces and knowledge.
    "portal",
    "accounts",
    "home",
    "knowledge",
    "forms",
    "spaces",
    "cycle",
    "verteilung",
    "reporting",
    "search",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v3",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "formtools",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Two-factor sign-in: TOTP apps and recovery codes (accounts/two_factor.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Each cache version is read once per request (portal/cache_versions.py).
    "portal.cache_versions.RequestVersionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (portal/security_headers.py)
    "portal.security_headers.PortalCSPMiddleware",
    # Every error under /api/ as German JSON (also Django's 404/500 and ninja's 405).
    "portal.api_errors.ApiErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.login_required.IntranetLoginRequiredMiddleware",
    # Two-factor sign-in (accounts/two_factor.py): request.user.is_verified(), then the rule.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.TwoFactorRequiredMiddleware",
    # Who acts, for the audit log of accounts (accounts/audit.py).
    "accounts.audit.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked login into the German lockout page (accounts/lockout.py).
    "axes.middleware.AxesMiddleware",
]

# Anmeldesperre (accounts/lockout.py, docs/security.md): failed logins on the login form, the
# admin login and with API tokens, and password reset requests, are counted per account and per
# address; at the limit, further attempts are refused for the cool-off period, even with the
# right password. Administrators lift a lock in the admin (Einstellungen > Anmeldesperren).
AUTHENTICATION_BACKENDS = [
    "accounts.lockout.LockoutBackend",
    "accounts.backends.ModelBackend",
]
# Directory sign-in (LDAP / Active Directory, accounts/directory.py, docs/operations.md): on when
# LDAP_SERVER_URI is set. The login form then checks directory accounts first, local ones after.
LDAP_SERVER_URI = os.environ.get("LDAP_SERVER_URI", "")
LDAP_AUTH_URL = [LDAP_SERVER_URI] if LDAP_SERVER_URI else []
LDAP_AUTH_USE_TLS = env_bool("LDAP_START_TLS", False)
LDAP_AUTH_SEARCH_BASE = os.environ.get("LDAP_USER_SEARCH_BASE", "")
LDAP_AUTH_OBJECT_CLASS = os.environ.get("LDAP_USER_OBJECT_CLASS", "inetOrgPerson")
LDAP_AUTH_USER_FIELDS = {
    "username": os.environ.get("LDAP_USERNAME_ATTRIBUTE", "uid"),
    "first_name": "givenName",
    "last_name": "sn",
    "email": "mail",
}
LDAP_AUTH_USER_LOOKUP_FIELDS = ("username",)
# How the user name becomes the bind name: "openldap" (uid=NAME,LDAP_USER_SEARCH_BASE) or
# "active_directory" (NAME@LDAP_AD_DOMAIN, the userPrincipalName).
LDAP_AUTH_FORMAT_USERNAME = {
    "openldap": "django_python3_ldap.utils.format_username_openldap",
    "active_directory": "django_python3_ldap.utils.format_username_active_directory_principal",
}[os.environ.get("LDAP_BIND_FORMAT", "openldap")]
LDAP_AUTH_ACTIVE_DIRECTORY_DOMAIN = os.environ.get("LDAP_AD_DOMAIN", "")
LDAP_AUTH_FORMAT_SEARCH_FILTERS = "accounts.directory.search_filters"
LDAP_AUTH_SYNC_USER_RELATIONS = "accounts.directory.sync_roles"
LDAP_AUTH_CONNECT_TIMEOUT = int(os.environ.get("LDAP_TIMEOUT", "5"))
LDAP_AUTH_RECEIVE_TIMEOUT = int(os.environ.get("LDAP_TIMEOUT", "5"))
# Extra condition of the user search, e.g. AD's "not disabled" (docs/operations.md).
LDAP_USER_FILTER = os.environ.get("LDAP_USER_FILTER", "")
# Where the user's groups are searched ({dn}: the user's DN); empty: the memberOf attribute.
LDAP_GROUP_SEARCH_BASE = os.environ.get("LDAP_GROUP_SEARCH_BASE", "")
LDAP_GROUP_FILTER = os.environ.get("LDAP_GROUP_FILTER", "(member={dn})")
# Directory group DN -> portal role, as JSON: {"cn=kim-koordination,ou=gruppen,dc=kreis,dc=de":
# "KIM-Koordination", ...}. Without a mapped group, a directory user is refused (LDAP_REQUIRE_ROLE).
LDAP_ROLE_GROUPS = json.loads(os.environ.get("LDAP_ROLE_GROUPS", "{}"))
LDAP_REQUIRE_ROLE = env_bool("LDAP_REQUIRE_ROLE", True)
if LDAP_SERVER_URI:
    AUTHENTICATION_BACKENDS.insert(1, "accounts.directory.DirectoryBackend")

# Single sign-on through the Kreis's identity provider (OpenID Connect, accounts/sso.py,
# docs/operations.md): on when OIDC_RP_CLIENT_ID is set.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile groups")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ROLES_CLAIM = os.environ.get("OIDC_ROLES_CLAIM", "groups")
# Claim value -> portal role, as JSON: {"kim-koordination": "KIM-Koordination", ...}
OIDC_ROLE_MAP = json.loads(os.environ.get("OIDC_ROLE_MAP", "{}"))
OIDC_REQUIRE_ROLE = env_bool("OIDC_REQUIRE_ROLE", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
LOGIN_REDIRECT_URL_FAILURE = "/konto/anmelden/?sso=abgelehnt"
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.insert(1, "accounts.sso.SSOBackend")

KIM_LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("KIM_LOGIN_FAILURES_PER_ACCOUNT", "5"))
KIM_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("KIM_LOGIN_FAILURES_PER_ADDRESS", "30"))
KIM_LOGIN_COOLOFF_MINUTES = int(os.environ.get("KIM_LOGIN_COOLOFF_MINUTES", "15"))
AXES_HANDLER = "accounts.lockout.PortalLockoutHandler"
AXES_FAILURE_LIMIT = KIM_LOGIN_FAILURES_PER_ACCOUNT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=KIM_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The client's address: REMOTE_ADDR, or behind KIM_PROXY_COUNT reverse proxies (deploy/nginx: 1)
# the X-Forwarded-For entry the outermost of them added (accounts.lockout.client_address).
# Whom to tell about a security problem (e-mail address or URL): /.well-known/security.txt.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "")
KIM_PROXY_COUNT = int(os.environ.get("KIM_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

# Database: DATABASE_URL, default an SQLite file under var/.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kim-portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (accounts/, docs/operations.md "Konten"): an invitation link is valid for
# KIM_INVITATION_VALID_DAYS days after it was (last) sent; accounts without a sign-in (or API
# token use) for KIM_INACTIVE_ACCOUNT_DAYS days are reported to the KIM-Koordination; the
# Nutzungsbedingungen an invited person accepts carry the version KIM_TERMS_VERSION.
# Two-factor sign-in (accounts/two_factor.py, docs/operations.md): required for superusers,
# Wagtail admin users and holders of these permissions; off in development (portal/settings/dev.py).
KIM_TWO_FACTOR_REQUIRED = env_bool("KIM_TWO_FACTOR_REQUIRED", True)
KIM_TWO_FACTOR_PERMISSIONS = [
    "accounts.manage_accounts",  # the KIM-Koordination's account management
    "meldeboegen.view_notiz",  # the triage's notes
    "spaces.view_gremium",  # every Gremium, with private minutes
]
OTP_TOTP_ISSUER = "KIM-Portal"
KIM_INVITATION_VALID_DAYS = int(os.environ.get("KIM_INVITATION_VALID_DAYS", "14"))
KIM_INACTIVE_ACCOUNT_DAYS = int(os.environ.get("KIM_INACTIVE_ACCOUNT_DAYS", "180"))
KIM_TERMS_VERSION = os.environ.get("KIM_TERMS_VERSION", "2026-12")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"

# Internationalisation: the interface is German.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch"))]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static and media files
STATIC_URL = "/static/"
# Django's cache, shared by all server processes (gunicorn workers, the task worker): files
# under KIM_CACHE_DIR. It holds what is computed per visibility rule (portal/privacy.py: hidden
# page paths, navigation) and Wagtail's site root paths; every entry can be lost at any time.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("KIM_CACHE_DIR", str(VAR_DIR / "cache")),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("KIM_CACHE_MAX_ENTRIES", "5000"))},
    }
}

STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PORTAL_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Backups of database and files (manage.py backup_portal; docs/operations.md). Backups older
# than KIM_BACKUP_KEEP_DAYS are deleted by the next backup (the deletion concept wants < 1 year).
KIM_BACKUP_DIR = Path(os.environ.get("KIM_BACKUP_DIR", VAR_DIR / "backups"))
KIM_BACKUP_KEEP_DAYS = int(os.environ.get("KIM_BACKUP_KEEP_DAYS", "30"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Documents and Meldebogen attachments: outside MEDIA_ROOT, no URL, random names; only
    # permission-checked views deliver them (portal/private_files.py, docs/private-files.md).
    "private": {"BACKEND": "portal.private_files.PrivateFileStorage"},
}
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# How a permission-checked view hands a private file over: "django" streams it; "nginx" answers
# with X-Accel-Redirect to PRIVATE_FILES_NGINX_LOCATION (an internal location); "apache" with
# X-Sendfile (mod_xsendfile). See docs/private-files.md and deploy/nginx/.
PRIVATE_FILES_SERVE = os.environ.get("PRIVATE_FILES_SERVE", "django")
PRIVATE_FILES_NGINX_LOCATION = os.environ.get("PRIVATE_FILES_NGINX_LOCATION", "/_private/")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "KIM-Portal <kim-portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reminders of due Aufgaben (spaces.notifications): this many days before the due date.
SPACES_AUFGABE_REMINDER_DAYS = int(os.environ.get("SPACES_AUFGABE_REMINDER_DAYS", "3"))

# Background work (django-tasks). Immediate unless a deployment chooses the database queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Search: the project's database (SQLite FTS5 / PostgreSQL) unless ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Prefix of the Elasticsearch index names: Wagtail's own indexes and the portal's search index
# ("<prefix>-suche", search/backends/elasticsearch.py) both read this one setting.
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "") or "kim-portal"
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": ELASTICSEARCH_INDEX_PREFIX,
            "TIMEOUT": 10,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "german",
        }
    }

# Wagtail
# The portal's public address, for links in e-mails; required in production (and checked by
# `check --deploy`: https, host in ALLOWED_HOSTS).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
# The host in the UIDs of Sitzungen in the iCal feed and in invitation mails (one for both, so
# calendars match updates to their entries); empty: the host of PORTAL_BASE_URL.
SPACES_ICAL_UID_HOST = os.environ.get("SPACES_ICAL_UID_HOST", "")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch")]
WAGTAIL_USER_TIME_ZONES = ["Europe/Berlin"]
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAILDOCS_DOCUMENT_MODEL = "knowledge.KnowledgeDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("KIM_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
# Every new document file is checked by its content, not its name (portal/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "knowledge.document_forms.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("KIM_IMAGE_MAX_BYTES", str(10 * 1024 * 1024)))
# Imports of FAQs and directory entries (CSV/XLSX) in the admin.
KIM_IMPORT_MAX_BYTES = int(os.environ.get("KIM_IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))
# Text extraction of documents: a background task parses PDF/DOCX/ODT in a child process within
# these limits (knowledge.extraction.Limits: max_unpacked_bytes, max_parts, max_paragraphs,
# max_pages, max_chars, timeout_seconds, memory_bytes).
DOCUMENT_EXTRACTION_LIMITS = {
    "timeout_seconds": int(os.environ.get("DOCUMENT_EXTRACTION_TIMEOUT", "60")),
}
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Its mail goes through the outbox (portal.mail) like every other, not sent in the request.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.AdminOutboxPasswordResetForm"  # noqa: S105
# Documents are served by a Django view that checks the login and the collection privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_COMMENTS_ENABLED = True
# After a Vier-Augen-Freigabe the approval authorises the publication (knowledge.models.review).
WAGTAIL_FINISH_WORKFLOW_ACTION = "knowledge.workflow_finish.publish_workflow_state"

# API tokens: Wagtail's APIToken; record use at most every five minutes.
WAGTAILAPI_TOKEN_LAST_USED_INTERVAL = 300

# Meldebögen (see docs/deletion-concept.md): draft lifetime, warning before expiry, retention of
# free text and attachments after submission, attachment limits.
MELDEBOGEN_DRAFT_DAYS = int(os.environ.get("MELDEBOGEN_DRAFT_DAYS", "60"))
MELDEBOGEN_DRAFT_WARNING_DAYS = int(os.environ.get("MELDEBOGEN_DRAFT_WARNING_DAYS", "7"))
MELDEBOGEN_RETENTION_DAYS = int(os.environ.get("MELDEBOGEN_RETENTION_DAYS", "730"))
MELDEBOGEN_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("MELDEBOGEN_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
)
MELDEBOGEN_MAX_ATTACHMENTS = int(os.environ.get("MELDEBOGEN_MAX_ATTACHMENTS", "5"))

# Reporting (docs/apps/reporting.md): counts from 1 to threshold-1 are shown as "< threshold";
# the anonymised export names reporters only when a deployment decides so; the Kreis's name on
# the Sachstandsbericht.
REPORTING_SMALL_NUMBER_THRESHOLD = int(os.environ.get("REPORTING_SMALL_NUMBER_THRESHOLD", "3"))
REPORTING_EXPORT_INCLUDE_REPORTER = env_bool("REPORTING_EXPORT_INCLUDE_REPORTER", False)
KIM_KREIS_NAME = os.environ.get("KIM_KREIS_NAME", "Märkischer Kreis")
WAGTAIL_SITE_NAME = f"KIM-Portal {KIM_KREIS_NAME}"

SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day
# Sessions in the database, read through Django's shared cache (one query less on every
# request); ending a person's sessions goes through the engine (accounts/leavers.py), which
# deletes both.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Avatars in the admin come from Wagtail's own initials, not from gravatar.com (no e-mail hashes
# to a third party; the admin's CSP loads nothing from other origins).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call from the admin to releases.wagtail.org (updates come through constraints.txt).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Content-Security-Policy (django-csp; portal/security_headers.py, docs/security.md). The
# portal's pages: everything from the portal itself, no inline script; inline style attributes
# only (the charts' SVG sizes), <style> elements only by hash (standalone error pages).
_CSP_SELF = "'self'"
_CSP_NONE = "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [_CSP_SELF, "data:"],
        "font-src": [_CSP_SELF],
        "connect-src": [_CSP_SELF],
        "frame-src": [_CSP_SELF],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_NONE],
    },
}
# The Wagtail admin (/admin/): its editors and widgets need inline scripts and styles; still
# nothing from other origins, and framed only by itself (the preview panel).
KIM_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [_CSP_SELF],
    "script-src": [_CSP_SELF, "'unsafe-inline'"],
    "style-src": [_CSP_SELF, "'unsafe-inline'"],
    "img-src": [_CSP_SELF, "data:", "blob:"],
    "font-src": [_CSP_SELF, "data:"],
    "connect-src": [_CSP_SELF],
    "frame-src": [_CSP_SELF],
    "object-src": [_CSP_NONE],
    "base-uri": [_CSP_SELF],
    "form-action": [_CSP_SELF],
    "frame-ancestors": [_CSP_SELF],
}
# Browser features the portal never uses stay off for it and anything it embeds.
KIM_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
