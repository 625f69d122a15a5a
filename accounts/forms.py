from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from portal.mail import send_later


class PortalAuthenticationForm(AuthenticationForm):
    """Login form with autocomplete tokens and German labels."""

    username = forms.CharField(
        label=_("Benutzername"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class OutboxMailMixin:
    """For Django's (and Wagtail's) password reset forms: the mail goes through the portal's
    outbox (portal.mail), sent in the background, retried when the mail server fails, instead
    of ``PasswordResetForm.send_mail``'s direct sending."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                render_to_string(html_email_template_name, context), "text/html"
            )
        send_later([message], kind="Passwort zurücksetzen")


class OutboxPasswordResetForm(OutboxMailMixin, PasswordResetForm):
    """The portal's password reset form (/konto/passwort-vergessen/)."""


class AdminOutboxPasswordResetForm(OutboxMailMixin, WagtailPasswordResetForm):
    """The Wagtail admin's password reset form (/admin/password_reset/)."""
