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


def test_coordination_gets_unclear_faq_feedback_in_the_digest(page: Page, live_server, demo):
    """Issue 18: the KIM-Koordination finds the knowledge base's kinds in the profile (digest
    by default); what a reader found unclear reaches her in the daily digest, nobody else."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    koordination = users.get(username="koordination")
    partner = users.get(username="partner")

    login(page, live_server, "koordination", DEMO_PASSWORD)
    page.goto(live_server.url + "/konto/profil/")
    for label in (
        "Neue Rückmeldungen zu den FAQ",
        "Überfällige Evaluationen von Kooperationsvereinbarungen",
    ):
        group = page.get_by_role("group", name=label)
        expect(group.get_by_role("radio", name="Tägliche Zusammenfassung")).to_be_checked()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "partner", DEMO_PASSWORD)
    page.goto(live_server.url + "/konto/profil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Profil")
    expect(page.get_by_role("group", name="Neue Rückmeldungen zu den FAQ")).to_have_count(0)
    page.goto(live_server.url + "/wissensbasis/faq/")
    question = page.locator("article.faq-question").first
    question.get_by_role("button", name="Nein, unklar").click()
    region = question.get_by_role("status")
    region.get_by_label("Was war unklar?").fill("Wer ist in Balve zuständig?")
    region.get_by_role("button", name="Absenden").click()
    expect(region).to_contain_text("Danke! Die KIM-Koordination sieht sich die Antwort an.")

    mail.outbox.clear()
    call_command("send_digests")
    digests = [m for m in mail.outbox if koordination.email in m.to]
    assert len(digests) == 1
    assert "Neue Rückmeldungen zu den FAQ" in digests[0].body
    assert "Wer ist in Balve zuständig?" in digests[0].body
    assert [m for m in mail.outbox if partner.email in m.to] == []
    holders = {u.email for u in users.filter(groups__name="KIM-Koordination")}
    assert {address for m in mail.outbox for address in m.to} <= holders
