"""Background tasks of the forms app (django-tasks; run daily by the deployment's scheduler)."""

from django_tasks import task

from forms.retention import purge_meldeboegen


@task()
def purge_meldeboegen_task() -> dict:
    log = purge_meldeboegen()
    return {
        "drafts_deleted": log.drafts_deleted,
        "reports_anonymised": log.reports_anonymised,
        "attachments_deleted": log.attachments_deleted,
    }
