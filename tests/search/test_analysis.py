"""German text analysis: what a searching user notices."""

import pytest

from portal.text_analysis import (
    PART_WEIGHT,
    Token,
    analyse,
    analyse_query,
    normalise,
    split_compound,
    stem,
)


def index_terms(text: str) -> set[str]:
    return {t.term for t in analyse(text)}


def whole_terms(text: str) -> set[str]:
    return {t.term for t in analyse(text) if not t.is_part}


def query_matches(query: str, text: str) -> bool:
    """Every query word matches the text through at least one of its alternatives."""
    terms = index_terms(text)
    parsed = analyse_query(query)
    return bool(parsed.terms) and all(
        any(term in terms for term, _ in qt.alternatives) for qt in parsed.terms
    )


# --- normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling", ["Einbürgerung", "Einbuergerung", "einburgerung", "EINBÜRGERUNG"]
)
def test_umlaut_spellings_fold_to_one_form(spelling):
    assert normalise(spelling) == "einburgerung"


@pytest.mark.parametrize("spelling", ["Straße", "Strasse", "STRASSE", "Straẞe"])
def test_sharp_s_folds_to_ss(spelling):
    assert normalise(spelling) == "strasse"


@pytest.mark.parametrize("word", ["Frauen", "neue", "Steuer", "Bauer", "Quelle", "Feuer"])
def test_genuine_ue_is_kept(word):
    assert normalise(word) == word.lower()


def test_decomposed_unicode_is_folded():
    assert normalise("Einbu\u0308rgerung") == "einburgerung"


@pytest.mark.parametrize(
    "query",
    ["einburgerung", "Einbuergerung", "Einbürgerung", "EINBÜRGERUNG"],
)
def test_umlaut_variants_find_einbuergerung(query):
    assert query_matches(query, "Der Weg von der Einreise bis zur Einbürgerung.")


def test_strasse_finds_strasse():
    assert query_matches("Strasse", "Beratungsstelle in der Bahnhofstraße")
    assert query_matches("Straße", "Wohnort: Lange Strasse")


@pytest.mark.parametrize(
    "forms",
    [
        ("Frau", "Frauen"),
        ("neu", "neue", "neuen"),
        ("Steuer", "Steuern"),
        ("aktuell", "aktuelle"),
        ("Quelle", "Quellen"),
        ("Kurs", "Kurse", "Kursen"),
        ("Integrationskurs", "Integrationskurse"),
        ("Gebäude", "Gebaeude"),
    ],
)
def test_common_words_keep_matching_each_other(forms):
    assert len({stem(f) for f in forms}) == 1


# --- stemming --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Vereinbarungen", "Die Vereinbarung gilt ab Januar."),
        ("Vereinbarung", "Alle Vereinbarungen werden jährlich ausgewertet."),
        ("Fallrekonstruktionen", "Eine Fallrekonstruktion pro Quartal."),
        ("Fallrekonstruktion", "Zwei Fallrekonstruktionen wurden moderiert."),
        ("Behörden", "Die Behörde prüft den Antrag."),
        ("Kooperationsvereinbarungen", "Die Kooperationsvereinbarung mit Iserlohn."),
    ],
)
def test_inflected_forms_match(query, text):
    assert query_matches(query, text)


# --- stop words, tokens ----------------------------------------------------------------


def test_stop_words_are_dropped_but_keep_positions():
    tokens = analyse("Die Vereinbarung zur Kooperation")
    assert [(t.term, t.position) for t in tokens] == [("vereinbar", 1), ("kooperation", 3)]
    assert analyse("und oder die der das mit für über") == []


def test_tokens_have_the_documented_shape():
    tokens = analyse("Einbürgerungsbehörde")
    assert tokens[0] == Token("einburgerungsbehord", 0, 1.0, False)
    parts = tokens[1:]
    assert {t.term for t in parts} == {stem("Einbürgerung"), stem("Behörde")}
    assert all(t.is_part and t.weight == PART_WEIGHT and t.position == 0 for t in parts)


def test_slash_separates_words():
    assert {"aufgab", "zustand"} <= whole_terms("Aufgaben/Zuständigkeiten")


def test_hyphenated_word_gives_pieces_and_joined_form():
    tokens = analyse("Case-Management")
    assert {(t.term, t.position) for t in tokens} >= {
        (stem("Case"), 0),
        ("management", 1),
        ("casemanagement", 0),
    }
    assert query_matches("Casemanagement", "KIM-Case-Management im Kreis")
    assert query_matches("Case Management", "Case-Management")


def test_soft_hyphen_is_ignored():
    assert whole_terms("Einbürge\u00adrung") == {stem("Einbürgerung")}


# --- compounds ---------------------------------------------------------------------------

