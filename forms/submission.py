"""Submitting a Meldebogen: completeness and anonymity check, reference number, receipts.

One place for the wizard and the partner API, so both apply the same rules.
"""

from django.db import transaction
from django.utils import timezone

from forms.anonymity import Finding
from forms.anonymity_guard import confirmed_for, open_findings
from forms.models import Meldebogen
from forms.notifications import send_submission_mails
from forms.reference_numbers import allocate_reference
from forms.steps import REQUIRED_BY_STEP
from forms.workflow import record_submission


class NotReadyToSubmit(Exception):
    """The draft misses required answers or has unconfirmed anonymity findings."""

    def __init__(self, missing: dict[str, list[str]], findings: dict[str, list[Finding]]):
        super().__init__("Meldebogen is not ready to submit")
        self.missing = missing
        self.findings = findings


def missing_fields(meldebogen: Meldebogen) -> dict[str, list[str]]:
    """Step name -> required model fields that are still empty, in step order."""
    missing: dict[str, list[str]] = {}
    for step, fields in REQUIRED_BY_STEP.items():
        for name in fields:
            if name == "kommunen":
                empty = not meldebogen.kommunen.exists()
            else:
                value = getattr(meldebogen, name)
                empty = value is None or value == "" or value == []
            if empty:
                missing.setdefault(step, []).append(name)
    return missing


def unconfirmed_findings(meldebogen: Meldebogen) -> dict[str, list[Finding]]:
    """Free-text field -> findings the reporter has not confirmed."""
    confirmed = confirmed_for(meldebogen)
    result = {}
    for name in Meldebogen.FREE_TEXT_FIELDS:
        findings = open_findings(getattr(meldebogen, name), confirmed.get(name, ()))
        if findings:
            result[name] = findings
    return result


def submit(meldebogen: Meldebogen) -> Meldebogen:
    """Turn a complete draft into a submitted report and send the receipts.

    Raises NotReadyToSubmit. Submitting twice (double click) hands out one number only.
    """
    with transaction.atomic():
        locked = Meldebogen.objects.select_for_update().get(pk=meldebogen.pk)
        if not locked.is_draft:
            return locked
        missing = missing_fields(locked)
        findings = unconfirmed_findings(locked)
        if missing or findings:
            raise NotReadyToSubmit(missing, findings)
        now = timezone.now()
        record_submission(
            locked,
            at=now,
            updates={
                "reference": allocate_reference(),
                "submitted_at": now,
                "draft_expires_at": None,
            },
        )
        # Queued in this transaction, sent after the commit (portal.mail): a mail server
        # problem never loses the report, and the mails are retried until they are out.
        send_submission_mails(locked)
    return locked
