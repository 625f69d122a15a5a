import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminPasswordResetView
from portal import views
from portal.api import api
from portal.private_files import public_media

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # Wagtail's password reset, counted against the address's login allowance (accounts/lockout.py)
    path(
        "admin/password_reset/",
        AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("konto/", include("accounts.urls")),
    path("wissen/", include("knowledge.urls")),
    path("meldeboegen/", include("forms.urls")),
    path("gremien/", include("spaces.urls")),
    path("zyklus/", include("cycle.urls")),
    path("verteilung/", include("verteilung.urls")),
    path("berichte/", include("reporting.urls")),
    path("suche/", include("search.urls")),
    path("api/v1/", api.urls),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG and settings.MEDIA_URL.startswith("/"):
    # Development only, and only the public part of MEDIA_ROOT (Wagtail images). Documents and
    # attachments are private files outside MEDIA_ROOT, delivered by permission-checked views.
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", public_media),
    ]

urlpatterns += [
    # Wagtail's page serving comes last: it matches every remaining path.
    path("", include(wagtail_urls)),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
