"""Two-factor sign-in (TOTP apps such as FreeOTP or Microsoft Authenticator, with recovery
codes) with django-otp, required by setting for the accounts that see the most:

- ``KIM_TWO_FACTOR_REQUIRED`` (on in production, off in development and for the demo users),
- for superusers, users with access to the Wagtail admin, and holders of any permission in
  ``KIM_TWO_FACTOR_PERMISSIONS`` (default: managing accounts, reading the triage's notes,
  seeing every Gremium with its private minutes), which covers the KIM-Koordination.

After the password (or directory) sign-in, such a user is sent to set up an app
(/konto/zwei-faktor/einrichten/) or to enter a code (/konto/zwei-faktor/) before any page,
the Wagtail admin included. Requests with an API token carry no session and are unaffected;
a session request to the API without the second factor gets a German 403.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django_otp import user_has_device

TWO_FACTOR_PREFIX = "/konto/zwei-faktor/"
ALWAYS_ALLOWED = (TWO_FACTOR_PREFIX, "/konto/abmelden/", "/static/", "/healthz/")
API_MESSAGE = "Für diesen Zugang ist die Zwei-Faktor-Anmeldung nötig. Bitte im Browser bestätigen."


def requires_two_factor(user) -> bool:
    if not (getattr(settings, "KIM_TWO_FACTOR_REQUIRED", False) and user.is_authenticated):
        return False
    if user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(user.has_perm(p) for p in settings.KIM_TWO_FACTOR_PERMISSIONS)


class TwoFactorRequiredMiddleware:
    """After django_otp's OTPMiddleware: send users who need the second factor there."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path_info.startswith(ALWAYS_ALLOWED)
            and requires_two_factor(user)
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": API_MESSAGE}, status=403)
            target = "accounts:two_factor_verify"
            if not user_has_device(user):
                target = "accounts:two_factor_setup"
            response = redirect(target)
            response["Location"] += "?" + urlencode({"next": request.get_full_path()})
            return response
        return self.get_response(request)
