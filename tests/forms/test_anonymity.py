"""Tests for the personal-data detector used by the Meldebogen anonymity check."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from forms.anonymity import KIND_LABELS, Finding, find_personal_data, is_always_personal

CASES = Path(__file__).resolve().parents[2] / "bench" / "data" / "anonymity_cases.jsonl"


def _load_cases() -> list[dict]:
    with CASES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Herr Karimi hat keinen Termin bekommen.", "name", "Karimi"),
        ("Frau Dr. Schneider vom Gesundheitsamt lehnt ab.", "name", "Schneider"),
        ("Die Familie Demir aus Hemer wartet.", "name", "Demir"),
        ("Ahmad Rahimi hat die Schule verlassen.", "name", "Ahmad Rahimi"),
        ("Name: Svetlana Ivanova, Herkunft Ukraine.", "name", "Svetlana Ivanova"),
        ("Die Jugendliche Fatima ist nicht mehr erschienen.", "name", "Fatima"),
        ("Frau Petrenko, geb. 03.05.1987, wartet.", "geburtsdatum", "03.05.1987"),
        ("Sie ist geboren am 3. Mai 1987 und lebt in Werdohl.", "geburtsdatum", "3. Mai 1987"),
        (
            "Die Familie wohnt in der Bahnhofstraße 12 in Plettenberg.",
            "adresse",
            "Bahnhofstraße 12",
        ),
        (
            "Neue Anschrift: Lennestraße 5a, 58791 Werdohl.",
            "adresse",
            "Lennestraße 5a, 58791 Werdohl",
        ),
        ("Die Familie lebt in 58762 Altena.", "adresse", "58762 Altena"),
        ("Rückfragen unter 0176 23456789 bitte.", "telefon", "0176 23456789"),
        ("Handy +49 157 3456 7890, abends.", "telefon", "+49 157 3456 7890"),
        ("Kontakt über olena.petrenko@gmail.com, bitte.", "email", "olena.petrenko@gmail.com"),
        ("Das Sozialamt führt den Fall unter Az. 123/45-6.", "aktenzeichen", "123/45-6"),
        ("Das BAMF hat unter 1234567-438 entschieden.", "aktenzeichen", "1234567-438"),
        ("Die AZR-Nummer 123456789012 ist alt.", "aktenzeichen", "123456789012"),
        ("BG-Nummer 12345BG0012345 beim Jobcenter.", "aktenzeichen", "12345BG0012345"),
        (
            "Konto DE89 3704 0044 0532 0130 00 ist gesperrt.",
            "iban",
            "DE89 3704 0044 0532 0130 00",
        ),
        ("Der Personalausweis L01X00T47 wurde abgelehnt.", "ausweis", "L01X00T47"),
        ("Der Reisepass Nr. N01234567 ist abgelaufen.", "ausweis", "N01234567"),
        ("Es fehlt die Steuer-ID 47 036 892 816 des Vaters.", "steuer_id", "47 036 892 816"),
        (
            "Sozialversicherungsnummer 65 170839 J 003 fehlt.",
            "sozialversicherung",
            "65 170839 J 003",
        ),
        # ISO and slashed birth dates (day or month first).
        ("Die Klientin, geboren 1985-03-12, wartet.", "geburtsdatum", "1985-03-12"),
        ("Geburtsdatum 05/11/1979 laut Pass.", "geburtsdatum", "05/11/1979"),
        ("Der Vater, geb. 12/31/1979, hat keinen Termin.", "geburtsdatum", "12/31/1979"),
        # Common German phone notations.
        ("Mobil unter +49 171 2345678 erreichbar.", "telefon", "+49 171 2345678"),
        ("Rückruf bitte unter 0171/2345678.", "telefon", "0171/2345678"),
        ("Nur die Nachbarin unter (02351) 123456.", "telefon", "(02351) 123456"),
        ("Festnetz 02351 / 12 34 56, abends.", "telefon", "02351 / 12 34 56"),
        ("Telefon +49 (0) 2351 123456 im Büro.", "telefon", "+49 (0) 2351 123456"),
    ],
)
def test_detects_kind_with_exact_span(text: str, kind: str, expected: str) -> None:
    start = text.index(expected)
    findings = find_personal_data(text)
    assert Finding(kind, start, start + len(expected), expected, KIND_LABELS[kind]) in findings


@pytest.mark.parametrize(
    "text",
    [
        "Eine 34-jährige Frau aus Syrien wartet seit 14 Monaten auf einen Integrationskurs.",
        "Eine Aufenthaltserlaubnis nach § 25b AufenthG wurde nicht erteilt.",
        "Die Familie mit drei Kindern bezieht seit 2019 Leistungen nach dem SGB II.",
        "Im März 2026 hat das Jugendamt den Antrag an das Jobcenter weitergeleitet.",
        "Die Ausländerbehörde in Iserlohn und das Jugendamt in Lüdenscheid sind sich uneinig.",
        "Die Caritas, die Diakonie, die AWO und die VHS bieten in Menden Kurse an.",
        "Altena, Balve, Halver, Hemer, Herscheid, Kierspe und Meinerzhagen melden Bedarf.",
        "Nachrodt-Wiblingwerde, Neuenrade, Plettenberg, Schalksmühle und Werdohl ebenso.",
        "Ein afghanischer Jugendlicher und eine ukrainische Mutter warten auf Plätze.",
        "Die Lenkungsgruppe hat am 12.03.2026 eine Arbeitsgruppe Wohnen eingerichtet.",
        "Die Miete von 650 Euro liegt 85 Euro über der Angemessenheitsgrenze.",
        "Die Sprechstunde ist montags von 8:30 bis 12:00 Uhr, Schuljahr 2025/26.",
        "Seit Mitte April ist die Beratung nach § 60a AufenthG und SGB XII ausgesetzt.",
        # Free service numbers are no one's personal number.
        "Die kostenlose Hotline 0800 111 0 111 der Telefonseelsorge war nicht bekannt.",
        "Das Hilfetelefon unter +49 800 1234567 hilft rund um die Uhr.",
        # Streets named after a town are places, not people.
        "Die Sprechstunde in der Iserlohner Str. ist nur dienstags.",
        "Die Beratungsstelle in der Lüdenscheider Straße ist nur vormittags geöffnet.",
        # A deadline written as an ISO date is no birth date.
        "Die Frist lief bis 2026-03-31, die Bescheide kamen erst im April.",
    ],
)
def test_hard_negatives_are_not_flagged(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("kind", "text", "always"),
    [
        ("telefon", "0171/2345678", True),
        ("email", "a@example.org", True),
        ("iban", "DE89 3704 0044 0532 0130 00", True),
        ("steuer_id", "47 036 892 816", True),
        ("aktenzeichen", "123/45-6", True),
        ("sozialversicherung", "65 170839 J 003", True),
        ("geburtsdatum", "1985-03-12", True),
        ("geburtsdatum", "3. Mai 1987", True),
        ("geburtsdatum", "1987", False),
        ("name", "Yilmaz", False),
        ("adresse", "Bahnhofstraße 12", False),
    ],
)
def test_which_findings_are_always_personal(kind: str, text: str, always: bool) -> None:
    assert is_always_personal(kind, text) is always


def test_empty_text() -> None:
    assert find_personal_data("") == []


def test_finding_is_frozen_and_text_matches_span() -> None:
    text = "Frau Kowalczyk wohnt in der Wilhelmstr. 23, 58507 Lüdenscheid."
    findings = find_personal_data(text)
    assert {f.kind for f in findings} == {"name", "adresse"}
    for finding in findings:
        assert finding.text == text[finding.start : finding.end]
        assert finding.label == KIND_LABELS[finding.kind]
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings[0].start = 0  # type: ignore[misc]


def test_kind_labels_cover_all_kinds_in_german() -> None:
    assert set(KIND_LABELS) == {
        "name",
        "geburtsdatum",
        "adresse",
        "telefon",
        "email",
        "aktenzeichen",
        "iban",
        "ausweis",
        "steuer_id",
        "sozialversicherung",
    }
    assert KIND_LABELS["email"] == "E-Mail-Adresse"
    assert KIND_LABELS["geburtsdatum"] == "Geburtsdatum"


def test_findings_sorted_and_non_overlapping_on_labelled_set() -> None:
    for case in _load_cases():
        findings = find_personal_data(case["text"])
        starts = [f.start for f in findings]
        assert starts == sorted(starts), case["text"]
        for left, right in zip(findings, findings[1:], strict=False):
            assert left.end <= right.start, case["text"]


def test_overlapping_candidates_resolve_to_one_span() -> None:
    # The e-mail address contains a name; only the e-mail address is reported.
    text = "Mail an ahmad.rahimi@web.de schicken."
    assert [(f.kind, f.text) for f in find_personal_data(text)] == [
        ("email", "ahmad.rahimi@web.de")
    ]


def test_labelled_set_thresholds() -> None:
    cases = _load_cases()
    personal = [c for c in cases if c["personal"]]
    clean = [c for c in cases if not c["personal"]]
    assert len(personal) >= 60 and len(clean) >= 60
    recall = sum(bool(find_personal_data(c["text"])) for c in personal) / len(personal)
    fpr = sum(bool(find_personal_data(c["text"])) for c in clean) / len(clean)
    # Measured: recall 1.00, false-positive rate 0.00 (bench/anonymity.py).
    assert recall >= 0.95
    assert fpr <= 0.05
