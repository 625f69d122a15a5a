"""Browser walk of the Verteilungsschlüssel: the coordination imports figures, works on a
scenario, compares it and puts a key into force with a Beschluss of the Lenkungsgruppe; an
Integrationsbeauftragte of Balve then reads the adopted key and the own Kommune's case managers
and consultation days. axe-core on every page."""

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import BROWSER_MARKS, DEMO_PASSWORD, assert_no_axe_violations, login

pytestmark = BROWSER_MARKS

CSV = "\ufeffKommune;Zuzüge aus dem Ausland;Asylerstanträge\nBalve;131;15\nIserlohn;1.902;270\n"


def test_coordination_then_integrationsbeauftragte(
    page: Page, browser: Browser, live_server, demo, tmp_path
):
    from verteilung.models import Kennzahl, Verteilungsschluessel

    year = Verteilungsschluessel.objects.in_kraft().datenjahr
    login(page, live_server, "koordination", DEMO_PASSWORD)
    page.goto(live_server.url + "/verteilung/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verteilungsschlüssel Case Management"
    )
    expect(page.get_by_role("note")).to_contain_text("Plettenberg")  # hours short of the key
    assert_no_axe_violations(page)

    # Data: a bad file changes nothing and names row and column; a good one after its preview.
    page.get_by_role("link", name="Kennzahlen erfassen und importieren").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Aus CSV/XLSX importieren").click()
    bad = tmp_path / "falsch.csv"
    bad.write_text(CSV.replace("1.902", "1.9o2"), encoding="utf-8")
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(bad)
    page.get_by_label("Jahr der Werte").select_option(str(year))
    page.get_by_label("Quelle").fill("IT.NRW, Wanderungsstatistik (Korrektur)")
    page.get_by_label("Stand").fill("2026-04-30")
    page.get_by_role("button", name="Prüfen und Vorschau zeigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Zeile 3, Spalte „Zuzüge aus dem Ausland“")
    assert_no_axe_violations(page)
    good = tmp_path / "zahlen.csv"
    good.write_text(CSV, encoding="utf-8")
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(good)
    page.get_by_role("button", name="Prüfen und Vorschau zeigen").click()
    expect(page.get_by_role("heading", name=f"Vorschau: 4 Werte für {year}")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="4 Werte übernehmen").click()
    expect(page.get_by_role("status")).to_contain_text("4 Werte")
    assert (
        Kennzahl.objects.get(
            kommune__slug="iserlohn", jahr=year, indikator__slug="zuzuege-ausland"
        ).wert
        == 1902
    )

    # Scenario: the demo's scenario, compared with the key in force (chart and table).
    page.goto(live_server.url + "/verteilung/")
    page.get_by_role("link", name="Szenario: Asylerstanträge stärker gewichten").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Mit dem geltenden Schlüssel vergleichen").click()
    expect(page.get_by_role("img")).to_have_count(1)
    expect(
        page.get_by_role(
            "table", name="VZÄ je Kommune: geltender Schlüssel, Szenario und Differenz"
        )
    ).to_contain_text("Werdohl")
    assert_no_axe_violations(page)

    # Key: copy the key in force, change a weight, put it into force with a Beschluss.
    current = Verteilungsschluessel.objects.in_kraft()
    page.goto(live_server.url + current.get_absolute_url())
    page.get_by_role("button", name="Als Szenario kopieren").click()
    page.get_by_label("Titel").fill("Verteilungsschlüssel Case Management, korrigierte Zahlen")
    page.get_by_label("Gewicht „Einwohner insgesamt“ (%)").fill("10")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Speichern und berechnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verteilungsschlüssel Case Management, korrigierte Zahlen"
    )
    expect(page.get_by_role("table", name="Berechnung je Kommune")).to_contain_text("14,00")
    page.get_by_label("Beschluss der Lenkungsgruppe").select_option(index=1)
    page.get_by_label("in Kraft ab").fill("2026-07-01")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="In Kraft setzen").click()
    expect(page.get_by_role("status")).to_contain_text("ist in Kraft")
    expect(
        page.get_by_role("table", name="Verlauf: wann, wer, von, nach, Begründung")
    ).to_contain_text("in Kraft")
    assert_no_axe_violations(page)
    current.refresh_from_db()
    assert current.status == "abgeloest"

    # The Integrationsbeauftragte of Balve reads the new key and her Kommune's case management.
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
    ib = context.new_page()
    login(ib, live_server, "ib-balve", DEMO_PASSWORD)
    ib.get_by_role("link", name="Verteilungsschlüssel", exact=True).first.click()
    expect(
        ib.get_by_role("link", name="Verteilungsschlüssel Case Management, korrigierte Zahlen")
    ).to_be_visible()
    expect(ib.get_by_text("Szenario: Asylerstanträge")).to_have_count(0)
    assert_no_axe_violations(ib)
    ib.get_by_role("link", name="Verteilungsschlüssel Case Management, korrigierte Zahlen").click()
    expect(ib.get_by_role("table", name="Berechnung je Kommune")).to_contain_text("Balve")
    assert_no_axe_violations(ib)
    ib.go_back()
    ib.get_by_role("link", name="Kennzahlen und Case Management in Balve").click()
    cm = ib.get_by_role("table", name="Case Management: wer, Wochenstunden, Sprechtage, Ort")
    expect(cm).to_contain_text("Aylin Demir")
    expect(cm).to_contain_text("dienstags 9–12 Uhr")
    expect(cm).to_contain_text("Rathaus Balve")
    assert_no_axe_violations(ib)
    context.close()
