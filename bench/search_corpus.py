"""Realistic KIM content and graded relevance judgements for bench/search_relevance.py.

Documents are (key, title, text); judgements map a query to {document key: grade} with
3 = the answer, 2 = clearly relevant, 1 = partly relevant; unlisted documents count 0.
"""

DOCUMENTS: list[tuple[str, str, str]] = [
    (
        "hk_einleitung",
        "Handlungskonzept KIM: Einleitung",
        "Das Handlungskonzept beschreibt, wie der Märkische Kreis das Kommunale "
        "Integrationsmanagement umsetzt. Von der Einreise bis zur Einbürgerung sollen die "
        "Rechtskreise SGB II, SGB III, SGB VIII, SGB XII, AsylbLG und AufenthG zusammenwirken.",
    ),
    (
        "hk_gremien",
        "Handlungskonzept: Gremien und Steuerung",
        "Die Lenkungsgruppe steuert das KIM strategisch. Sie setzt thematische Arbeitsgruppen ein, "
        "benennt ihre Mitglieder und beschließt Zielsysteme. Die KIM-Koordination führt die "
        "Geschäfte der Lenkungsgruppe und bereitet politische Entscheidungen vor.",
    ),
    (
        "hk_systemebene",
        "Handlungskonzept: Systemebene",
        "Meldebögen zu fallbezogenen Integrationshürden werden von der Koordination nach Themen "
        "gesammelt. Ausgewählte Fälle werden in Fallrekonstruktionen untersucht und zu "
        "generativen Themen verdichtet, die der Lenkungsgruppe vorgelegt werden.",
    ),
    (
        "hk_case",
        "Handlungskonzept: Case Management",
        "Die KIM-Case Manager beraten Zugewanderte rechtskreisübergreifend vor Ort in den "
        "Kommunen. Die Stellen werden nach einem Verteilungsschlüssel auf die Kommunen verteilt.",
    ),
    (
        "hk_abh",
        "Handlungskonzept: Stellen in Ausländer- und Einbürgerungsbehörden",
        "Baustein 3 finanziert zusätzliches Personal in den Ausländerbehörden und "
        "Einbürgerungsbehörden, um den Aufenthalt gut integrierter Menschen nach §§ 25a und 25b "
        "AufenthG zu sichern und Einbürgerungen zu fördern.",
    ),
    (
        "hk_ki",
        "Handlungskonzept: Rolle des Kommunalen Integrationszentrums",
        "Das Kommunale Integrationszentrum bündelt die Angebote im Bereich Bildung und Sprache "
        "und unterstützt die Kommunen bei der interkulturellen Öffnung.",
    ),
    (
        "geschaeftsordnung",
        "Geschäftsordnung der Lenkungsgruppe",
        "Die Lenkungsgruppe hat zwölf Sitze. Den Vorsitz führt die Leitung des Fachbereichs Jugend "
        "und Bildung, Stellvertretung die Leitung des Kommunalen Integrationszentrums. Die "
        "Lenkungsgruppe tagt zweimal im Jahr und fasst Beschlüsse mit einfacher Mehrheit.",
    ),
    (
        "faq_einbuergerung",
        "FAQ: Wie lange dauert eine Einbürgerung?",
        "Die Bearbeitungszeit der Einbürgerungsbehörde beträgt derzeit etwa zwölf Monate. "
        "Voraussetzungen sind unter anderem Deutschkenntnisse auf Niveau B1, der bestandene "
        "Einbürgerungstest und die Sicherung des Lebensunterhalts.",
    ),
    (
        "faq_einbuergerungstest",
        "FAQ: Wo kann man den Einbürgerungstest ablegen?",
        "Den Test „Leben in Deutschland“ und den Einbürgerungstest bieten die Volkshochschulen in "
        "Iserlohn, Lüdenscheid und Menden an. Die Anmeldung erfolgt direkt bei der VHS.",
    ),
    (
        "faq_integrationskurs",
        "FAQ: Wer hat Anspruch auf einen Integrationskurs?",
        "Anspruch haben Menschen mit einer Aufenthaltserlaubnis zu Erwerbszwecken, aus familiären "
        "oder humanitären Gründen. Die Berechtigung stellt die Ausländerbehörde oder das BAMF aus.",
    ),
    (
        "faq_kinderbetreuung",
        "FAQ: Gibt es Kinderbetreuung während des Sprachkurses?",
        "Einige Kursträger bieten eine kursbegleitende Kinderbetreuung an. Fragen Sie beim "
        "Kursträger nach freien Plätzen.",
    ),
    (
        "faq_datenschutz",
        "FAQ: Dürfen Behörden Daten austauschen?",
        "Der Datenaustausch zwischen Jobcenter, Ausländerbehörde und Jugendamt braucht eine "
        "Einwilligung der betroffenen Person oder eine gesetzliche Grundlage. Es gilt die "
        "Datenschutzgrundverordnung.",
    ),
    (
        "faq_meldebogen",
        "FAQ: Wie melde ich eine Integrationshürde?",
        "Case Manager und externe Partner füllen den Meldebogen im Portal aus. "
        "Beschrieben wird die "
        "Situation, nie die Person: Namen, Geburtsdaten und Aktenzeichen gehören nicht hinein.",
    ),
    (
        "faq_anerkennung",
        "FAQ: Wie werden ausländische Berufsabschlüsse anerkannt?",
        "Die Anerkennung beginnt mit einer Beratung durch die Anerkennungsberatung des IQ "
        "Netzwerks. Zuständig ist je nach Beruf eine Kammer oder eine Landesbehörde.",
    ),
    (
        "kv_iserlohn",
        "Kooperationsvereinbarung Stadt Iserlohn",
        "Die Vereinbarung regelt die Zusammenarbeit von Kreis und Stadt Iserlohn im Case "
        "Management sowie die Einbindung der städtischen Ausländerbehörde und "
        "Einbürgerungsbehörde.",
    ),
    (
        "kv_luedenscheid",
        "Kooperationsvereinbarung Stadt Lüdenscheid",
        "Die Vereinbarung regelt die Zusammenarbeit mit der Stadt Lüdenscheid, die eine eigene "
        "Einbürgerungsbehörde hat, und die Aufgaben der Case Manager vor Ort.",
    ),
    (
        "kv_hemer",
        "Kooperationsvereinbarung Stadt Hemer",
        "Die Vereinbarung legt fest, wie Hemer und der Kreis im Kommunalen "
        "Integrationsmanagement zusammenarbeiten und wie Räume für Beratungen "
        "bereitgestellt werden.",
    ),
    (
        "kv_evaluation",
        "Evaluation der Kooperationsvereinbarungen 2025",
        "Alle Vereinbarungen mit den 15 Kommunen wurden ausgewertet. Die Zusammenarbeit wird "
        "überwiegend positiv bewertet; Verbesserungsbedarf besteht beim Informationsaustausch.",
    ),
    (
        "musterv",
        "Mustervereinbarung für freie Träger",
        "Vorlage für eine Vereinbarung zur Kooperation zwischen dem Kreis und den Trägern der "
        "Migrationsberatung und der Flüchtlingsberatung.",
    ),
    (
        "mbe_caritas",
        "Migrationsberatung für Erwachsene (MBE) Caritas",
        "Beratung für Zugewanderte über 27 Jahre in Iserlohn, Hemer und Menden zu Sprache, "
        "Arbeit, Wohnen und Aufenthalt.",
    ),
    (
        "jmd_awo",
        "Jugendmigrationsdienst AWO Lüdenscheid",
        "Beratung und Begleitung für junge Menschen mit Migrationsgeschichte bis 27 Jahre in "
        "Lüdenscheid, Halver und Schalksmühle.",
    ),
    (
        "abh_kreis",
        "Ausländerbehörde des Märkischen Kreises",
        "Zuständig für Aufenthaltstitel, Duldungen und Niederlassungserlaubnisse in allen "
        "Kommunen ohne eigene Ausländerbehörde.",
    ),
    (
        "abh_iserlohn",
        "Ausländerbehörde Stadt Iserlohn",
        "Die Stadt Iserlohn hat eine eigene Ausländerbehörde. Termine nur nach Vereinbarung.",
    ),
    (
        "ebh_kreis",
        "Einbürgerungsbehörde des Märkischen Kreises",
        "Anträge auf Einbürgerung und Beratung zu den Voraussetzungen für alle Kommunen ohne "
        "eigene Einbürgerungsbehörde.",
    ),
    (
        "ebh_luedenscheid",
        "Einbürgerungsbehörde Stadt Lüdenscheid",
        "Die Stadt Lüdenscheid nimmt Einbürgerungsanträge ihrer Einwohnerinnen und Einwohner "
        "selbst entgegen.",
    ),
    (
        "jobcenter",
        "Jobcenter Märkischer Kreis",
        "Leistungen nach dem SGB II, Vermittlung in Arbeit und Ausbildung, Beratung von "
        "Bedarfsgemeinschaften an neun Standorten.",
    ),
    (
        "agentur",
        "Agentur für Arbeit Iserlohn",
        "Berufsberatung und Arbeitsvermittlung nach dem SGB III, auch in Lüdenscheid, Menden "
        "und Werdohl.",
    ),
    (
        "vhs_iserlohn",
        "Volkshochschule Iserlohn",
        "Integrationskurse, Alphabetisierungskurse, Prüfungen und der Einbürgerungstest.",
    ),
    (
        "fluechtlingsberatung",
        "Flüchtlingsberatung Diakonie Mark-Ruhr",
        "Beratung für Geflüchtete im Asylverfahren und bei Fragen zur Duldung.",
    ),
    (
        "kreisjugendamt",
        "Kreisjugendamt",
        "Hilfen zur Erziehung und Jugendhilfe für die acht Kommunen ohne eigenes Jugendamt.",
    ),
    (
        "lg_protokoll_1",
        "Protokoll der Lenkungsgruppe vom 12. März 2026",
        "Die Lenkungsgruppe beschließt die Einrichtung einer Arbeitsgruppe Sprache. Zwei "
        "Fallrekonstruktionen zur Wohnungssuche werden vorgestellt.",
    ),
    (
        "lg_beschluss_ag_sprache",
        "Beschluss LG-2026-01: Einrichtung der Arbeitsgruppe Sprache",
        "Die Lenkungsgruppe richtet eine Arbeitsgruppe Sprache ein und benennt ihre Mitglieder.",
    ),
    (
        "ag_sprache_zielsystem",
        "Zielsystem Sprache",
        "Grundsatzziel: Jede berechtigte zugewanderte Person beginnt innerhalb von acht Wochen "
        "einen passenden Integrationskurs. Rahmenziele und Ergebnisziele beschreiben die Wege.",
    ),
    (
        "ag_wohnen",
        "Arbeitsgruppe Wohnen: Protokoll der 2. Sitzung",
        "Schnittstellenprobleme zwischen Sozialamt und Jobcenter bei der Übernahme von Mietkosten "
        "wurden besprochen.",
    ),
    (
        "sachstandsbericht",
        "Sachstandsbericht KIM an den Ausschuss für Jugend und Bildung",
        "Mitteilungsvorlage zur Kenntnisnahme über den Stand der Umsetzung des Kommunalen "
        "Integrationsmanagements.",
    ),
    (
        "fallrekonstruktion_leitfaden",
        "Leitfaden Fallrekonstruktion",
        "Die Fallrekonstruktion wird von der KIM-Koordination moderiert. Beteiligt sind die "
        "meldenden Stellen. Ergebnis sind generative Themen für die Lenkungsgruppe.",
    ),
    (
        "fallrekonstruktion_bericht",
        "Fallrekonstruktionen 2025: Ergebnisse",
        "In vier Fallrekonstruktionen zeigten sich Sprachbarrieren, fehlende Dolmetscher und "
        "lange Wartezeiten bei Behörden.",
    ),
    (
        "generative_themen",
        "Generative Themen aus den Meldebögen",
        "Fehlende Partner, Schnittstellenprobleme, Sprachbarrieren, interkulturelle Kompetenz und "
        "Hürden beim Datenaustausch wiederholen sich.",
    ),
    (
        "dolmetscher",
        "Dolmetscherpool des Kreises",
        "Sprachmittlung für Beratungsgespräche in Behörden und Schulen in mehr als 30 Sprachen.",
    ),
    (
        "schulung_case",
        "Weiterbildung Case Management (DGCC-zertifiziert)",
        "Die Weiterbildung für KIM-Case Manager umfasst 210 Stunden und ist von der DGCC "
        "zertifiziert.",
    ),
    (
        "landescontrolling",
        "Landescontrolling: Berichtspflichten",
        "Die KIM-Koordination meldet jährlich Kennzahlen an das Land Nordrhein-Westfalen.",
    ),
    (
        "verteilungsschluessel",
        "Verteilungsschlüssel der Case-Management-Stellen",
        "Die 16 Vollzeitstellen werden nach Zuwanderungszahlen und Asylzahlen auf die 15 "
        "Kommunen verteilt.",
    ),
    (
        "25b",
        "Bleiberecht bei nachhaltiger Integration (§ 25b AufenthG)",
        "Gut integrierte Geduldete können eine Aufenthaltserlaubnis erhalten, wenn sie seit "
        "mehreren Jahren in Deutschland leben und ihren Lebensunterhalt überwiegend sichern.",
    ),
    (
        "25a",
        "Aufenthaltserlaubnis für gut integrierte Jugendliche (§ 25a AufenthG)",
        "Jugendliche und junge Volljährige mit Duldung können nach drei Jahren Aufenthalt eine "
        "Aufenthaltserlaubnis bekommen.",
    ),
    (
        "chancen",
        "Chancen-Aufenthaltsrecht (§ 104c AufenthG)",
        "Geduldete, die seit fünf Jahren in Deutschland leben, erhalten eine Chance auf ein "
        "dauerhaftes Bleiberecht.",
    ),
    (
        "kita",
        "Kita-Plätze für zugewanderte Kinder",
        "Brückenprojekte bereiten Kinder auf die Kita vor; die Anmeldung läuft über den "
        "Kita-Navigator der Jugendämter.",
    ),
    (
        "schule",
        "Seiteneinsteiger in Schulen",
        "Das Kommunale Integrationszentrum berät neu zugewanderte Familien bei der Suche nach "
        "einem Schulplatz für Seiteneinsteigerinnen und Seiteneinsteiger.",
    ),
    (
        "gesundheit",
        "Gesundheitsversorgung Geflüchteter",
        "Geflüchtete erhalten nach dem AsylbLG einen Behandlungsschein oder eine elektronische "
        "Gesundheitskarte.",
    ),
    (
        "wohnen_leitfaden",
        "Leitfaden Wohnungssuche für Zugewanderte",
        "Wohnberechtigungsschein, Mietkaution und angemessene Kosten der Unterkunft: was bei der "
        "Wohnungssuche zu beachten ist.",
    ),
    (
        "existenz",
        "Existenzsicherung: Leistungen nach SGB II, SGB XII und AsylbLG",
        "Welche Stelle zahlt Leistungen zum Lebensunterhalt, je nach Aufenthaltsstatus.",
    ),
    (
        "ehrenamt",
        "Ehrenamtliche Sprachpaten",
        "Ehrenamtliche begleiten Zugewanderte beim Deutschlernen und bei Behördengängen.",
    ),
    (
        "mso",
        "Facharbeitskreis Migrantenselbstorganisationen",
        "Der Facharbeitskreis bringt die Migrantenselbstorganisationen (MSO) des Kreises zusammen.",
    ),
    (
        "verbraucher",
        "Verbraucherkompetenz: Handyverträge und Schulden",
        "Die Verbraucherzentrale berät zu teuren Handyverträgen und zur Schuldenvermeidung.",
    ),
    (
        "digitale_fallakte",
        "Einführung der digitalen Fallakte im Case Management",
        "Die KIM-Koordination führt ein digitales Case Management ein. Eine "
        "Datenschutz-Folgenabschätzung ist abgeschlossen.",
    ),
    (
        "interkulturell",
        "Interkulturelle Öffnung der Verwaltung",
        "Fortbildungen zur interkulturellen Kompetenz für Beschäftigte der Kreisverwaltung.",
    ),
    (
        "arbeitsmarkt",
        "Arbeitsmarktintegration von Geflüchteten",
        "Jobcenter und Agentur für Arbeit unterstützen Geflüchtete mit Sprachförderung im Beruf "
        "und Qualifizierung.",
    ),
    (
        "berufssprachkurs",
        "Berufssprachkurse (DeuFöV)",
        "Berufsbezogene Deutschsprachförderung nach der DeuFöV für Menschen in Arbeit oder "
        "Ausbildung.",
    ),
    (
        "newsletter",
        "Newsletter Integration März 2026",
        "Neues aus den Kommunen: Termine, Veranstaltungen und ein Bericht über die "
        "Einbürgerungsfeier "
        "im Kreishaus.",
    ),
    (
        "veranstaltung",
        "Einbürgerungsfeier im Kreishaus",
        "Der Landrat lädt alle neu Eingebürgerten zur feierlichen Übergabe der Urkunden ein.",
    ),
    (
        "ausschreibung",
        "Stellenausschreibung Sachbearbeitung Ausländerbehörde",
        "Der Märkische Kreis sucht eine Sachbearbeitung für die Ausländerbehörde in Vollzeit.",
    ),
]

