"""The Art. 30 record for Meldebögen: the installation's own parts (controller, data-protection
officer, recipients, transfers) are editable settings filled by setup_portal, and the record
does not promise what the anonymity check cannot."""

import io

from django.core.management import call_command

from forms.models import Verarbeitungsverzeichnis

RECORD = "/admin/meldeboegen/verarbeitungsverzeichnis/"
SETTINGS = "/admin/settings/meldeboegen/verarbeitungsverzeichnis/"


def test_record_names_controller_officer_recipients_and_transfers(client, koordination):
    record = Verarbeitungsverzeichnis.load()
    record.verantwortlicher = "Kreis Unna, Der Landrat, Friedrich-Ebert-Straße 17, 59425 Unna"
    record.datenschutzbeauftragte = "datenschutz@kreis-unna.example"
    record.empfaenger = "KIM-Koordination; Rechenzentrum KDVZ als Auftragsverarbeiter."
    record.uebermittlungen = "Keine."
    record.save()
    client.force_login(koordination)
    html = client.get(RECORD).content.decode()
    for heading in (
        "Verantwortlicher",
        "Kontakt der oder des Datenschutzbeauftragten",
        "Empfänger",
        "Übermittlungen an Drittländer oder internationale Organisationen",
    ):
        assert heading in html
    assert "Friedrich-Ebert-Straße 17" in html
    assert "datenschutz@kreis-unna.example" in html
    assert "Rechenzentrum KDVZ als Auftragsverarbeiter" in html
    assert SETTINGS in html  # the way to edit them


def test_record_does_not_claim_that_the_guard_keeps_all_personal_data_out(client, koordination):
    client.force_login(koordination)
    html = client.get(RECORD).content.decode()
    assert "hält personenbezogene Daten aus den Freitexten fern" not in html
    assert "Ratsuchende sind nicht betroffen" not in html
    assert "kann nicht jede Angabe erkennen" in html
    # Retention as it is: from the closure, never during the triage.
    assert "nach dem Abschluss" in html
    assert "Meldebögen in der Sichtung werden nicht gelöscht" in html


def test_the_coordination_edits_the_settings(client, koordination, partner):
    client.force_login(partner)
    assert client.get(SETTINGS).status_code in {302, 403}
    client.force_login(koordination)
    page = client.get(SETTINGS, follow=True)
    assert page.status_code == 200
    edit_url = page.redirect_chain[-1][0] if page.redirect_chain else SETTINGS
    response = client.post(
        edit_url,
        {
            "verantwortlicher": "Märkischer Kreis, Der Landrat",
            "datenschutzbeauftragte": "dsb@maerkischer-kreis.example",
            "empfaenger": "KIM-Koordination",
            "uebermittlungen": "Keine.",
        },
    )
    assert response.status_code == 302
    assert Verarbeitungsverzeichnis.load().datenschutzbeauftragte == (
        "dsb@maerkischer-kreis.example"
    )


def test_setup_portal_fills_the_record_and_lists_what_is_missing(db):
    out = io.StringIO()
    call_command("setup_portal", "--kreis", "Kreis Unna", stdout=out)
    record = Verarbeitungsverzeichnis.load()
    assert "[bitte ergänzen:" in record.verantwortlicher
    assert "Keine Übermittlung" in record.uebermittlungen
    assert "Verzeichnis von Verarbeitungstätigkeiten (Meldebögen) vervollständigen" in (
        out.getvalue()
    )

    out = io.StringIO()
    call_command(
        "setup_portal",
        "--kreis",
        "Kreis Unna",
        "--verantwortlicher",
        "Kreis Unna, Der Landrat",
        "--datenschutz",
        "datenschutz@kreis-unna.example",
        stdout=out,
    )
    record = Verarbeitungsverzeichnis.load()
    assert record.verantwortlicher == "Kreis Unna, Der Landrat"
    assert record.datenschutzbeauftragte == "datenschutz@kreis-unna.example"
    # The recipients still name a placeholder (the IT service provider) for the Kreis to fill.
    assert "„Empfänger“" in out.getvalue()
    assert "„Verantwortlicher“" not in out.getvalue()
