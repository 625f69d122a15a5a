"""Single sign-on through the Kreis's identity provider (OpenID Connect, mozilla-django-oidc),
when OIDC_RP_CLIENT_ID is set (portal/settings/base.py, docs/operations.md).

The login page then shows "Mit Kreis-Konto anmelden". After the provider's sign-in, the
portal account is found by the user name claim (``OIDC_USERNAME_CLAIM``) or created; name and
e-mail address come from the claims at every sign-in, and the portal roles from the roles
claim (``OIDC_ROLES_CLAIM``) through ``OIDC_ROLE_MAP`` (claim value -> role name). A person none
of whose values maps to a role is refused (``OIDC_REQUIRE_ROLE``), as is an account deactivated
in the portal; the login page then says why in German. No password is stored for such an
account. Logging out of the portal ends the portal session (Django's LogoutView).
"""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import audit
from accounts.models import Kontoereignis
from accounts.roles import ROLE_NAMES, set_roles

logger = logging.getLogger("kim.security")

REFUSED_PARAMETER = "sso"
REFUSED_VALUE = "abgelehnt"
REFUSED_MESSAGE = (
    "Die Anmeldung mit dem Kreis-Konto ist nicht gelungen: Ihr Kreis-Konto hat keine Rolle im "
    "KIM-Portal, oder Ihr Zugang zum Portal ist deaktiviert. Bitte wenden Sie sich an die "
    "KIM-Koordination."
)


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def roles_from_claims(claims: dict) -> set[str]:
    values = claims.get(settings.OIDC_ROLES_CLAIM) or []
    if isinstance(values, str):
        values = [values]
    mapping = {str(key).lower(): role for key, role in settings.OIDC_ROLE_MAP.items()}
    unknown = set(mapping.values()) - set(ROLE_NAMES)
    if unknown:
        raise ValueError(f"OIDC_ROLE_MAP names unknown roles: {sorted(unknown)}")
    return {mapping[str(value).lower()] for value in values if str(value).lower() in mapping}


class SSOBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the portal's mapping and refusals."""

    def _username(self, claims: dict) -> str:
        return str(claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("sub") or "")

    def filter_users_by_claims(self, claims: dict):
        username = self._username(claims)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(**{self.UserModel.USERNAME_FIELD: username})

    def verify_claims(self, claims: dict) -> bool:
        return bool(self._username(claims))

    def get_or_create_user(self, access_token, id_token, payload):
        user_info = self.get_userinfo(access_token, id_token, payload)
        username = self._username(user_info)
        if settings.OIDC_REQUIRE_ROLE and not roles_from_claims(user_info):
            logger.warning("Single sign-on of %s refused: no claim value maps to a role", username)
            audit.record(
                Kontoereignis.Art.FEHLANMELDUNG,
                username=username,
                detail="Kreis-Konto ohne Rolle im Portal",
            )
            return None
        return super().get_or_create_user(access_token, id_token, payload)

    def create_user(self, claims: dict):
        user = self.UserModel.objects.create_user(
            self._username(claims), email=claims.get("email", "")
        )
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user, claims: dict):
        user.first_name = claims.get("given_name", user.first_name)
        user.last_name = claims.get("family_name", user.last_name)
        user.email = claims.get("email", user.email)
        user.save()
        wanted = roles_from_claims(claims)
        set_roles(user, wanted)
        if not user.is_active:
            logger.warning("Single sign-on of deactivated account %s refused", user)
        return user


def _only_when_enabled(view):
    @login_not_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sso_enabled():
            raise Http404("Die Anmeldung mit dem Kreis-Konto ist nicht eingerichtet.")
        return view(request, *args, **kwargs)

    return wrapped


sso_login = _only_when_enabled(OIDCAuthenticationRequestView.as_view())
sso_callback = _only_when_enabled(OIDCAuthenticationCallbackView.as_view())
