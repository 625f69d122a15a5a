"""Invitations: the KIM-Koordination invites a person by e-mail; the person sets a password
through the signed, expiring link (accounts/tokens.py), accepts the Nutzungsbedingungen and is
signed in with the role, Kommune or Organisation (and the Gremium memberships) chosen for them.

Every operation writes the audit log (accounts/audit.py); mails go through portal.mail.

Other apps add what an invitation can also grant (Gremium memberships: spaces/invitations.py)
by :func:`register_extension`: a form field for the invitation form, a description of the
chosen values for the lists, and what to do on acceptance. accounts imports no such app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import audit
from accounts.models import Einladung, Kontoereignis, Profile
from accounts.tokens import invitation_tokens
from portal.mail import send_later


@dataclass(frozen=True)
class InvitationExtension:
    """What another app lets an invitation grant. ``field`` makes the form field (its cleaned
    value is stored by ``to_json``); ``describe`` turns stored values into German labels;
    ``apply`` grants them to the new user when the invitation is accepted."""

    key: str
    field: Callable[[], forms.Field]
    to_json: Callable[[object], list]
    describe: Callable[[list], list[str]]
    apply: Callable[[object, list], None]


_EXTENSIONS: dict[str, InvitationExtension] = {}


def register_extension(extension: InvitationExtension) -> None:
    _EXTENSIONS[extension.key] = extension


def extensions() -> list[InvitationExtension]:
    return list(_EXTENSIONS.values())


def describe_extras(invitation: Einladung) -> list[str]:
    labels = []
    for key, values in (invitation.extras or {}).items():
        extension = _EXTENSIONS.get(key)
        if extension is not None and values:
            labels.extend(extension.describe(values))
    return labels


def link_path(invitation: Einladung) -> str:
    return reverse(
        "accounts:invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(invitation.pk)),
            "token": invitation_tokens.make_token(invitation),
        },
    )


def _send(invitation: Einladung, base_url: str) -> None:
    context = {
        "invitation": invitation,
        "link": base_url.rstrip("/") + link_path(invitation),
        "valid_days": settings.KIM_INVITATION_VALID_DAYS,
        "kreis": settings.KIM_KREIS_NAME,
        "extras": describe_extras(invitation),
    }
    subject = "".join(
        render_to_string("accounts/invitation_subject.txt", context).splitlines()
    ).strip()
    body = render_to_string("accounts/invitation_email.txt", context)
    send_later([EmailMessage(subject, body, None, [invitation.email])], kind="Einladung")


def invite(*, invited_by, base_url: str, **fields) -> Einladung:
    """Create an invitation and send its mail (after the commit)."""
    with transaction.atomic():
        invitation = Einladung.objects.create(invited_by=invited_by, **fields)
        _send(invitation, base_url)
        audit.record(
            Kontoereignis.Art.EINLADUNG,
            username=invitation.email,
            actor=invited_by,
            detail=f"Rolle „{invitation.role.name}“",
        )
    return invitation


def resend(invitation: Einladung, *, by, base_url: str) -> None:
    """Send a fresh link (valid again for the full time); earlier links stop working."""
    with transaction.atomic():
        invitation.sent_at = timezone.now()
        invitation.send_count += 1
        invitation.save(update_fields=["sent_at", "send_count"])
        _send(invitation, base_url)
        audit.record(Kontoereignis.Art.EINLADUNG_ERNEUT, username=invitation.email, actor=by)


def withdraw(invitation: Einladung, *, by) -> None:
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    audit.record(Kontoereignis.Art.EINLADUNG_ZURUECKGEZOGEN, username=invitation.email, actor=by)


def account_exists(email: str) -> bool:
    user_model = get_user_model()
    return user_model.objects.filter(email__iexact=email).exists() or (
        user_model.objects.filter(**{f"{user_model.USERNAME_FIELD}__iexact": email}).exists()
    )


def accept(invitation: Einladung, *, password: str):
    """Create the account of an accepted invitation, with its role, Profile and extras."""
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.create_user(
            username=invitation.email.lower(),
            email=invitation.email,
            password=password,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
        )
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "kommune": invitation.kommune,
                "organisation": invitation.organisation,
                "function": invitation.function,
            },
        )
        invitation.user = user
        invitation.accepted_at = timezone.now()
        invitation.terms_version = settings.KIM_TERMS_VERSION
        invitation.save(update_fields=["user", "accepted_at", "terms_version"])
        audit.record(
            Kontoereignis.Art.EINLADUNG_ANGENOMMEN,
            user=user,
            actor=user,
            detail=f"Nutzungsbedingungen Fassung {invitation.terms_version}",
        )
        user.groups.add(invitation.role)
        for key, values in (invitation.extras or {}).items():
            extension = _EXTENSIONS.get(key)
            if extension is not None and values:
                extension.apply(user, values)
    return user
