"""Submitting a Meldebogen: completeness and anonymity check, reference number, receipts.

One place for the wizard and the partner API, so both apply the same rules.
"""

import logging

from django.db import transaction
from django.utils import timezone

from forms.anonymity import Finding
from forms.anonymity_guard import confirmed_for, open_findings
from forms.models import Meldebogen, Status
from forms.notifications import send_submission_mails
from forms.reference_numbers import allocate_reference
from forms.service_levels import deadline_for
from forms.steps import REQUIRED_BY_STEP
from forms.workflow import record_submission

logger = logging.getLogger(__name__)


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
        locked.reference = allocate_reference()
        locked.status = Status.EINGEGANGEN
        locked.submitted_at = now
        locked.status_changed_at = now
        locked.frist = deadline_for(Status.EINGEGANGEN, now)
        locked.draft_expires_at = None
        locked.save(
            update_fields=[
                "reference",
                "status",
                "submitted_at",
                "status_changed_at",
                "frist",
                "draft_expires_at",
                "updated_at",
            ]
        )
        record_submission(locked, now)
    try:
        send_submission_mails(locked)
    except Exception:  # the report is stored; a mail problem must not hide that
        logger.exception("Could not send the mails for %s", locked.reference)
    return locked
