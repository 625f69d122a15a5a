"""Background tasks of the forms app (django-tasks; run daily by the deployment's scheduler)."""

from django_tasks import task

from forms.digest import send_overdue_digest
from forms.retention import purge_meldeboegen


@task()
def purge_meldeboegen_task() -> dict:
    log = purge_meldeboegen()
    return {
        "drafts_deleted": log.drafts_deleted,
        "reports_anonymised": log.reports_anonymised,
        "attachments_deleted": log.attachments_deleted,
    }


@task()
def send_triage_digest_task() -> int:
    """The daily e-mail of overdue reports to the KIM-Koordination; returns their number."""
    return send_overdue_digest()
