"""The dashboard: numbers against the known fixture (tests/reporting/conftest.py), the period
filter, access for the KIM-Koordination only, the navigation entry and bounded queries."""

import datetime
import re

import pytest
from django.urls import reverse

from reporting.cache import statistics_changed
from reporting.statistics import Period, Statistics
from spaces.models import Beschluss
from tests.html_references import dangling_references, description
from tests.reporting.conftest import PERIOD, QUERY, add_reports
from tests.reporting.factories import MeldebogenFactory
from tests.reporting.test_sachstand import make_zielsystem

URL = "/berichte/"


def table_rows(html: str, caption_start: str) -> dict[str, str]:
    """{row header: value} of the two-column table whose caption starts with ``caption_start``."""
    match = re.search(
        r"<caption[^>]*>" + re.escape(caption_start) + r".*?</caption>(.*?)</table>", html, re.S
    )
    assert match, f"no table {caption_start!r}"
    rows = re.findall(
        r'<th scope="row">(.*?)</th><td class="number[^"]*">(.*?)</td>', match.group(1), re.S
    )
    return {header.strip(): value.strip() for header, value in rows}


def test_counts_per_month_thema_kommune_and_huerde(reports):
    statistics = Statistics.for_period(PERIOD)
    assert statistics.total.display == "13"
    months = {row.label: row.cell.display for row in statistics.distribution("monat").rows}
    assert months == {
        "Januar 2026": "geschützt",  # 5, hidden so that February's 1 cannot be recomputed
        "Februar 2026": "< 3",
        "März 2026": "7",
        "April 2026": "0",
        "Mai 2026": "0",
        "Juni 2026": "0",
    }
    themen = {row.label: row.cell.display for row in statistics.distribution("thema").rows}
    # Not the 3 of Arbeit/Ausbildung: "geschützt" means at least 3, and 3 + "< 3" = 4 would
    # leave only 1 for Wohnen.
    assert themen["Sprache"] == "geschützt"
    assert themen["Wohnen"] == "< 3"
    assert themen["Arbeit/Ausbildung"] == "3"
    assert themen["Gesundheit"] == "0"
    kommunen = {row.label: row.cell.display for row in statistics.distribution("kommune").rows}
    # A report with two Kommunen counts in both; the total counts reports.
    assert kommunen == {"Altena": "8", "Balve": "< 3", "Werdohl": "geschützt"}
    assert statistics.distribution("kommune").total.display == "13"
    huerden = {row.label: row.cell.display for row in statistics.distribution("huerde").rows}
    assert huerden["Sprachbarriere"] == "5"
    assert huerden["Fehlendes Angebot"] == "5"
    assert huerden["Schnittstellenproblem"] == "3"
    assert huerden["Datenschutz / Datenaustausch"] == "0"


def test_crosstab_cells_agree_with_the_one_dimensional_tables(reports):
    statistics = Statistics.for_period(PERIOD)
    crosstab = statistics.crosstab("kommune", "thema")
    thema = statistics.distribution("thema")
    assert [c.display for c in crosstab.column_totals] == [r.cell.display for r in thema.rows]
    assert [r.total.display for r in crosstab.rows] == [
        r.cell.display for r in statistics.distribution("kommune").rows
    ]
    balve = next(r for r in crosstab.rows if r.label == "Balve")
    assert "1" not in [c.display for c in balve.cells]


