"""Empfohlene Treffer: edited by the coordination, matched like the search, never revealing
what the user may not see."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Collection, CollectionViewRestriction

from accounts import roles
from knowledge.models import KnowledgeDocument
from search.promotions import promotions_for
from tests.search.conftest import add_page

RESULTS = "/suche/"


def promote(query_string: str, page=None, url: str = "", text: str = "", description: str = ""):
    query = Query.get(query_string)
    return SearchPromotion.objects.create(
        query=query,
        page=page,
        external_link_url=url,
        external_link_text=text,
        description=description,
        sort_order=query.editors_picks.count(),
    )


def promoted_titles(user, text: str) -> list[str]:
    fresh = type(user).objects.get(pk=user.pk)
    return [p.title for p in promotions_for(text, fresh, "testserver")]


def test_promoted_page_is_shown_above_the_results(client, kim_pages, partner):
    promote("Einbürgerung", page=kim_pages["fallrekonstruktion"], description="Der Weg zum Pass")
    client.force_login(partner)
    html = client.get(RESULTS, {"q": "Einbürgerung"}).content.decode()
    assert "Empfohlen" in html and "Der Weg zum Pass" in html
    promoted_at = html.index('class="search-hit search-hit--promoted"')
    assert promoted_at < html.index('<ol class="search-hits"')
    assert kim_pages["fallrekonstruktion"].url in html[promoted_at : html.index("<ol ")]


def test_matching_folds_inflects_ignores_order_and_accepts_several_phrasings(kim_pages, partner):
    promote(
        "Einbürgerung beantragen; Staatsangehörigkeit",
        page=kim_pages["einbuergerung"],
    )
    expected = ["Einbürgerung im Märkischen Kreis"]
    assert promoted_titles(partner, "einburgerung beantragen") == expected
    assert promoted_titles(partner, "Beantragen der Einbürgerungen") == expected
    assert promoted_titles(partner, "STAATSANGEHÖRIGKEIT") == expected
    assert promoted_titles(partner, "Einbürgerung") == []  # a different question
    assert promoted_titles(partner, "Einbürgerung beantragen Kosten") == []


def test_promotion_to_a_restricted_page_is_shown_only_to_who_may_see_it(
    client, kim_pages, partner, koordination
):
    promote("Einbürgerung", page=kim_pages["geheim"])
    assert promoted_titles(partner, "Einbürgerung") == []
    assert promoted_titles(koordination, "Einbürgerung") == ["Personalplanung Einbürgerungsbehörde"]
    client.force_login(partner)
    html = client.get(RESULTS, {"q": "Einbürgerung"}).content.decode()
    assert "Empfohlen" not in html and "Personalplanung" not in html


def test_unpublished_page_is_never_promoted(kim_pages, koordination):
    page = kim_pages["integrationskurs"]
    promote("Integrationskurs", page=page)
    page.unpublish()
    assert promoted_titles(koordination, "Integrationskurs") == []


def test_portal_address_follows_the_visibility_of_its_content(db, partner, koordination):
    intern = Collection.get_first_root_node().add_child(name="Koordination intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=intern, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.KOORDINATION)])
    document = KnowledgeDocument.objects.create(
        title="Stellenplan", file=ContentFile(b"Stellenplan", name="plan.txt"), collection=intern
    )
    promote("Stellen", url=f"http://testserver{document.url}", text="Stellenplan der Koordination")
    promote("Stellen", url="http://testserver/gibt-es-nicht/", text="Unbekannte Adresse")
    assert promoted_titles(partner, "Stellen") == []
    assert promoted_titles(koordination, "Stellen") == ["Stellenplan der Koordination"]


def test_external_address_is_shown_to_everyone(db, partner):
    promote("Anerkennung", url="https://www.anerkennung-in-deutschland.de/", text="Anerkennung")
    found = promotions_for("Anerkennung", type(partner).objects.get(pk=partner.pk), "testserver")
    assert [(p.title, p.kind_label) for p in found] == [("Anerkennung", "Externer Link")]


def test_promotions_only_on_the_first_unfiltered_page(client, kim_pages, partner):
    promote("Einbürgerung", page=kim_pages["einbuergerung"])
    client.force_login(partner)
    assert "Empfohlen" in client.get(RESULTS, {"q": "Einbürgerung"}).content.decode()
    filtered = client.get(RESULTS, {"q": "Einbürgerung", "kind": "organisation"})
    assert "Empfohlen" not in filtered.content.decode()


def test_coordination_edits_promotions_in_the_admin(client, kim_pages, koordination, partner):
    client.force_login(partner)
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code in {302, 403}
    client.force_login(koordination)
    index = client.get(reverse("wagtailsearchpromotions:index"))
    assert index.status_code == 200
    assert "Empfohlene Treffer" in client.get(reverse("wagtailadmin_home")).content.decode()
    add_url = reverse("wagtailsearchpromotions:add")
    assert "durch Semikolon" in client.get(add_url).content.decode()
    response = client.post(
        add_url,
        {
            "query_string": "Kurs finden",
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": kim_pages["integrationskurs"].pk,
            "editors_picks-0-description": "Alle Kurse im Kreis",
        },
    )
    assert response.status_code == 302
    assert promoted_titles(partner, "Kurse finden") == ["Integrationskurse"]


def test_results_page_queries_do_not_grow_with_promotions(
    client, kim_pages, partner, django_assert_max_num_queries
):
    client.force_login(partner)
    promote("Einbürgerung", page=kim_pages["einbuergerung"])
    with django_assert_max_num_queries(40) as few:
        client.get(RESULTS, {"q": "Einbürgerung"})
    limit = len(few)  # now: the query log is a bounded deque
    for number in range(8):
        page = add_page(kim_pages["wissen"], f"Einbürgerung Merkblatt {number}", "Einbürgerung")
        promote("Einbürgerung", page=page)
    with django_assert_max_num_queries(limit):
        response = client.get(RESULTS, {"q": "Einbürgerung"})
    assert response.content.decode().count("search-hit--promoted") == 9


def test_api_returns_the_promotions_the_user_may_see(client, kim_pages, partner, koordination):
    promote("Einbürgerung", page=kim_pages["geheim"], description="Nur intern")
    promote("Einbürgerung", page=kim_pages["fallrekonstruktion"], description="Der Weg zum Pass")
    client.force_login(partner)
    body = client.get("/api/v1/search/", {"q": "Einbürgerung"}).json()
    assert [(p["title"], p["description"]) for p in body["promoted"]] == [
        ("Fallrekonstruktion", "Der Weg zum Pass")
    ]
    filtered = client.get("/api/v1/search/", {"q": "Einbürgerung", "type": "seite"}).json()
    assert filtered["promoted"] == []
    client.force_login(koordination)
    body = client.get("/api/v1/search/", {"q": "Einbürgerung"}).json()
    assert len(body["promoted"]) == 2
