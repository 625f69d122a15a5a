"""The results page /suche/, the search box on every page and autocomplete."""

import re

import pytest

from tests.search.conftest import add_page


def test_anonymous_visitors_are_sent_to_the_login(client, kim_pages):
    response = client.get("/suche/?q=Einbürgerung")
    assert response.status_code == 302
    assert "/konto/" in response["Location"]


def test_results_page_is_accessible_and_complete(client, kim_pages, partner):
    client.force_login(partner)
    response = client.get("/suche/", {"q": "Einbürgerung"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<label for="suche-q">' in html and 'id="suche-q"' in html
    assert re.search(r'<p role="status"[^>]*>\s*1 Treffer für „Einbürgerung“', html)
    assert "<mark>Einbürgerung</mark>" in html
    assert "Personalplanung" not in html
    assert 'name="kind" value="wagtailcore-page"' in html
    assert "Wissen" in html  # where it lives


def test_empty_search_shows_only_the_form(client, partner, kim_pages):
    client.force_login(partner)
    html = client.get("/suche/").content.decode()
    assert 'id="suche-q"' in html and 'role="status"' not in html


def test_did_you_mean_link(client, kim_pages, partner):
    client.force_login(partner)
    html = client.get("/suche/", {"q": "Fallrekonstruktoin"}).content.decode()
    assert "Meinten Sie" in html and "?q=Fallrekonstruktion" in html


def test_facet_selection_is_kept_and_combinable(client, kim_pages, partner, organisation):
    client.force_login(partner)
    html = client.get("/suche/", {"q": "Iserlohn", "kind": "organisation"}).content.decode()
    assert 'value="organisation" checked' in html
    assert "1 Treffer" in html
    assert "Alle Filter zurücksetzen" in html


def test_pagination_links_keep_the_query(client, home, partner):
    for number in range(12):
        add_page(home, f"Protokoll Wohnen {number}", "Wohnen")
    client.force_login(partner)
    html = client.get("/suche/", {"q": "Wohnen", "seite": "2"}).content.decode()
    assert "Seite 2 von 2" in html
    assert "q=Wohnen&amp;seite=1" in html
    assert client.get("/suche/", {"q": "Wohnen", "seite": "x"}).status_code == 200


def test_search_box_on_every_page(client, partner, home):
    client.force_login(partner)
    html = client.get(home.url).content.decode()
    assert re.search(r'<form class="site-search" role="search" method="get" action="/suche/"', html)
    assert '<label for="site-search-q"' in html


def _queries_for(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        response = client.get("/suche/", {"q": "Wohnen Unterbringung"})
    assert response.status_code == 200


@pytest.mark.parametrize("amount", [3, 30])
def test_results_page_needs_a_bounded_number_of_queries(
    client, home, partner, amount, django_assert_max_num_queries
):
    for number in range(amount):
        add_page(home, f"Wohnen {number}", "Unterbringung in Wohnungen")
    client.force_login(partner)
    client.get("/suche/", {"q": "Wohnen"})  # warm the spelling cache
    _queries_for(client, django_assert_max_num_queries, 20)


def test_autocomplete_suggests_visible_titles_only(client, kim_pages, partner):
    client.force_login(partner)
    data = client.get("/suche/vorschlaege/", {"q": "Einbürg"}).json()
    assert [r["title"] for r in data["results"]] == ["Einbürgerung im Märkischen Kreis"]
    assert client.get("/suche/vorschlaege/", {"q": "ab"}).json() == {"results": []}
