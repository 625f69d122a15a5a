"""Browser tests of the knowledge base: axe-core on the main views, the directory in two clicks."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS

VIEWS = [
    "/wissensbasis/",
    "/wissensbasis/handlungskonzept/",
    "/wissensbasis/handlungskonzept/druckansicht/",
    "/wissensbasis/faq/",
    "/wissensbasis/vereinbarungen/",
    "/wissensbasis/verzeichnis/?kommune=balve&art=mbe",
    "/wissensbasis/verzeichnis/druckansicht/?kommune=balve",
    "/wissensbasis/meldebogen-leitfaden/",
]


def test_knowledge_views_pass_axe_and_the_directory_answers_in_two_clicks(
    page: Page, live_server, demo
):
    # One test: load_demo is by far the slowest part of a browser test.
    login(page, live_server, "ib-balve", DEMO_PASSWORD)
    for path in VIEWS:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_no_axe_violations(page)

    # "Who advises adults in Balve?" in two clicks from the home page (issue 18): the home page
    # links to the directory of the user's own Kommune, the entry shows its contact details.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Beratungsangebote in Balve").click()
    expect(page.get_by_label("Kommune", exact=True)).to_have_value("balve")
    page.get_by_role("link", name="Migrationsberatung für Erwachsene Diakonie Iserlohn").click()
    expect(
        page.get_by_role(
            "heading", level=1, name="Migrationsberatung für Erwachsene Diakonie Iserlohn"
        )
    ).to_be_visible()
    contact = page.get_by_role("region", name="Kontakt")
    expect(contact).to_contain_text("Piepenstockstraße 10, 58636 Iserlohn")
    expect(contact).to_contain_text("02371 795-210")
    expect(contact).to_contain_text("Sprechstunde in Balve")
    expect(contact.locator('a[href^="mailto:"]')).to_be_visible()
    assert_no_axe_violations(page)

    # The long way: Wissen -> Verzeichnis -> Balve (without JavaScript forms)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Wissen"
    ).click()
    page.get_by_role("link", name="Verzeichnis der Beratungsangebote").click()
    page.get_by_role("link", name="Balve", exact=True).click()
    expect(
        page.get_by_role("heading", name="Migrationsberatung für Erwachsene (MBE)")
    ).to_be_visible()
    expect(page.get_by_text("Migrationsberatung für Erwachsene Diakonie Iserlohn")).to_be_visible()

    # The filter form by keyboard-free selection
    page.get_by_label("Art des Angebots").select_option("jmd")
    page.get_by_role("button", name="Anzeigen").click()
    assert "kommune=balve" in page.url and "art=jmd" in page.url


def test_section_anchor_of_the_handlungskonzept_is_reachable(page: Page, live_server, demo):
    login(page, live_server, "partner", DEMO_PASSWORD)
    page.goto(live_server.url + "/wissensbasis/handlungskonzept/")
    page.get_by_role("navigation", name="Inhaltsverzeichnis").get_by_role(
        "link", name="5.1 Meldung von Integrationshürden"
    ).click()
    anchor = page.url.rsplit("#", 1)[1]
    assert anchor.startswith("abschnitt-")  # stable, not numbered by position
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    # An old numbered link (#kapitel-5-1) still lands on that section.
    page.goto(live_server.url + "/wissensbasis/")
    page.goto(live_server.url + "/wissensbasis/handlungskonzept/#kapitel-5-1")
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()


def test_guidance_filter_by_keyboard_and_the_handlungskonzept_pdf(page: Page, live_server, demo):
    login(page, live_server, "ib-balve", DEMO_PASSWORD)
    page.goto(live_server.url + "/wissensbasis/")

    # Reach the filter with the Tab key only, choose by typing, submit with Enter.
    for _press in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_handlungsfeld":
            break
    else:
        raise AssertionError("The Handlungsfeld filter cannot be reached with the Tab key")
    page.keyboard.type("Gesellschaftliche")
    expect(page.get_by_label("Handlungsfeld")).to_have_value(
        page.get_by_label("Handlungsfeld")
        .locator("option", has_text="Gesellschaftliche Teilhabe")
        .get_attribute("value")
    )
    page.keyboard.press("Tab")
    expect(page.get_by_label("Schlagwort")).to_be_focused()
    page.keyboard.type("Datenschutz")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Filtern")).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url("**/wissensbasis/?handlungsfeld=*")
    assert "schlagwort=datenschutz" in page.url
    expect(page.get_by_role("heading", name="1 Arbeitshilfe gefunden")).to_be_visible()
    results = page.locator(".entry-list")
    expect(results.get_by_role("link", name="Leitfaden: Integrationshürden melden")).to_be_visible()
    expect(results.get_by_role("link")).to_have_count(1)
    # The filter keeps its choice and is reset by a link, also by keyboard.
    expect(page.get_by_label("Schlagwort")).to_have_value("datenschutz")
    page.get_by_role("link", name="Filter zurücksetzen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Inhalte")).to_be_visible()
    assert_no_axe_violations(page)

    # The Handlungskonzept's PDF link delivers a PDF (with the reader's session).
    page.goto(live_server.url + "/wissensbasis/handlungskonzept/")
    pdf_link = page.get_by_role("link", name="Als PDF herunterladen")
    expect(pdf_link).to_be_visible()
    href = pdf_link.get_attribute("href")
    assert href.endswith("/wissensbasis/handlungskonzept/pdf/")
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_editor_links_a_handlungskonzept_section_in_rich_text(page: Page, live_server, demo):
    from knowledge.models import GuidancePage

    guidance = GuidancePage.objects.get(slug="meldebogen-leitfaden")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(page, live_server, "koordination", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{guidance.pk}/edit/")
    editor = page.locator(".DraftEditor-root [contenteditable=true]").first
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Mehr dazu im Konzept.")
    page.keyboard.press("Shift+Home")
    button = page.locator('button[name="HANDLUNGSKONZEPT_SECTION"]').first
    expect(button).to_be_visible()
    button.click()
    choice = page.get_by_role("button", name="5.1 Meldung von Integrationshürden")
    expect(choice).to_be_visible()
    choice.click()
    expect(choice).to_be_hidden()
    # Draftail writes its state to the hidden field after a short interval; save after that.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')]"
        ".some((field) => field.value.includes('abschnitt-'))"
    )
    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_text("wurde aktualisiert").first).to_be_visible()
    assert errors == []

    guidance.refresh_from_db()
    draft = guidance.get_latest_revision_as_object()
    stored = str(draft.body.raw_data)
    assert 'linktype="handlungskonzept-section"' in stored
    assert re.search(r'anchor="abschnitt-[0-9a-f]{8}"', stored)


def test_faq_unclear_asks_what_and_confirms_in_place(page: Page, live_server, demo):
    """Issue 18: "Nein, unklar" asks what was unclear, in the question's own live region,
    without reloading the page."""
    from knowledge.models import FaqFeedback

    login(page, live_server, "partner", DEMO_PASSWORD)
    page.goto(live_server.url + "/wissensbasis/faq/")
    page.evaluate("window.notReloaded = true")
    question = page.locator("article.faq-question").first
    question.get_by_role("button", name="Nein, unklar").click()
    region = question.get_by_role("status")
    expect(region).to_contain_text("Was war unklar?")
    region.get_by_label("Was war unklar?").fill("Die Abkürzung KIM-CM")
    region.get_by_role("button", name="Absenden").click()
    expect(region).to_contain_text("Danke! Die KIM-Koordination sieht sich die Antwort an.")
    assert page.evaluate("window.notReloaded") is True
    assert FaqFeedback.objects.get().comment == "Die Abkürzung KIM-CM"
    assert_no_axe_violations(page)


def test_vier_augen_freigabe_in_the_admin_and_the_change_log_for_readers(
    page: Page, live_server, demo
):
    """Issue 18: the Redaktion cannot publish; the KIM-Koordination submits a change, cannot
    approve it herself, a second person approves it, readers see what changed."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts import roles
    from knowledge.models import HandlungskonzeptPage

    konzept = HandlungskonzeptPage.objects.get()
    edit_url = f"{live_server.url}/admin/pages/{konzept.pk}/edit/"
    second = get_user_model().objects.create_user("koordination-zwei", password=DEMO_PASSWORD)
    second.groups.add(Group.objects.get(name=roles.KOORDINATION))

    login(page, live_server, "redaktion", DEMO_PASSWORD)
    page.goto(edit_url)
    expect(page.locator('button[name="action-submit"]')).to_have_count(1)
    expect(page.locator('button[name="action-publish"]')).to_have_count(0)

    page.context.clear_cookies()
    login(page, live_server, "koordination", DEMO_PASSWORD)
    page.goto(edit_url)
    expect(page.locator('button[name="action-publish"]')).to_have_count(0)
    page.get_by_role("textbox", name="Was hat sich geändert?").fill(
        "Kapitel 5: Fristen der Sichtung ergänzt"
    )
    with page.expect_navigation():  # the submit button sits in the footer's dropdown
        page.locator('button[name="action-submit"]').dispatch_event("click")
    page.goto(edit_url)
    expect(page.get_by_text("nicht selbst freigeben")).to_be_visible()
    expect(page.locator('[data-workflow-action-name="approve"]')).to_have_count(0)

    page.context.clear_cookies()
    login(page, live_server, "koordination-zwei", DEMO_PASSWORD)
    page.goto(edit_url)
    approve = page.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    expect(approve).to_have_count(1)
    with page.expect_navigation():  # Wagtail's script posts the action
        approve.dispatch_event("click")

    page.context.clear_cookies()
    login(page, live_server, "ib-balve", DEMO_PASSWORD)
    page.goto(live_server.url + "/wissensbasis/handlungskonzept/")
    changes = page.get_by_role("region", name="Was hat sich geändert")
    expect(changes.get_by_role("listitem").first).to_contain_text(
        "Kapitel 5: Fristen der Sichtung ergänzt"
    )
    expect(changes).to_contain_text("Erste Fassung im Portal")
    assert_no_axe_violations(page)


