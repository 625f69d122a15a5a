"""Daily digest to the KIM-Koordination: which reports are past their deadline.

Sent by ``manage.py send_triage_digest`` or the task ``forms.tasks.send_triage_digest_task``,
once a day by the deployment's scheduler (docs/apps/forms.md). E-mail leaves the portal's access
control, so the digest names reference number, status and working days overdue only: no free
text, no Thema, no Kommune, no names.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from forms.models import Meldebogen
from forms.notifications import koordination_recipients
from forms.service_levels import working_days_between
from forms.worklist import overdue
from portal.mail import send_later


def overdue_rows(today: datetime.date | None = None) -> list[dict]:
    """Reference, status label and working days overdue of every overdue report, most overdue
    first."""
    today = today or timezone.localdate()
    reports = overdue(Meldebogen.objects.submitted(), today).only("reference", "status", "frist")
    rows = [
        {
            "reference": m.reference,
            "status": m.get_status_display(),
            "days": working_days_between(m.frist, today),
        }
        for m in reports.order_by("frist", "reference")
    ]
    # A deadline that passed on a weekend or holiday is not overdue by a working day yet.
    rows = [row for row in rows if row["days"] > 0]
    rows.sort(key=lambda row: (-row["days"], row["reference"]))
    return rows


def send_overdue_digest(today: datetime.date | None = None) -> int:
    """Send the digest if any report is overdue; returns the number of overdue reports."""
    today = today or timezone.localdate()
    rows = overdue_rows(today)
    recipients = koordination_recipients()
    if not rows or not recipients:
        return len(rows)
    worklist_url = (
        settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("forms:worklist") + "?ueberfaellig=on"
    )
    body = render_to_string(
        "meldeboegen/mail/digest.txt",
        {
            "rows": rows,
            "count": len(rows),
            "today": today,
            "worklist_url": worklist_url,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    message = EmailMessage(
        subject=f"Meldebögen: {len(rows)} über der Bearbeitungsfrist",
        body=body,
        bcc=recipients,
    )
    send_later([message], kind="Fristen-Übersicht")
    return len(rows)
