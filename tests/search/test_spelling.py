"""Typo tolerance and "Meinten Sie ...?" suggestions."""

import pytest

from portal.text_analysis import analyse, stem
from search.spelling import Speller, Vocabulary, max_edits, suggest

TEXTS = [
    "Die Fallrekonstruktion wird von der KIM-Koordination moderiert.",
    "Fallrekonstruktionen zeigen Schnittstellenprobleme zwischen Behörden.",
    "Die Kooperationsvereinbarung mit jeder Kommune wird jährlich evaluiert.",
    "Termin in der Einbürgerungsbehörde; Einbürgerung nach acht Jahren.",
    "Der Integrationskurs beginnt innerhalb von acht Wochen.",
    "Die Lenkungsgruppe tagt zweimal im Jahr.",
    "Datenschutz und Datenaustausch im Case-Management.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(Vocabulary.from_texts(TEXTS))


@pytest.mark.parametrize(
    ("word", "edits"),
    [
        ("Kurs", 0),
        ("Jahre", 0),
        ("Gruppe", 1),
        ("Behörde", 1),
        ("Lenkungsgr", 2),
        ("Einbürgerung", 2),
    ],
)
def test_allowed_edits_grow_with_length(word, edits):
    assert max_edits(word) == edits


def test_meinten_sie_corrects_a_typo(speller):
    assert speller.suggest("Fallrekonstrucktion") == "Fallrekonstruktion"


def test_suggestion_keeps_the_rest_of_the_query(speller):
    assert (
        speller.suggest('"Fallrekonstrucktion moderirt" -Lenkungsgrupe Kurs')
        == '"Fallrekonstruktion moderiert" -Lenkungsgruppe Kurs'
    )


def test_transposed_letters_are_one_edit(speller):
    assert speller.suggest("Intergationskurs") == "Integrationskurs"


@pytest.mark.parametrize(
    "query",
    [
        "Fallrekonstruktion",
        "fallrekonstruktion moderiert",
        "Einburgerung",  # umlaut spelling variant, not a typo
        "Einbuergerung",
        "Kooperationsvereinbarungen",  # inflected form of an indexed word
        "Behörde",  # part of an indexed compound
        "Datenschutz Kurs",
        "und die der",
    ],
)
def test_no_suggestion_for_correct_queries(speller, query):
    assert speller.suggest(query) is None


def test_short_words_are_not_corrected(speller):
    assert speller.suggest("Jahrr") is None  # 5 letters: no tolerance


def test_no_suggestion_when_nothing_is_close(speller):
    assert speller.suggest("Wohngeldstelle") is None


def test_more_frequent_word_wins():
    vocabulary = {"Beratung": 50, "Betrachtung": 1, "Bewertung": 3}
    assert suggest("Beartung", vocabulary) == "Beratung"


def test_mapping_vocabulary_and_display_spelling():
    speller = Speller({"Lenkungsgruppe": 3, "lenkungsgruppe": 1})
    assert speller.suggest("lenkungsgrupe") == "Lenkungsgruppe"


def test_expand_gives_index_terms_of_close_words(speller):
    terms = speller.expand("Fallrekonstrucktion")
    assert "fallrekonstruktion" in terms
    assert "fallrekonstruktion" in {t.term for t in analyse(TEXTS[0])}


def test_expand_respects_length_limits(speller):
    assert speller.expand("Kurz") == [stem("Kurz")]


def test_candidates_are_sorted_by_distance(speller):
    candidates = speller.candidates("Fallrekonstruktionn")
    assert [c.distance for c in candidates] == sorted(c.distance for c in candidates)
    assert candidates[0].display in {"Fallrekonstruktion", "Fallrekonstruktionen"}