def test_redaktion_imports_agreements_for_review(page: Page, live_server, demo, tmp_path):
    """Issue 18: the Redaktion imports a CSV of Kooperationsvereinbarungen; the preview says the
    rows go to review, the import submits them, readers still see the published version."""
    from knowledge.models import Kooperationsvereinbarung

    balve = Kooperationsvereinbarung.objects.get(kommune__slug="balve", organisation=None)
    before = balve.parties
    csv = tmp_path / "vereinbarungen.csv"
    csv.write_text(
        "Kommune;Partnerorganisation;Vertragsparteien;Status;unterzeichnet am\n"
        "Balve;;Märkischer Kreis und Stadt Balve (neu gefasst);in Verhandlung;\n",
        encoding="utf-8",
    )
    login(page, live_server, "redaktion", DEMO_PASSWORD)
    page.goto(live_server.url + "/admin/snippets/knowledge/kooperationsvereinbarung/import/")
    expect(page.get_by_text("als Entwurf gespeichert und zur Freigabe eingereicht")).to_be_visible()
    expect(page.get_by_label("Direkt veröffentlichen")).to_have_count(0)
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(csv))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.get_by_text("0 neu, 1 geändert, 0 unverändert.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(
        page.get_by_text("Zur Freigabe eingereicht: Kooperationsvereinbarung Balve.")
    ).to_be_visible()

    balve.refresh_from_db()
    assert balve.parties == before and balve.workflow_in_progress
    page.goto(f"{live_server.url}/wissensbasis/vereinbarungen/{balve.pk}/")
    expect(page.get_by_text("(neu gefasst)")).to_have_count(0)
