"""Account views that extend Django's and Wagtail's own: password reset with the address
lockout (accounts/lockout.py)."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from wagtail.admin.views import account as wagtail_account

from accounts.lockout import address_is_locked, lockout_response, record_failure
from accounts.sso import REFUSED_MESSAGE, REFUSED_PARAMETER, REFUSED_VALUE, sso_enabled


class AddressLimitedResetMixin:
    """Every reset request uses up one attempt of the address's allowance; a locked address
    gets the lockout message instead of another e-mail. The answer is otherwise the same
    whether an account exists or not (Django's behaviour)."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if address_is_locked(request):
            return lockout_response(request, None, None)
        record_failure(request, type(self), "Password reset requested")
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, None, None)
        return super().post(request, *args, **kwargs)


class PasswordResetView(AddressLimitedResetMixin, auth_views.PasswordResetView):
    """The portal's password reset form (/konto/passwort-vergessen/)."""


class AdminPasswordResetView(AddressLimitedResetMixin, wagtail_account.PasswordResetView):
    """The Wagtail admin's password reset form (/admin/password_reset/); its mail goes
    through the outbox (portal.mail): its form is WAGTAILADMIN_USER_PASSWORD_RESET_FORM
    (accounts.forms.AdminOutboxPasswordResetForm, portal/settings/base.py)."""


class PortalLoginView(auth_views.LoginView):
    """Django's login, with the single sign-on button when it is set up (accounts/sso.py) and
    the German reason when the identity provider's sign-in was refused."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = sso_enabled()
        context["sso_refused"] = self.request.GET.get(REFUSED_PARAMETER) == REFUSED_VALUE
        context["sso_refused_message"] = REFUSED_MESSAGE
        return context
