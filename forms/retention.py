"""Retention of Meldebögen (docs/deletion-concept.md).

- Drafts are deleted when their expiry date (last change + MELDEBOGEN_DRAFT_DAYS) has passed.
- Submitted reports keep their structured fields (theme, Kommunen, Rechtskreise, kinds of
  barrier, frequency) for the statistics, but MELDEBOGEN_RETENTION_DAYS after their closure
  (the last status change, into "abgeschlossen", "nicht weiterverfolgt" or "Dublette") their
  free text,
  their attachments and the recorded anonymity findings are deleted, and so are the texts the
  triage wrote about them: internal notes, questions to the reporter and their answers (open
  questions are withdrawn), the reason written for the reporter and the reasons in their
  Verlauf. Who changed what and when stays. A report still in the triage is never touched,
  however old; reopening a closed report stops its clock.
- ``plan_purge`` says what a run would do without doing it (``purge_meldeboegen --dry-run``).
- Every run leaves a RetentionLog row with counts and reference numbers, never content.
- The anonymised reports are reindexed (search.registry), so blanked texts are not found.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from forms.models import (
    ConfirmedFinding,
    Meldebogen,
    Notiz,
    RetentionLog,
    Rueckfrage,
    draft_days,
    retention_days,
)
from portal.models import Verlaufseintrag
from search.registry import reindex


@dataclass(frozen=True)
class PlannedReport:
    reference: str
    status: str
    closed_at: datetime.datetime | None
    attachments: int


@dataclass
class PurgePlan:
    """What a run at ``now`` would delete: drafts (their expiry) and closed reports."""

    now: datetime.datetime
    drafts: list[tuple[str, datetime.datetime]] = field(default_factory=list)
    draft_attachments: int = 0
    reports: list[PlannedReport] = field(default_factory=list)

    @property
    def attachments(self) -> int:
        return self.draft_attachments + sum(r.attachments for r in self.reports)


def plan_purge(now: datetime.datetime | None = None) -> PurgePlan:
    """What ``purge_meldeboegen`` would do at ``now``, changing nothing (three queries)."""
    now = now or timezone.now()
    plan = PurgePlan(now=now)
    for draft in (
        Meldebogen.objects.expired_drafts(now)
        .annotate(n_anhaenge=Count("anhaenge"))
        .order_by("draft_expires_at", "pk")
    ):
        plan.drafts.append((str(draft), draft.draft_expires_at))
        plan.draft_attachments += draft.n_anhaenge
    for report in (
        Meldebogen.objects.due_for_anonymisation(now)
        .annotate(n_anhaenge=Count("anhaenge"))
        .order_by("reference")
    ):
        plan.reports.append(
            PlannedReport(
                reference=report.reference,
                status=report.get_status_display(),
                closed_at=report.status_changed_at or report.submitted_at,
                attachments=report.n_anhaenge,
            )
        )
    return plan


def purge_meldeboegen(now: datetime.datetime | None = None) -> RetentionLog:
    now = now or timezone.now()
    with transaction.atomic():
        drafts = Meldebogen.objects.expired_drafts(now).prefetch_related("anhaenge")
        attachments_deleted = 0
        draft_ids = []
        for draft in drafts:
            for anhang in draft.anhaenge.all():
                anhang.delete_file()
                attachments_deleted += 1
            draft_ids.append(draft.pk)
        Meldebogen.objects.filter(pk__in=draft_ids).delete()

        due = list(Meldebogen.objects.due_for_anonymisation(now).prefetch_related("anhaenge"))
        blank = dict.fromkeys(Meldebogen.FREE_TEXT_FIELDS, "")
        for meldebogen in due:
            for anhang in meldebogen.anhaenge.all():
                anhang.delete_file()
                anhang.delete()
                attachments_deleted += 1
        due_ids = [m.pk for m in due]
        ConfirmedFinding.objects.filter(meldebogen_id__in=due_ids).delete()
        Notiz.objects.filter(meldebogen_id__in=due_ids).update(text="")
        Rueckfrage.objects.filter(meldebogen_id__in=due_ids).open().delete()
        Rueckfrage.objects.filter(meldebogen_id__in=due_ids).update(question="", answer="")
        Verlaufseintrag.objects.filter(
            content_type=ContentType.objects.get_for_model(Meldebogen), object_id__in=due_ids
        ).update(reason="")
        Meldebogen.objects.filter(pk__in=due_ids).update(
            **blank, reporter_reason="", free_text_deleted_at=now
        )
        # A queryset update sends no signals: the search index must drop the blanked texts.
        for meldebogen in due:
            reindex(meldebogen)

        return RetentionLog.objects.create(
            drafts_deleted=len(draft_ids),
            reports_anonymised=len(due),
            attachments_deleted=attachments_deleted,
            references=sorted(m.reference for m in due),
            draft_days=draft_days(),
            retention_days=retention_days(),
        )
