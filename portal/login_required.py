"""The intranet rule: every view needs a login unless it says otherwise.

Django's LoginRequiredMiddleware covers our own views (exempt ones use
``django.contrib.auth.decorators.login_not_required``). Three areas decide for themselves:

- Wagtail pages: the ``before_serve_page`` hook in ``portal.wagtail_hooks`` lets through only
  page types whose class declares ``login_required = False`` (Impressum, Barrierefreiheit,
  Datenschutz); everything else redirects anonymous visitors to the login.
- The Wagtail admin enforces its own admin access (its login and password reset are public).
- The JSON API under /api/ answers 401/403 instead of redirecting to an HTML login.
"""

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseBase
from wagtail import views as wagtail_views

SELF_GUARDED_PREFIXES = ("/admin/", "/api/")


class IntranetLoginRequiredMiddleware(LoginRequiredMiddleware):
    def process_view(
        self, request: HttpRequest, view_func, view_args, view_kwargs
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(SELF_GUARDED_PREFIXES):
            return None
        if not getattr(view_func, "login_required", True):
            # Decided before looking at the session: /healthz/ must answer without the database.
            return None
        if view_func is wagtail_views.serve:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


def page_requires_login(page_class: type) -> bool:
    """Whether a page type is only for logged-in users (the default for every page type)."""
    return getattr(page_class, "login_required", True)
