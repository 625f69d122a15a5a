"""The Sachstandsbericht PDF: period, Kreis, page numbers, protected numbers, only released
decisions and goal systems, never report free texts."""

import datetime
import io
from decimal import Decimal

from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from spaces.models import (
    Aktivitaet,
    Beschluss,
    Ergebnisziel,
    Gremium,
    Grundsatzziel,
    Indikator,
    Messwert,
    Rahmenziel,
    Zielsystem,
)
from tests.reporting.conftest import QUERY
from tests.reporting.factories import MeldebogenFactory

URL = "/berichte/sachstandsbericht/"


def make_zielsystem(slug: str = "agtest", prefix: str = "AGT", shared: bool = True):
    """An Arbeitsgruppe with an adopted Zielsystem, one indicator and three activities."""
    lenkungsgruppe, _ = Gremium.objects.get_or_create(
        slug="lg-test",
        defaults={"name": "Lenkungsgruppe Test", "kind": "lenkungsgruppe", "prefix": "LGT"},
    )
    adopting = Beschluss.objects.create(
        gremium=lenkungsgruppe,
        title=f"Zielsystem {slug} beschließen",
        text="…",
        decided_on=datetime.date(2026, 2, 1),
        shared_with_all=shared,
        status="umgesetzt",
    )
    gremium = Gremium.objects.create(
        name=f"Arbeitsgruppe {slug}",
        slug=slug,
        prefix=prefix,
        kind="arbeitsgruppe",
        theme="Sprache",
        parent=lenkungsgruppe,
        established_by=adopting,
    )
    zielsystem = Zielsystem.objects.create(
        gremium=gremium,
        title=f"Zielsystem {slug}",
        status="beschlossen",
        adopted_by=adopting,
        shared_with_all=shared,
    )
    grundsatz = Grundsatzziel.objects.create(zielsystem=zielsystem, title="Sprache von Anfang an")
    rahmen = Rahmenziel.objects.create(grundsatzziel=grundsatz, title="Kurse schneller")
    ergebnis = Ergebnisziel.objects.create(rahmenziel=rahmen, title="Wartezeit senken")
    indikator = Indikator.objects.create(
        ergebnisziel=ergebnis,
        name=f"Kursbeginn innerhalb von acht Wochen ({slug})",
        unit="%",
        baseline=Decimal("40"),
        target=Decimal("80"),
    )
    Messwert.objects.create(indikator=indikator, measured_on=datetime.date(2026, 3, 31), value=50)
    Messwert.objects.create(indikator=indikator, measured_on=datetime.date(2026, 6, 30), value=60)
    Messwert.objects.create(indikator=indikator, measured_on=datetime.date(2026, 9, 30), value=75)
    today = timezone.localdate()
    Aktivitaet.objects.create(
        ergebnisziel=ergebnis,
        title="Merkblatt übersetzen",
        due_on=today - datetime.timedelta(days=10),
        status="laufend",
    )
    Aktivitaet.objects.create(
        ergebnisziel=ergebnis,
        title="Schulung planen",
        due_on=today + datetime.timedelta(days=30),
    )
    Aktivitaet.objects.create(
        ergebnisziel=ergebnis,
        title="Abgeschlossene Aktivität",
        due_on=today - datetime.timedelta(days=40),
        status="erledigt",
    )
    return zielsystem, gremium


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Whitespace normalised: table cells wrap their text over several lines.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@override_settings(KIM_KREIS_NAME="Märkischer Kreis")
def test_pdf_has_title_page_period_numbers_and_page_numbers(client, koordination, reports):
    client.force_login(koordination)
    response = client.get(URL + QUERY)
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Sachstandsbericht" in text
    assert "Märkischer Kreis" in text
    assert "01.01.2026 bis 30.06.2026" in text
    assert f"Stand: {timezone.localdate():%d.%m.%Y}" in text
    assert "Seite 1 von" in text
    assert "Eingereichte Meldebögen im Zeitraum 13" in text
    assert "Februar 2026 < 3" in text
    assert "Januar 2026 geschützt" in text
    assert "Sprache geschützt" in text
    assert "Wohnen < 3" in text


def test_pdf_contains_no_free_text_and_no_reporter(client, koordination, reports):
    MeldebogenFactory(
        on=datetime.date(2026, 4, 2),
        situation="Einzigartiger Freitext über eine Wartezeit im Amt",
        organisation_name="Geheime Beratungsstelle",
    )
    client.force_login(koordination)
    text = pdf_text(client.get(URL + QUERY))
    assert "Einzigartiger Freitext" not in text
    assert "Geheime Beratungsstelle" not in text
    assert "Migrationsberatung Caritas" not in text


def test_pdf_lists_only_released_decisions_and_goal_systems(client, koordination, db):
    zielsystem, gremium = make_zielsystem()
    make_zielsystem(slug="agintern", prefix="AGI", shared=False)
    Beschluss.objects.create(
        gremium=gremium,
        title="Freigegebene Warteliste",
        text="…",
        decided_on=datetime.date(2026, 3, 1),
        shared_with_all=True,
        status="in_umsetzung",
    )
    Beschluss.objects.create(
        gremium=gremium,
        title="Interner Personalbeschluss",
        text="…",
        decided_on=datetime.date(2026, 3, 2),
        status="offen",
    )
    client.force_login(koordination)
    text = pdf_text(client.get(URL + QUERY))
    assert "Freigegebene Warteliste" in text
    assert "Interner Personalbeschluss" not in text
    assert "2 der Beschlüsse im Zeitraum sind nicht für alle Akteure freigegeben" in text
    # Goal progress of the released Zielsystem: latest value up to the end of the period.
    assert "Zielsystem agtest" in text
    assert "Kursbeginn innerhalb von acht Wochen (agtest)" in text
    assert "60 %" in text and "30.06.2026" in text
    assert "75 %" not in text  # measured after the period
    assert "Zielsystem agintern" not in text
    assert "Arbeitsgruppe agtest" in text and "Arbeitsgruppe agintern" in text


def test_invalid_period_is_refused_in_german(client, koordination, db):
    client.force_login(koordination)
    response = client.get(URL + "?von=2026-06-30&bis=2026-01-01")
    assert response.status_code == 400
    assert "Das Ende des Zeitraums liegt vor seinem Anfang" in response.content.decode()


def test_pdf_queries_do_not_grow_with_content(
    client, koordination, kommunen, django_assert_max_num_queries
):
    from tests.reporting.conftest import add_reports

    client.force_login(koordination)
    make_zielsystem()
    add_reports(kommunen)
    client.get(URL + QUERY)  # warm the per-process caches (site root, content types)
    with django_assert_max_num_queries(30) as few:
        assert client.get(URL + QUERY).status_code == 200
    make_zielsystem(slug="agzwei", prefix="AGZ")
    add_reports(kommunen, factor=3)
    with django_assert_max_num_queries(30) as many:
        assert client.get(URL + QUERY).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_pdf_lists_generative_themes_with_status_only(client, koordination, db):
    from cycle.models import GenerativesThema

    GenerativesThema.objects.create(
        title="Wartelisten der Integrationskurse",
        description="Vertrauliche Beschreibung aus einer Fallrekonstruktion",
        status="an_ag_uebergeben",
    )
    client.force_login(koordination)
    text = pdf_text(client.get(URL + QUERY.replace("2026-06-30", timezone.localdate().isoformat())))
    assert "Wartelisten der Integrationskurse" in text
    assert "an Arbeitsgruppe übergeben" in text
    assert "Vertrauliche Beschreibung" not in text
