"""The search API answers with a bounded number of queries that does not grow with the number
of matching documents (the ranking, counting and facets happen in the database)."""

from accounts import roles
from tests.search.conftest import add_page, restrict


def search(client, django_assert_max_num_queries) -> tuple[int, dict]:
    with django_assert_max_num_queries(20) as captured:
        response = client.get("/api/v1/search/", {"q": "Integrationskurs"})
    assert response.status_code == 200
    return len(captured.captured_queries), response.json()


def add_matching_pages(parent, count: int, start: int) -> None:
    for number in range(start, start + count):
        page = add_page(
            parent, f"Integrationskurs {number}", "Ein Integrationskurs mit Kinderbetreuung."
        )
        if number % 4 == 0:
            restrict(page, roles.KOORDINATION)


def test_search_api_queries_do_not_grow_with_hits(
    client, kim_pages, partner, django_assert_max_num_queries
):
    client.force_login(partner)
    add_matching_pages(kim_pages["wissen"], 3, 0)
    client.get("/api/v1/search/", {"q": "Integrationskurs"})  # warm the caches
    few, answer = search(client, django_assert_max_num_queries)
    few_total = answer["total"]
    add_matching_pages(kim_pages["wissen"], 30, 100)
    client.get("/api/v1/search/", {"q": "Integrationskurs"})  # the new index version
    many, answer = search(client, django_assert_max_num_queries)
    # Pages restricted to the KIM-Koordination stay out of the partner's answer.
    assert answer["total"] == few_total + 30 - 8
    assert many <= few
    # Session, user, groups, Gremien, index version, document frequencies, ranking, the page's
    # hits; the promotions cost nothing when no promotion matches (search/promotions.py).
    assert many <= 8
