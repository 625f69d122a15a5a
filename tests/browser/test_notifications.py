"""Browser test of the notification preferences: a Geschäftsführung chooses the daily digest
for comments on the minutes they circulated, by keyboard alone; a member's comment then reaches
them in the one daily digest, not at once."""

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login
from tests.browser.test_record import _geschaeftsfuehrung_and_sitzung

pytestmark = BROWSER_MARKS


def test_digest_for_comments_chosen_by_keyboard(page: Page, live_server, demo):
    from django.contrib.auth import get_user_model

    from spaces.models import Kommentar, Protokoll, ProtokollStatus

    sitzung = _geschaeftsfuehrung_and_sitzung()
    gf = get_user_model().objects.get(username="ib-luedenscheid")
    protokoll = Protokoll.objects.create(sitzung=sitzung)
    protokoll.change_status(ProtokollStatus.VERTEILT, gf)

    login(page, live_server, "ib-luedenscheid", DEMO_PASSWORD)
    page.get_by_role("link", name="Mein Profil").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Profil")
    group = page.get_by_role("group", name="Neue Kommentare zu Ihren Protokollen")
    immediate = group.get_by_role("radio", name="Sofort per E-Mail")
    expect(immediate).to_be_checked()
    assert_no_axe_violations(page)
    immediate.focus()
    page.keyboard.press("ArrowDown")  # the next choice of the radio group
    expect(group.get_by_role("radio", name="Tägliche Zusammenfassung")).to_be_checked()
    page.get_by_role("button", name="Einstellungen speichern").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "Ihre Einstellungen zu Benachrichtigungen sind gespeichert."
    )
    expect(
        page.get_by_role("group", name="Neue Kommentare zu Ihren Protokollen").get_by_role(
            "radio", name="Tägliche Zusammenfassung"
        )
    ).to_be_checked()

    mail.outbox.clear()
    partner = get_user_model().objects.get(username="partner")
    Kommentar.add(protokoll, partner, "Die Sprechstunde beginnt erst im April.")
    assert [m for m in mail.outbox if gf.email in m.to] == []  # not at once
    call_command("send_digests")
    digests = [m for m in mail.outbox if gf.email in m.to]
    assert len(digests) == 1
    assert "tägliche Zusammenfassung" in digests[0].subject
    assert "Neuer Kommentar zum Protokoll: Arbeitsgruppe" in digests[0].body
    call_command("send_digests")
    assert len([m for m in mail.outbox if gf.email in m.to]) == 1
