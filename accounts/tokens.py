"""The signed, expiring token of an invitation link: Django's PasswordResetTokenGenerator,
bound to the invitation instead of a user.

The token holds its timestamp and an HMAC (SECRET_KEY, with SECRET_KEY_FALLBACKS) of the
invitation's id, e-mail address and last sending, so sending again makes earlier links
invalid. Whether the invitation was accepted (a link works once) or withdrawn is decided by
the view from the invitation's state after the token checked out, so the person learns it only
with a genuine link. Unlike ``check_token``, :meth:`InvitationTokenGenerator.verdict` tells an
expired link from a wrong one, so the person gets the right German message.
"""

from __future__ import annotations

import datetime
import enum

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class Verdict(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, invitation, timestamp: int) -> str:
        # With microseconds (SQLite and PostgreSQL keep them): a resend within the same second
        # still makes the earlier link invalid.
        sent = invitation.sent_at.astimezone(datetime.UTC).isoformat()
        return f"{invitation.pk}|{invitation.email.lower()}|{sent}|{timestamp}"

    def verdict(self, invitation, token: str) -> Verdict:
        if not (invitation and token):
            return Verdict.INVALID
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return Verdict.INVALID
        for secret in [self.secret, *self.secret_fallbacks]:
            expected = self._make_token_with_timestamp(invitation, timestamp, secret)
            if constant_time_compare(expected, token):
                break
        else:
            return Verdict.INVALID
        age = self._num_seconds(self._now()) - timestamp
        if age > settings.KIM_INVITATION_VALID_DAYS * 24 * 3600:
            return Verdict.EXPIRED
        return Verdict.VALID

    def check_token(self, invitation, token: str) -> bool:
        return self.verdict(invitation, token) is Verdict.VALID


invitation_tokens = InvitationTokenGenerator()
