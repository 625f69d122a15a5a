"""Facts for the demo content of the Märkischer Kreis (see ../shared/domain.md).

Organisation names and addresses are illustrative demo data, not an official directory.
"""

# name, slug, Amtlicher Gemeindeschlüssel, own ABH, own EBH, own Jugendamt
KOMMUNEN = (
    ("Altena", "altena", "05962004", False, False, True),
    ("Balve", "balve", "05962008", False, False, False),
    ("Halver", "halver", "05962016", False, False, False),
    ("Hemer", "hemer", "05962020", False, False, True),
    ("Herscheid", "herscheid", "05962024", False, False, False),
    ("Iserlohn", "iserlohn", "05962028", True, True, True),
    ("Kierspe", "kierspe", "05962032", False, False, False),
    ("Lüdenscheid", "luedenscheid", "05962036", False, True, True),
    ("Meinerzhagen", "meinerzhagen", "05962040", False, False, False),
    ("Menden (Sauerland)", "menden", "05962044", False, False, True),
    ("Nachrodt-Wiblingwerde", "nachrodt-wiblingwerde", "05962048", False, False, False),
    ("Neuenrade", "neuenrade", "05962052", False, False, False),
    ("Plettenberg", "plettenberg", "05962056", False, False, True),
    ("Schalksmühle", "schalksmuehle", "05962060", False, False, False),
    ("Werdohl", "werdohl", "05962064", False, False, True),
)
ALL = tuple(k[1] for k in KOMMUNEN)
OWN_JUGENDAMT = tuple(k[1] for k in KOMMUNEN if k[5])
JOBCENTER_OFFICES = (
    "altena",
    "halver",
    "hemer",
    "iserlohn",
    "luedenscheid",
    "meinerzhagen",
    "menden",
    "plettenberg",
    "werdohl",
)