JUDGEMENTS: dict[str, dict[str, int]] = {
    "einburgerung dauer": {"faq_einbuergerung": 3, "ebh_kreis": 1, "ebh_luedenscheid": 1},
    "Einbuergerungstest": {"faq_einbuergerungstest": 3, "vhs_iserlohn": 2, "faq_einbuergerung": 1},
    "Behörde Einbürgerung": {
        "ebh_kreis": 3,
        "ebh_luedenscheid": 3,
        "hk_abh": 2,
        "faq_einbuergerung": 1,
    },
    "Kooperationsvereinbarung Iserlohn": {"kv_iserlohn": 3, "kv_evaluation": 1},
    "Vereinbarungen": {
        "kv_evaluation": 2,
        "kv_iserlohn": 2,
        "kv_luedenscheid": 2,
        "kv_hemer": 2,
        "musterv": 2,
    },
    "Vereinbarung zur Kooperation mit Trägern": {"musterv": 3, "kv_evaluation": 1},
    "Fallrekonstruktion": {
        "fallrekonstruktion_leitfaden": 3,
        "fallrekonstruktion_bericht": 2,
        "hk_systemebene": 1,
        "lg_protokoll_1": 1,
    },
    "Fallrekonstruktionen Ergebnisse": {
        "fallrekonstruktion_bericht": 3,
        "fallrekonstruktion_leitfaden": 1,
    },
    "Lenkungsgruppe Geschäftsordnung": {"geschaeftsordnung": 3, "hk_gremien": 2},
    "Vorsitz Lenkungsgruppe": {"geschaeftsordnung": 3, "hk_gremien": 1},
    "Anspruch Integrationskurs": {
        "faq_integrationskurs": 3,
        "vhs_iserlohn": 1,
        "ag_sprache_zielsystem": 1,
    },
    "Integrationskurs innerhalb von acht Wochen": {"ag_sprache_zielsystem": 3},
    "Zielsystem Sprache": {"ag_sprache_zielsystem": 3, "lg_beschluss_ag_sprache": 2},
    "Arbeitsgruppe Sprache": {
        "lg_beschluss_ag_sprache": 3,
        "lg_protokoll_1": 2,
        "ag_sprache_zielsystem": 2,
    },
    "Datenaustausch Jobcenter Ausländerbehörde": {"faq_datenschutz": 3, "generative_themen": 1},
    "Datenschutz": {"faq_datenschutz": 3, "digitale_fallakte": 2},
    "Meldebogen ausfüllen": {"faq_meldebogen": 3, "hk_systemebene": 2},
    "Integrationshürden melden": {"faq_meldebogen": 3, "hk_systemebene": 2},
    "Ausländerbehörde Iserlohn": {"abh_iserlohn": 3, "kv_iserlohn": 2, "abh_kreis": 1},
    "Aufenthaltserlaubnis gut integrierte Jugendliche": {"25a": 3, "25b": 2},
    "Bleiberecht": {"25b": 3, "chancen": 3, "25a": 1, "hk_abh": 1},
    "Jugendmigrationsdienst": {"jmd_awo": 3},
    "Migrationsberatung Erwachsene": {"mbe_caritas": 3, "musterv": 1},
    "Verteilungsschlüssel Case Management": {"verteilungsschluessel": 3, "hk_case": 2},
    "Casemanagement Weiterbildung": {"schulung_case": 3},
    "Sachstandsbericht Ausschuss": {"sachstandsbericht": 3},
    "Dolmetscher": {"dolmetscher": 3, "fallrekonstruktion_bericht": 1},
    "Sprachmittlung Behörden": {"dolmetscher": 3},
    "Wohnungssuche": {"wohnen_leitfaden": 3, "lg_protokoll_1": 1},
    "Wohnberechtigungsschein": {"wohnen_leitfaden": 3},
    "Kitaplatz": {"kita": 3},
    "Seiteneinsteiger Schule": {"schule": 3},
    "Gesundheitskarte Geflüchtete": {"gesundheit": 3},
    "Fallrekonstruktoin": {"fallrekonstruktion_leitfaden": 3, "fallrekonstruktion_bericht": 2},
    "Einbürgerungsbehörde Lüdenscheid": {
        "ebh_luedenscheid": 3,
        "kv_luedenscheid": 2,
        "ebh_kreis": 1,
    },
    "Landescontrolling": {"landescontrolling": 3},
    "Berufssprachkurs": {"berufssprachkurs": 3, "arbeitsmarkt": 1},
    "Arbeitsmarkt Geflüchtete": {"arbeitsmarkt": 3, "jobcenter": 1, "agentur": 1},
    "interkulturelle Kompetenz": {"interkulturell": 3, "generative_themen": 1, "hk_ki": 1},
    "digitale Fallakte": {"digitale_fallakte": 3},
    "Schnittstellenprobleme Sozialamt": {"ag_wohnen": 3, "generative_themen": 2},
    "Sprachbarriere": {"generative_themen": 3, "fallrekonstruktion_bericht": 3},
}