KIM_COMPOUNDS = {
    "Einbürgerungsbehörde": {"einburgerung", "behorde"},
    "Ausländerbehörde": {"auslander", "behorde"},
    "Kooperationsvereinbarung": {"kooperation", "vereinbarung"},
    "Integrationskurs": {"integration", "kurs"},
    "Fallrekonstruktion": {"fall", "rekonstruktion"},
    "Lenkungsgruppe": {"lenkung", "gruppe"},
    "Handlungskonzept": {"handlung", "konzept"},
    "Sprachförderung": {"sprache", "forderung"},
    "Arbeitsmarktintegration": {"arbeit", "markt", "integration"},
    "Jugendmigrationsdienst": {"jugend", "migration", "dienst"},
    "Migrationsberatung": {"migration", "beratung"},
    "Schnittstellenproblem": {"schnittstelle", "problem"},
    "Datenschutzgrundverordnung": {"datenschutz", "grund", "verordnung"},
    "Bedarfsgemeinschaft": {"bedarf", "gemeinschaft"},
    "Aufenthaltserlaubnis": {"aufenthalt", "erlaubnis"},
}


@pytest.mark.parametrize(("compound", "expected"), KIM_COMPOUNDS.items())
def test_kim_compounds_are_split(compound, expected):
    assert expected <= set(split_compound(compound))


@pytest.mark.parametrize(
    "word",
    [
        "Vereinbarung",
        "Integration",
        "Beratung",
        "Behörde",
        "Kooperation",
        "Einbürgerung",
        "Zuständigkeit",
        "Zusammenarbeit",
        "Unterstützung",
        "Versammlung",
        "Widerstand",
        "Lüdenscheid",
        "Frauen",
    ],
)
def test_simple_words_are_not_split(word):
    assert split_compound(word) == ()


def test_inflected_compound_is_split():
    assert set(split_compound("Einbürgerungsbehörden")) == {"einburgerung", "behorde"}


def test_unknown_modifier_with_known_head_is_split():
    assert split_compound("Flüchtlingsberatung") == ("fluchtling", "beratung")


def test_search_for_parts_finds_compound():
    assert query_matches("Behörde Einbürgerung", "Termin bei der Einbürgerungsbehörde")
    assert query_matches("Datenschutz", "Die Datenschutzgrundverordnung (DSGVO)")


def test_compound_query_finds_its_parts_at_lower_weight():
    text = "Die Vereinbarung zur Kooperation wurde unterschrieben."
    assert query_matches("Kooperationsvereinbarung", text)
    (term,) = analyse_query("Kooperationsvereinbarung").terms
    weights = dict(term.alternatives)
    assert weights[term.term] == 1.0
    assert weights["vereinbar"] == weights["kooperation"] == PART_WEIGHT
    assert term.term not in index_terms(text)


def test_compound_in_text_is_weighted_below_whole_word():
    tokens = analyse("Einbürgerungsbehörde")
    behorde = [t for t in tokens if t.term == stem("Behörde")]
    assert behorde and all(t.weight < 1.0 and t.is_part for t in behorde)


# --- queries -------------------------------------------------------------------------------


def test_query_phrase_and_terms():
    parsed = analyse_query('"Fallrekonstruktion moderiert" Lenkungsgruppe')
    (phrase,) = parsed.phrases
    assert phrase.text == "Fallrekonstruktion moderiert"
    assert phrase.terms == ((0, "fallrekonstruktion"), (1, "moderiert"))
    assert [t.text for t in parsed.terms] == ["Fallrekonstruktion", "moderiert", "Lenkungsgruppe"]


def test_phrase_offsets_match_index_positions():
    phrase = analyse_query('"Vereinbarung zur Kooperation"').phrases[0]
    tokens = analyse("Die Vereinbarung zur Kooperation gilt.")
    positions = {t.term: t.position for t in tokens}
    start = positions[phrase.terms[0][1]]
    assert all(positions[term] == start + offset for offset, term in phrase.terms)


def test_minus_excludes_words_and_phrases():
    parsed = analyse_query('Integrationskurs -Jugendamt -"Case Management"')
    assert [t.text for t in parsed.terms] == ["Integrationskurs"]
    assert [t.text for t in parsed.excluded] == ["Jugendamt"]
    assert parsed.excluded_phrases[0].text == "Case Management"


def test_hyphen_inside_word_is_not_an_exclusion():
    parsed = analyse_query("Case-Management")
    assert not parsed.excluded
    (term,) = parsed.terms
    assert term.term == "casemanagement"
    assert {stem("Case"), "management"} <= set(term.parts)


def test_stop_word_only_query_is_empty():
    assert analyse_query("die und der").is_empty
    assert analyse_query("").is_empty


def test_unbalanced_quote_is_tolerated():
    parsed = analyse_query('"Fallrekonstruktion moderiert')
    assert {t.term for t in parsed.terms} == {"fallrekonstruktion", "moderiert"}


def test_index_and_query_use_the_same_terms():
    text = "Migrationsberatung für Erwachsene (MBE) und Jugendmigrationsdienste"
    parsed = analyse_query(text)
    assert {t.term for t in parsed.terms} <= index_terms(text)
