"""Retention of Meldebögen (docs/deletion-concept.md).

- Drafts are deleted when their expiry date (last change + MELDEBOGEN_DRAFT_DAYS) has passed.
- Submitted reports keep their structured fields (theme, Kommunen, Rechtskreise, kinds of
  barrier, frequency) for the statistics, but after MELDEBOGEN_RETENTION_DAYS their free text,
  their attachments and the recorded anonymity findings are deleted, and so are the texts the
  triage wrote about them: internal notes, questions to the reporter and their answers (open
  questions are withdrawn), and the reasons in their Verlauf. Who changed what and when stays.
- Every run leaves a RetentionLog row with counts and reference numbers, never content.
- The anonymised reports are reindexed (search.registry), so blanked texts are not found.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
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
        Meldebogen.objects.filter(pk__in=due_ids).update(**blank, free_text_deleted_at=now)
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
