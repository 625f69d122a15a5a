"""GET /api/v1/search/ with session or token authentication."""

from wagtail.models import APIToken


def test_api_requires_authentication(client, kim_pages):
    response = client.get("/api/v1/search/", {"q": "Einbürgerung"})
    assert response.status_code == 401


def test_api_with_a_session(client, kim_pages, partner):
    client.force_login(partner)
    data = client.get("/api/v1/search/", {"q": "Einbürgerung"}).json()
    assert data["total"] == 1
    (result,) = data["results"]
    assert set(result) >= {"title", "url", "type", "snippet", "date", "score"}
    assert result["title"] == "Einbürgerung im Märkischen Kreis"
    assert "<mark>" in result["snippet"]
    assert data["facets"]["kind"][0]["count"] == 1


def test_api_with_a_token_sees_what_the_token_owner_sees(client, kim_pages, koordination):
    _instance, token = APIToken.create_token(user=koordination, name="Test")
    response = client.get(
        "/api/v1/search/",
        {"q": "Personalplanung"},
        headers={"authorization": f"Token {token}"},
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == "Personalplanung Einbürgerungsbehörde"


def test_api_type_filter_and_paging(client, kim_pages, partner, organisation):
    client.force_login(partner)
    data = client.get("/api/v1/search/", {"q": "Iserlohn", "type": "organisation"}).json()
    assert [r["type"] for r in data["results"]] == ["organisation"]
    data = client.get("/api/v1/search/", {"q": "Iserlohn", "page_size": 1, "page": 2}).json()
    assert data["total"] == 3 and len(data["results"]) == 1 and data["page"] == 2


def test_api_rejects_oversized_pages(client, partner):
    client.force_login(partner)
    response = client.get("/api/v1/search/", {"q": "x", "page_size": 500})
    assert response.status_code == 422
    assert response.json()["detail"] == "Die Anfrage enthält ungültige Angaben."
