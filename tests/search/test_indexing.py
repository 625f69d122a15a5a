"""Index rows of an entry: the cached per-word analysis must equal analysing whole texts."""

from portal.text_analysis import analyse
from search.indexing import FIELD_GAP, MAX_TERM, analyse_entry
from search.registry import BODY, HEADING, TITLE, IndexEntry

TEXTS = [
    "Einbürgerungsbehörde und Ausländerbehörde: Case-Management im Kreis",
    "Die Vereinbarung zur Kooperation (Kooperationsvereinbarung) wird jährlich ausgewertet.",
    "Aufgaben/Zuständigkeiten der KIM-Koordination, Jugendmigrationsdienst-Beratung 2027",
    "der die das und mit",  # stop words only: no terms, no length
    "Straße STRASSE Strasse Einbuergerung einburgerung Datenschutzgrundverordnung",
]


def reference(entry: IndexEntry) -> tuple[dict[str, tuple[float, list[int]]], int]:
    """The straightforward computation over analyse() of each whole field."""
    terms: dict[str, tuple[float, list[int]]] = {}
    length = 0
    for number, (text, field_weight) in enumerate([(entry.title, TITLE), *entry.parts]):
        tokens = analyse(text)
        for token in tokens:
            weight, positions = terms.get(token.term[:MAX_TERM], (0.0, []))
            position = number * FIELD_GAP + min(token.position, FIELD_GAP - 1)
            if not positions or positions[-1] != position:
                positions = [*positions, position]
            terms[token.term[:MAX_TERM]] = (weight + field_weight * token.weight, positions)
        length += len({t.position for t in tokens if not t.is_part})
    return terms, length


def test_cached_word_analysis_gives_the_same_postings_and_length():
    for title, heading, body in zip(
        TEXTS, TEXTS[1:] + TEXTS[:1], TEXTS[2:] + TEXTS[:2], strict=True
    ):
        entry = IndexEntry(
            title=title,
            url="/x/",
            kind="seite",
            kind_label="Seite",
            parts=[(heading, HEADING), (body, BODY)],
        )
        terms, length = analyse_entry(entry)
        expected, expected_length = reference(entry)
        assert {t: (s.weight, s.positions) for t, s in terms.items()} == expected
        assert length == expected_length
    assert analyse_entry(
        IndexEntry(title="der die das", url="/", kind="seite", kind_label="Seite")
    ) == ({}, 0)
