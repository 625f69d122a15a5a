"""The directory answers "who advises adults in Balve?" in two clicks."""

from tests.html_references import dangling_references, description


def test_balve_and_mbe_shows_the_right_advice_service(client, partner, demo):
    client.force_login(partner)
    html = client.get("/wissensbasis/verzeichnis/").content.decode()
    assert 'href="/wissensbasis/verzeichnis/?kommune=balve"' in html  # one click to Balve
    response = client.get("/wissensbasis/verzeichnis/", {"kommune": "balve", "art": "mbe"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Migrationsberatung für Erwachsene Diakonie Iserlohn" in html
    assert "Caritas Lüdenscheid" not in html
    assert "AWO Werdohl" not in html
    assert "1 Angebot gefunden" in html
    assert '<label for="id_kommune">Kommune</label>' in html


def test_all_services_of_a_kommune_are_grouped_by_type(client, partner, demo):
    client.force_login(partner)
    html = client.get("/wissensbasis/verzeichnis/", {"kommune": "balve"}).content.decode()
    assert "<h3>Migrationsberatung für Erwachsene (MBE)</h3>" in html
    assert "Volkshochschule" in html
    assert "Volkshochschule Lüdenscheid" not in html


def test_unknown_filter_values_get_a_german_error(client, partner, demo):
    client.force_login(partner)
    response = client.get("/wissensbasis/verzeichnis/", {"kommune": "atlantis", "art": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Diese Kommune gibt es nicht" in html
    assert "Diese Art gibt es nicht" in html
    assert dangling_references(html) == []  # the errors are the fields' descriptions
    assert "Diese Kommune gibt es nicht" in description(html, "kommune")
    assert "Diakonie Iserlohn" not in html
