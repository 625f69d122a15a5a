"""End-to-end test of the periodic Aufgaben reminders: the daily job (the management command,
run twice as a retried timer would) reminds the assignee of an overdue task exactly once, by
one e-mail through the Postausgang; the mail's link leads the assignee to the task, which they
mark as done by keyboard, and a later run reminds nobody."""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login
from tests.browser.test_record import _geschaeftsfuehrung_and_sitzung

pytestmark = BROWSER_MARKS

TASK = "Statistik der Anerkennungsverfahren anfordern"


def _reminders(email: str) -> list:
    return [m for m in mail.outbox if email in m.to and TASK in m.body]


def test_the_daily_job_reminds_once_and_the_mail_leads_to_the_task(page: Page, live_server, demo):
    from django.contrib.auth import get_user_model

    from portal.models import Benachrichtigung, Postausgang
    from spaces.models import Aufgabe, Protokoll, ProtokollStatus

    sitzung = _geschaeftsfuehrung_and_sitzung()
    gf = get_user_model().objects.get(username="ib-luedenscheid")
    partner = get_user_model().objects.get(username="partner")
    protokoll = Protokoll.objects.create(sitzung=sitzung)
    protokoll.change_status(ProtokollStatus.VERTEILT, gf)
    task = Aufgabe.objects.create(
        protokoll=protokoll,
        assignee=partner,
        text=TASK,
        due_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    mail.outbox.clear()
    postausgang_before = Postausgang.objects.count()

    call_command("send_aufgaben_reminders")
    call_command("send_aufgaben_reminders")

    (reminder,) = _reminders(partner.email)
    assert reminder.subject.startswith("Aufgabe überfällig seit ")
    assert "Arbeitsgruppe" in reminder.subject
    assert TASK in reminder.body and "überfällig" in reminder.body
    assert Postausgang.objects.count() == postausgang_before + 1
    assert (
        Benachrichtigung.objects.filter(user=partner, once_key__contains=f":{task.pk}:").count()
        == 1
    )

    # The link in the mail leads the assignee to the task on the Sitzung page.
    link = re.search(r"https?://\S+#protokoll", reminder.body).group(0)
    login(page, live_server, "partner", DEMO_PASSWORD)
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text(sitzung.title)
    expect(page.get_by_text(TASK).first).to_be_visible()

    # "Meine Aufgaben" shows it overdue; done by keyboard, no further reminder.
    page.goto(live_server.url + "/gremien/aufgaben/")
    row = page.get_by_role("listitem").filter(has_text=TASK)
    expect(row).to_contain_text("überfällig")
    assert_no_axe_violations(page)
    row.get_by_role("button", name=re.compile("^Als erledigt vermerken")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("ist als erledigt vermerkt")
    task.refresh_from_db()
    assert task.status == Aufgabe.Status.ERLEDIGT
    call_command("send_aufgaben_reminders")
    assert len(_reminders(partner.email)) == 1
