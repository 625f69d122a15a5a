from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from accounts.invitations import account_exists, extensions
from accounts.models import Einladung
from accounts.roles import ROLE_NAMES, ROLES_BY_NAME
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


class InvitationForm(forms.ModelForm):
    """The KIM-Koordination's invitation of one person (accounts/invitations.py)."""

    role = forms.ModelChoiceField(
        label=_("Rolle"),
        queryset=Group.objects.none(),
        empty_label=_("– bitte wählen –"),
        help_text=_("Was die Person im Portal darf; sie erhält genau diese Rolle."),
    )

    class Meta:
        model = Einladung
        fields = ["first_name", "last_name", "email", "role", "kommune", "organisation", "function"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "email": _(
                "An diese Adresse geht der Einladungslink; sie ist später der Benutzername."
            ),
            "kommune": _("Für Integrationsbeauftragte und Case Management: ihre Kommune."),
            "organisation": _(
                "Für Externe Partner: ihre Organisation (z. B. ein Wohlfahrtsverband)."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Group.objects.filter(name__in=ROLE_NAMES).order_by("name")
        self.fields["role"].label_from_instance = lambda group: (
            f"{group.name} – {ROLES_BY_NAME[group.name].description}"
        )
        for extension in extensions():
            self.fields[f"extra_{extension.key}"] = extension.field()

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if account_exists(email):
            raise ValidationError(
                _("Für diese E-Mail-Adresse gibt es bereits ein Konto im Portal."), code="exists"
            )
        if Einladung.objects.pending().filter(email__iexact=email).exists():
            raise ValidationError(
                _(
                    "Diese Person ist bereits eingeladen. Sie können die Einladung in der Liste "
                    "der offenen Einladungen erneut senden."
                ),
                code="pending",
            )
        return email

    def extras(self) -> dict:
        return {
            extension.key: extension.to_json(self.cleaned_data.get(f"extra_{extension.key}"))
            for extension in extensions()
        }


class AcceptInvitationForm(SetPasswordForm):
    """Set the password and accept the Nutzungsbedingungen (Django's password validation,
    checked against the invited person's name and address)."""

    accept_terms = forms.BooleanField(
        label=_("Ich habe die Nutzungsbedingungen gelesen und stimme ihnen zu."),
        error_messages={
            "required": _("Bitte stimmen Sie den Nutzungsbedingungen zu, um Ihr Konto anzulegen.")
        },
    )

    def __init__(self, invitation: Einladung, *args, **kwargs) -> None:
        user_model = get_user_model()
        person = user_model(
            username=invitation.email.lower(),
            email=invitation.email,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
        )
        super().__init__(person, *args, **kwargs)
        self.fields["new_password1"].label = _("Passwort")
        self.fields["new_password2"].label = _("Passwort wiederholen")
        # the template links the Nutzungsbedingungen as the checkbox's help text
        self.fields["accept_terms"].help_text = " "


class DeactivateForm(forms.Form):
    """Bulk deactivation of unused accounts (accounts/leavers.py)."""

    users = forms.ModelMultipleChoiceField(
        label=_("Konten"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens ein Konto aus.")},
    )

    def __init__(self, queryset, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = queryset