def test_dashboard_shows_the_numbers_as_tables_and_charts(client, koordination, reports):
    client.force_login(koordination)
    response = client.get(URL + QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "01.01.2026 bis 30.06.2026" in html
    months = table_rows(html, "Meldebögen je Monat")
    assert months["Februar 2026"] == "&lt; 3"
    assert months["März 2026"] == "7"
    assert months["Januar 2026"] == "geschützt"
    assert table_rows(html, "Meldebögen je Thema")["Arbeit/Ausbildung"] == "3"
    assert table_rows(html, "Meldebögen je Kommune")["Altena"] == "8"
    assert table_rows(html, "Meldebögen je Art der Hürde")["Sprachbarriere"] == "5"
    # Each chart is an image with a name and a description, followed by its table.
    for key in ("monat", "thema", "kommune", "huerde"):
        assert f'role="img" aria-labelledby="chart-{key}-title"' in html
        assert f'<caption id="{key}-caption">' in html
    # The chart never draws the hidden numbers: no bar for February.
    assert "Zum Schutz kleiner Zahlen nicht genau angegeben: Jan. 2026, Feb. 2026" in html


def test_period_filter_and_german_errors(client, koordination, reports):
    client.force_login(koordination)
    only_march = client.get(URL + "?von=2026-03-01&bis=2026-03-31")
    months = table_rows(only_march.content.decode(), "Meldebögen je Monat")
    assert months == {"März 2026": "7", "Insgesamt (Meldebögen)": "7"}
    wrong = client.get(URL + "?von=2026-06-30&bis=2026-01-01")
    assert wrong.status_code == 200
    assert "Das Ende des Zeitraums liegt vor seinem Anfang" in wrong.content.decode()
    garbage = client.get(URL + "?von=gestern")
    assert "Bitte ein Datum angeben" in garbage.content.decode()
    assert dangling_references(garbage.content.decode()) == []  # the error describes the field
    assert "Bitte ein Datum angeben" in description(garbage.content.decode(), "von")


def test_crosstab_dimensions_are_selectable(client, koordination, reports):
    client.force_login(koordination)
    response = client.get(URL + QUERY + "&zeilen=zielgruppe&spalten=huerde")
    assert "Meldebögen nach Zielgruppe und Art der Hürde" in response.content.decode()
    same = client.get(URL + QUERY + "&zeilen=thema&spalten=thema")
    assert "zwei verschiedene Merkmale" in same.content.decode()
    unknown = client.get(URL + QUERY + "&zeilen=farbe").content.decode()
    assert "farbe ist keine gültige Auswahl" in description(unknown, "zeilen")
    assert dangling_references(unknown) == []


def test_beschluesse_in_umsetzung_and_overdue_aktivitaeten(client, koordination, db):
    zielsystem, gremium = make_zielsystem()
    Beschluss.objects.create(
        gremium=gremium, title="Warteliste einrichten", text="…", status="in_umsetzung"
    )
    Beschluss.objects.create(
        gremium=gremium, title="Längst umgesetzt", text="…", status="umgesetzt"
    )
    client.force_login(koordination)
    html = client.get(URL).content.decode()
    assert "Warteliste einrichten" in html
    assert "Längst umgesetzt" not in html
    assert "Merkblatt übersetzen" in html  # overdue
    assert "Schulung planen" not in html  # due in the future
    assert "Abgeschlossene Aktivität" not in html  # done


@pytest.mark.parametrize("role_user", ["case_manager", "partner", "integrationsbeauftragte"])
@pytest.mark.parametrize(
    "url",
    [
        URL,
        "/berichte/export/meldeboegen/",
        "/berichte/export/auszaehlung/",
        "/berichte/sachstandsbericht/",
    ],
)
def test_everyone_but_the_coordination_is_refused_with_a_reason(client, request, role_user, url):
    client.force_login(request.getfixturevalue(role_user))
    response = client.get(url)
    assert response.status_code == 403
    assert "nur der KIM-Koordination" in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


def test_navigation_entry_only_for_the_coordination(client, koordination, case_manager):
    client.force_login(koordination)
    assert f'href="{reverse("reporting:dashboard")}"' in client.get("/").content.decode()
    client.force_login(case_manager)
    assert f'href="{reverse("reporting:dashboard")}"' not in client.get("/").content.decode()


def test_dashboard_queries_do_not_grow_with_content(
    client, koordination, kommunen, django_assert_max_num_queries
):
    def queries() -> tuple[int, int]:
        """Queries of the first request after a change (statistics computed) and of the next
        one (statistics from the cache, reporting/cache.py)."""
        counts = []
        for _ in range(2):
            with django_assert_max_num_queries(30) as captured:
                assert client.get(URL + QUERY).status_code == 200
            counts.append(len(captured.captured_queries))
        return counts[0], counts[1]

    client.force_login(koordination)
    make_zielsystem()
    add_reports(kommunen)
    client.get(URL + QUERY)  # warm the per-process caches (site root, content types)
    statistics_changed()
    few = queries()
    add_reports(kommunen, factor=4)
    make_zielsystem(slug="agzwei", prefix="AGZ")
    many = queries()
    assert many == few
    # From the cache: no query for the reports, Themen, Kommunen or confirmed findings.
    computed, cached = few
    assert cached == computed - 6
    assert cached <= 9


def test_default_period_is_the_last_twelve_months():
    period = Period.default(datetime.date(2026, 11, 21))
    assert period.start == datetime.date(2025, 12, 1)
    assert len(period.months()) == 12


def test_open_generative_themes_with_protected_report_counts(client, koordination, reports):
    from cycle.models import Fallrekonstruktion, GenerativesThema
    from forms.models import Meldebogen

    submitted = list(Meldebogen.objects.submitted().order_by("pk"))
    warteliste = GenerativesThema.objects.create(
        title="Wartelisten der Integrationskurse", description="…", status="an_ag_uebergeben"
    )
    warteliste.meldeboegen.set(submitted[:3])
    # Two more through a Fallrekonstruktion, one of them also assigned directly.
    rekonstruktion = Fallrekonstruktion.objects.create(
        title="Wartezeit Integrationskurs", date=datetime.date(2026, 4, 1), purpose="…"
    )
    rekonstruktion.meldeboegen.set(submitted[2:5])
    warteliste.fallrekonstruktionen.add(rekonstruktion)
    einzeln = GenerativesThema.objects.create(
        title="Unterlagen zwischen Jugendamt und ABH", description="…"
    )
    einzeln.meldeboegen.set(submitted[5:6])
    GenerativesThema.objects.create(
        title="Längst gelöstes Thema", description="…", status="geloest"
    )
    client.force_login(koordination)
    html = client.get(URL + QUERY).content.decode()
    assert "Wartelisten der Integrationskurse" in html
    assert "Längst gelöstes Thema" not in html
    rows = dict(
        re.findall(
            r'<th scope="row"><a href="[^"]*">(.*?)</a></th>.*?<td class="number[^"]*">(.*?)</td>',
            html,
            re.S,
        )
    )
    assert rows["Wartelisten der Integrationskurse"] == "5"
    assert rows["Unterlagen zwischen Jugendamt und ABH"] == "&lt; 3"
    assert 'aria-labelledby="chart-themen-title"' in html


def test_admin_menu_leads_the_coordination_to_the_dashboard(client, koordination):
    client.force_login(koordination)
    html = client.get("/admin/").content.decode()
    assert "Berichte und Exporte" in html
    assert reverse("reporting:dashboard") in html


def test_total_hidden_everywhere_when_one_table_must_hide_it(kommunen):
    # Seven reports in seven different Themen: each Thema "< 3" next to a total of 7 would say
    # that each is exactly 1. So the total is hidden in every table, the headline included.
    from forms.models import Thema

    for thema in Thema.objects.order_by("sort_order")[:7]:
        MeldebogenFactory(on=datetime.date(2026, 2, 10), thema=thema, kommunen=[kommunen["Altena"]])
    statistics = Statistics.for_period(PERIOD)
    assert statistics.total.display == "geschützt"
    for key in ("monat", "thema", "kommune", "huerde", "zielgruppe", "rechtskreis"):
        distribution = statistics.distribution(key)
        assert distribution.total.display == "geschützt", key
        assert "7" not in [row.cell.display for row in distribution.rows], key


def test_chart_coordinates_are_not_localised(client, koordination, reports):
    # German number formatting would write "250,0", which SVG reads as two coordinates.
    client.force_login(koordination)
    html = client.get(URL + QUERY).content.decode()
    assert 'x="250' in html or 'x="64' in html
    assert not re.search(r' (x|y|x1|x2|y1|y2|width|height)="-?\d+,\d', html)


def test_confirmed_anonymity_findings_are_counted(client, koordination, reports):
    from forms.models import ConfirmedFinding, Meldebogen

    client.force_login(koordination)
    html = client.get(URL + QUERY).content.decode()
    assert "kein Fund der Anonymitätsprüfung als nicht personenbezogen bestätigt" in html
    first, second = Meldebogen.objects.submitted().order_by("pk")[:2]
    for meldebogen, kind, text in [
        (first, "name", "Werdohler"),
        (first, "adresse", "Am Markt 3"),
        (second, "name", "Lenne"),
    ]:
        ConfirmedFinding.objects.create(
            meldebogen=meldebogen, field="situation", kind=kind, text=text
        )
    html = client.get(URL + QUERY).content.decode()
    assert "In 2 Meldebögen des Zeitraums haben die Meldenden 3 Funde" in html
    section = html[html.index('id="funde-caption"') :]
    assert re.search(r'<th scope="row">Name einer Person</th><td>2</td>', section)
    assert re.search(r'<th scope="row">Anschrift</th><td>1</td>', section)
    # The spans themselves never appear in the report.
    assert "Werdohler" not in html and "Am Markt 3" not in html
