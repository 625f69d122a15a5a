"""Initial texts of the legal pages, with placeholders; the Kreis edits them in the admin.

The migration ``home/0002`` creates the pages from these texts. ``manage.py setup_portal``
replaces ``KREIS_PLACEHOLDER`` by the Kreis's name in pages that still contain it. The other
placeholders (``[bitte ergänzen: …]``) stay visible until an editor replaces them: they name
what a Kreis must fill in (address, contact, data protection officer). load_demo fills them
with the demo values of the Märkischer Kreis (``home.demo_data.LEGAL_PLACEHOLDERS``).
"""

KREIS_PLACEHOLDER = "[Name des Kreises]"
TO_BE_COMPLETED = "[bitte ergänzen:"

ANSCHRIFT = "[bitte ergänzen: Anschrift der Kreisverwaltung]"
VERTRETUNG = "[bitte ergänzen: vertreten durch, z. B. die Landrätin oder den Landrat]"
KONTAKT = "[bitte ergänzen: E-Mail-Adresse und Telefonnummer der KIM-Koordination]"
DATENSCHUTZBEAUFTRAGTE = (
    "[bitte ergänzen: Anschrift oder E-Mail-Adresse der oder des Datenschutzbeauftragten]"
)
STAND = "[bitte ergänzen: Datum der Erklärung]"

IMPRESSUM = f"""
<h2>Anbieter</h2>
<p>{KREIS_PLACEHOLDER}<br/>{ANSCHRIFT}</p>
<p>Vertreten durch: {VERTRETUNG}</p>
<h2>Verantwortlich für den Inhalt</h2>
<p>Kommunales Integrationszentrum {KREIS_PLACEHOLDER}, KIM-Koordination.<br/>{KONTAKT}</p>
<h2>Hinweis</h2>
<p>Das KIM-Portal ist das Intranet des Kommunalen Integrationsmanagements (KIM) nach § 9 des
Teilhabe- und Integrationsgesetzes NRW. Es richtet sich an die beteiligten Behörden, Kommunen und
Partnerorganisationen.</p>
"""

BARRIEREFREIHEIT = f"""
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Wir sind bemüht, das KIM-Portal ({KREIS_PLACEHOLDER}) im Einklang mit der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) und der Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITV NRW) barrierefrei
zugänglich zu machen. Maßstab sind die Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA, und die
Norm EN 301 549.</p>
<p>Das Portal wird bei jeder Änderung automatisiert mit axe-core geprüft und per Tastatur getestet.</p>
<h2>Nicht barrierefreie Inhalte</h2>
<p>Hochgeladene Dokumente (zum Beispiel ältere PDF-Dateien) sind möglicherweise nicht vollständig barrierefrei.
Auf Anfrage stellen wir die Inhalte in einer zugänglichen Form bereit.</p>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung wurde auf Grundlage einer Selbstbewertung erstellt. Stand: {STAND}</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie der KIM-Koordination des
Kommunalen Integrationszentrums {KREIS_PLACEHOLDER}: {KONTAKT}</p>
<h2>Durchsetzungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die
Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden.</p>
"""

DATENSCHUTZ = f"""
<h2>Verantwortliche Stelle</h2>
<p>{KREIS_PLACEHOLDER}, {ANSCHRIFT}. Die behördliche Datenschutzbeauftragte oder den behördlichen
Datenschutzbeauftragten erreichen Sie unter: {DATENSCHUTZBEAUFTRAGTE}</p>
<h2>Zweck der Verarbeitung</h2>
<p>Das KIM-Portal unterstützt die Zusammenarbeit im Kommunalen Integrationsmanagement: Arbeitshilfen,
Gremienarbeit und die Meldung struktureller Integrationshürden. Wir verarbeiten dazu die Angaben Ihres
Benutzerkontos (Name, dienstliche E-Mail-Adresse, Organisation, Rolle) und Protokolle der Anmeldung.
Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 9 TIntG NRW.</p>
<h2>Meldebögen sind anonym</h2>
<p>Meldebögen beschreiben eine Situation, keine Person. Namen, Geburtsdaten, Anschriften oder Aktenzeichen
der beratenen Menschen dürfen nicht eingegeben werden; das Portal prüft Eingaben darauf.</p>
<h2>Speicherdauer</h2>
<p>Kontodaten speichern wir, solange Sie im Kommunalen Integrationsmanagement mitwirken. Freitexte von
Meldebögen werden nach der im Löschkonzept festgelegten Frist gelöscht. Datensicherungen bewahren wir
höchstens so lange auf, wie es das Löschkonzept vorsieht.</p>
<h2>Cookies</h2>
<p>Das Portal setzt nur technisch notwendige Cookies (Sitzung und Schutz vor Formular-Missbrauch).
Es gibt kein Tracking.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch
sowie das Recht auf Beschwerde bei der Landesbeauftragten für Datenschutz und Informationsfreiheit
Nordrhein-Westfalen.</p>
"""

LEGAL_PAGES = (
    ("impressum", "Impressum", "impressum", IMPRESSUM),
    ("barrierefreiheit", "Erklärung zur Barrierefreiheit", "barrierefreiheit", BARRIEREFREIHEIT),
    ("datenschutz", "Datenschutzerklärung", "datenschutz", DATENSCHUTZ),
)
