"""The dashboard's statistics come from the cache (reporting/cache.py) only while nothing
behind them changed: every change shows on the next request, and the cache never opens the
dashboard to anyone but the KIM-Koordination."""

import datetime

import pytest
from django.test import override_settings

from forms.models import Meldebogen, Status, Thema
from forms.workflow import change_status
from tests.reporting.conftest import QUERY
from tests.reporting.factories import MeldebogenFactory
from tests.reporting.test_dashboard import URL, table_rows


def dashboard(client) -> str:
    response = client.get(URL + QUERY)
    assert response.status_code == 200
    return response.content.decode()


def months(client) -> dict[str, str]:
    return table_rows(dashboard(client), "Meldebögen je Monat")


@pytest.mark.parametrize("first", ["koordination", "case_manager"])
def test_only_the_coordination_sees_the_numbers_in_either_order(
    client, koordination, case_manager, reports, first
):
    users = {"koordination": koordination, "case_manager": case_manager}
    for name in [first, *(n for n in users if n != first)] * 2:
        client.force_login(users[name])
        response = client.get(URL + QUERY)
        html = response.content.decode()
        if name == "koordination":
            assert response.status_code == 200
            assert table_rows(html, "Meldebögen je Monat")["März 2026"] == "7"
        else:
            assert response.status_code == 403
            assert "Meldebögen je Monat" not in html and "März 2026" not in html


def test_a_new_report_counts_at_once(client, koordination, reports, kommunen):
    client.force_login(koordination)
    assert months(client)["März 2026"] == "7"
    MeldebogenFactory(
        on=datetime.date(2026, 3, 11),
        thema=Thema.objects.get(name="Wohnen"),
        kommunen=[kommunen["Balve"]],
    )
    assert months(client)["März 2026"] == "8"
    assert table_rows(dashboard(client), "Meldebögen je Kommune")["Balve"] == "&lt; 3"
    Meldebogen.objects.submitted().order_by("-pk").first().delete()
    assert months(client)["März 2026"] == "7"


def test_a_dublette_stops_counting_at_once(client, koordination, reports):
    client.force_login(koordination)
    assert months(client)["März 2026"] == "7"
    march = list(Meldebogen.objects.submitted().filter(submitted_at__month=3).order_by("pk"))
    # A status change is a queryset update (portal.transitions): no post_save signal.
    change_status(
        march[1], Status.DUBLETTE, by=koordination, comment="doppelt", duplicate_of=march[0]
    )
    assert months(client)["März 2026"] == "6"


def test_changed_kommunen_and_names_show_at_once(client, koordination, reports, kommunen):
    client.force_login(koordination)
    assert table_rows(dashboard(client), "Meldebögen je Kommune")["Altena"] == "8"
    in_period = Meldebogen.objects.submitted().filter(submitted_at__year=2026)
    balve_report = in_period.get(kommunen=kommunen["Balve"])
    balve_report.kommunen.set([kommunen["Altena"]])
    assert table_rows(dashboard(client), "Meldebögen je Kommune")["Altena"] == "9"
    kommunen["Altena"].name = "Altena (Stadt)"
    kommunen["Altena"].save()
    assert table_rows(dashboard(client), "Meldebögen je Kommune")["Altena (Stadt)"] == "9"
    wohnen = Thema.objects.get(name="Wohnen")
    wohnen.name = "Wohnen und Unterkunft"
    wohnen.save()
    assert "Wohnen und Unterkunft" in table_rows(dashboard(client), "Meldebögen je Thema")


def test_the_threshold_and_the_period_are_part_of_the_key(client, koordination, reports):
    client.force_login(koordination)
    assert months(client)["Februar 2026"] == "&lt; 3"
    with override_settings(REPORTING_SMALL_NUMBER_THRESHOLD=2):
        assert months(client)["Februar 2026"] == "&lt; 2"
    only_march = client.get(URL + "?von=2026-03-01&bis=2026-03-31").content.decode()
    assert table_rows(only_march, "Meldebögen je Monat") == {
        "März 2026": "7",
        "Insgesamt (Meldebögen)": "7",
    }
