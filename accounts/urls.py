"""Login, logout and password views (Django's own), with German templates."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views_accounts, views_profile, views_two_factor
from accounts.forms import OutboxPasswordResetForm, PortalAuthenticationForm
from accounts.sso import sso_callback, sso_login
from accounts.views import PasswordResetView, PortalLoginView

app_name = "accounts"

urlpatterns = [
    path("profil/", views_profile.profile, name="profile"),
    path(
        "anmelden/",
        PortalLoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=PortalAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "passwort-vergessen/",
        PasswordResetView.as_view(
            form_class=OutboxPasswordResetForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "passwort-aendern/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "passwort-aendern/fertig/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("einladungen/", views_accounts.invitation_list, name="invitations"),
    path("einladungen/neu/", views_accounts.invitation_create, name="invitation_create"),
    path(
        "einladungen/<int:pk>/erneut-senden/",
        views_accounts.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "einladungen/<int:pk>/zurueckziehen/",
        views_accounts.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "einladung/<uidb64>/<token>/",
        views_accounts.invitation_accept,
        name="invitation_accept",
    ),
    path("nutzungsbedingungen/", views_accounts.terms, name="terms"),
    path("konten/", views_accounts.unused_accounts, name="unused"),
    path("protokoll/", views_accounts.audit_log, name="audit_log"),
    path("sso/anmelden/", sso_login, name="sso_login"),
    path("sso/rueckkehr/", sso_callback, name="sso_callback"),
    path("zwei-faktor/", views_two_factor.verify, name="two_factor_verify"),
    path("zwei-faktor/einrichten/", views_two_factor.setup, name="two_factor_setup"),
    path(
        "zwei-faktor/wiederherstellungscodes/",
        views_two_factor.recovery_codes,
        name="two_factor_recovery_codes",
    ),
]