# name, kind, Träger, city (office), served Kommunen (slugs), description
ORGANISATIONEN = (
    (
        "Kommunales Integrationszentrum Märkischer Kreis",
        "ki",
        "Märkischer Kreis",
        "Lüdenscheid",
        ALL,
        "KIM-Koordination, Integrationskonzept und Geschäftsführung der Lenkungsgruppe.",
    ),
    (
        "Ausländerbehörde Märkischer Kreis",
        "abh",
        "Märkischer Kreis",
        "Lüdenscheid",
        tuple(s for s in ALL if s != "iserlohn"),
        "Aufenthaltsrecht für alle Kommunen außer Iserlohn.",
    ),
    (
        "Ausländerbehörde Iserlohn",
        "abh",
        "Stadt Iserlohn",
        "Iserlohn",
        ("iserlohn",),
        "Eigene Ausländerbehörde der Stadt Iserlohn.",
    ),
    (
        "Einbürgerungsbehörde Märkischer Kreis",
        "ebh",
        "Märkischer Kreis",
        "Lüdenscheid",
        tuple(s for s in ALL if s not in ("iserlohn", "luedenscheid")),
        "Einbürgerung für die Kommunen ohne eigene Einbürgerungsbehörde.",
    ),
    ("Einbürgerungsbehörde Iserlohn", "ebh", "Stadt Iserlohn", "Iserlohn", ("iserlohn",), ""),
    (
        "Einbürgerungsbehörde Lüdenscheid",
        "ebh",
        "Stadt Lüdenscheid",
        "Lüdenscheid",
        ("luedenscheid",),
        "",
    ),
    (
        "Kreisjugendamt Märkischer Kreis",
        "jugendamt",
        "Märkischer Kreis",
        "Lüdenscheid",
        tuple(s for s in ALL if s not in OWN_JUGENDAMT),
        "Jugendamt für die acht Kommunen ohne eigenes Jugendamt.",
    ),
    (
        "Jobcenter Märkischer Kreis",
        "jobcenter",
        "Märkischer Kreis",
        "Lüdenscheid",
        ALL,
        "Grundsicherung für Arbeitsuchende (SGB II); Geschäftsstellen in neun Kommunen.",
    ),
    (
        "Agentur für Arbeit Iserlohn",
        "arbeitsagentur",
        "Bundesagentur für Arbeit",
        "Iserlohn",
        ("iserlohn", "hemer", "balve", "menden"),
        "Arbeitsförderung (SGB III).",
    ),
    (
        "Agentur für Arbeit Lüdenscheid",
        "arbeitsagentur",
        "Bundesagentur für Arbeit",
        "Lüdenscheid",
        ("luedenscheid", "halver", "kierspe", "meinerzhagen", "schalksmuehle", "herscheid"),
        "Arbeitsförderung (SGB III).",
    ),
    (
        "Agentur für Arbeit Werdohl",
        "arbeitsagentur",
        "Bundesagentur für Arbeit",
        "Werdohl",
        ("werdohl", "altena", "neuenrade", "plettenberg", "nachrodt-wiblingwerde"),
        "Arbeitsförderung (SGB III).",
    ),
    (
        "Migrationsberatung für Erwachsene Caritas Lüdenscheid",
        "mbe",
        "Caritasverband",
        "Lüdenscheid",
        ("luedenscheid", "halver", "kierspe", "meinerzhagen", "schalksmuehle"),
        "Beratung für Zugewanderte über 27 Jahre.",
    ),
    (
        "Migrationsberatung für Erwachsene Diakonie Iserlohn",
        "mbe",
        "Diakonie Mark-Ruhr",
        "Iserlohn",
        ("iserlohn", "hemer", "menden", "balve"),
        "Beratung für Zugewanderte über 27 Jahre.",
    ),
    (
        "Migrationsberatung für Erwachsene AWO Werdohl",
        "mbe",
        "AWO Unterbezirk",
        "Werdohl",
        ("werdohl", "altena", "neuenrade", "plettenberg", "herscheid", "nachrodt-wiblingwerde"),
        "Beratung für Zugewanderte über 27 Jahre.",
    ),
    (
        "Jugendmigrationsdienst Märkischer Kreis",
        "jmd",
        "Internationaler Bund",
        "Lüdenscheid",
        ALL,
        "Begleitung junger Menschen mit Migrationsgeschichte von 12 bis 27 Jahren.",
    ),
    (
        "Integrationsagentur Diakonie",
        "integrationsagentur",
        "Diakonie Mark-Ruhr",
        "Iserlohn",
        ("iserlohn", "hemer", "menden"),
        "Interkulturelle Öffnung, Antidiskriminierung, Ehrenamt.",
    ),
    (
        "Flüchtlingsberatung Caritas",
        "fluechtlingsberatung",
        "Caritasverband",
        "Altena",
        ("altena", "werdohl", "neuenrade", "plettenberg", "nachrodt-wiblingwerde"),
        "Asylverfahrens- und Perspektivberatung.",
    ),
    (
        "Volkshochschule Lüdenscheid",
        "vhs",
        "Stadt Lüdenscheid",
        "Lüdenscheid",
        ("luedenscheid", "schalksmuehle", "halver"),
        "Integrations- und Berufssprachkurse.",
    ),
    (
        "Volkshochschule Iserlohn",
        "vhs",
        "Stadt Iserlohn",
        "Iserlohn",
        ("iserlohn",),
        "Integrations- und Berufssprachkurse.",
    ),
    (
        "Volkshochschule Menden-Hemer-Balve",
        "vhs",
        "Zweckverband",
        "Menden (Sauerland)",
        ("menden", "hemer", "balve"),
        "Integrationskurse, Alphabetisierung.",
    ),
    (
        "Volkshochschule Volmetal",
        "vhs",
        "Zweckverband",
        "Meinerzhagen",
        ("meinerzhagen", "kierspe"),
        "Integrationskurse.",
    ),
    (
        "Volkshochschule Lennetal",
        "vhs",
        "Zweckverband",
        "Plettenberg",
        ("plettenberg", "werdohl", "altena", "neuenrade", "herscheid", "nachrodt-wiblingwerde"),
        "Integrationskurse, Jugendintegrationskurse.",
    ),
    (
        "BAMF Regionalkoordination",
        "bamf",
        "Bundesamt für Migration und Flüchtlinge",
        "Dortmund",
        ALL,
        "Integrationskurse und Berufssprachkurse: Koordination und Zulassung.",
    ),
    (
        "Verein der Migrantenorganisationen im Märkischen Kreis",
        "mso",
        "",
        "Lüdenscheid",
        ALL,
        "Zusammenschluss von Migrantenselbstorganisationen; Sitz in der Lenkungsgruppe.",
    ),
)

# Values for the placeholders of the legal pages (home.legal_texts) in the demo.
LEGAL_PLACEHOLDERS = {
    "[bitte ergänzen: Anschrift der Kreisverwaltung]": "Heedfelder Straße 45, 58509 Lüdenscheid",
    "[bitte ergänzen: vertreten durch, z. B. die Landrätin oder den Landrat]": "den Landrat",
    "[bitte ergänzen: E-Mail-Adresse und Telefonnummer der KIM-Koordination]": (
        "kim-koordination@demo.kim-portal.invalid"
    ),
    "[bitte ergänzen: Anschrift oder E-Mail-Adresse der oder des Datenschutzbeauftragten]": (
        "datenschutz@demo.kim-portal.invalid"
    ),
    "[bitte ergänzen: Datum der Erklärung]": "1. November 2026",
}
