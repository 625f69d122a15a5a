"""What the search remembers across requests never lets one user see what another may see:
the visible part of the index per index version and visibility (search.backends.database
``user_access``) and the promotions' search terms (search.promotions)."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from tests.search.conftest import restrict
from tests.search.test_promotions import promote

API = "/api/v1/search/"
SECRET = "Personalplanung Einbürgerungsbehörde"


def api_titles(client, user, text: str) -> list[str]:
    client.force_login(user)
    response = client.get(API, {"q": text})
    assert response.status_code == 200
    return [hit["title"] for hit in response.json()["results"]]


def promoted(client, user, text: str) -> list[str]:
    client.force_login(user)
    return [item["title"] for item in client.get(API, {"q": text}).json()["promoted"]]


@pytest.mark.parametrize("first", ["partner", "koordination"])
def test_each_visibility_gets_its_own_answer_in_either_order(
    client, kim_pages, partner, koordination, first
):
    users = {"partner": partner, "koordination": koordination}
    order = [first, *(name for name in users if name != first)]
    for _round in range(2):  # the second round answers from what the first remembered
        for name in order:
            found = api_titles(client, users[name], "Einbürgerungsbehörde")
            if name == "koordination":
                assert SECRET in found
            else:
                assert SECRET not in found
                assert "Einbürgerung im Märkischen Kreis" in found


def test_a_new_restriction_hides_a_page_at_once(client, kim_pages, partner):
    assert "Integrationskurse" in api_titles(client, partner, "Integrationskurse")
    restriction = restrict(kim_pages["integrationskurs"], roles.KOORDINATION)
    assert "Integrationskurse" not in api_titles(client, partner, "Integrationskurse")
    restriction.delete()
    assert "Integrationskurse" in api_titles(client, partner, "Integrationskurse")


def test_joining_and_leaving_a_group_counts_at_once(client, kim_pages, partner):
    assert SECRET not in api_titles(client, partner, "Einbürgerungsbehörde")
    group = Group.objects.get(name=roles.KOORDINATION)
    partner.groups.add(group)
    assert SECRET in api_titles(client, partner, "Einbürgerungsbehörde")
    partner.groups.remove(group)
    assert SECRET not in api_titles(client, partner, "Einbürgerungsbehörde")


def test_a_new_promotion_shows_at_once_and_a_deleted_one_goes(client, kim_pages, partner):
    assert promoted(client, partner, "Einbürgerung") == []  # remembers: no promotion matches
    promotion = promote("Einbürgerung", page=kim_pages["fallrekonstruktion"])
    assert promoted(client, partner, "Einbürgerung") == ["Fallrekonstruktion"]
    promotion.query.query_string = "staatsangehorigkeit"
    promotion.query.save()
    assert promoted(client, partner, "Einbürgerung") == []
    assert promoted(client, partner, "Staatsangehörigkeit") == ["Fallrekonstruktion"]
    promotion.delete()
    assert promoted(client, partner, "Staatsangehörigkeit") == []


@pytest.mark.parametrize("first", ["partner", "koordination"])
def test_a_promoted_restricted_page_stays_with_who_may_see_it_in_either_order(
    client, kim_pages, partner, koordination, first
):
    promote("Einbürgerung", page=kim_pages["geheim"])
    users = {"partner": partner, "koordination": koordination}
    for name in [first, *(n for n in users if n != first)] * 2:
        expected = [SECRET] if name == "koordination" else []
        assert promoted(client, users[name], "Einbürgerung") == expected
