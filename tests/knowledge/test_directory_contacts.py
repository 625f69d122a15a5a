"""The directory answers in two clicks (issue 18, point 3): contact details, the reader's own
Kommune preselected, filters by target group and language, an entry of its own (the search
links there), a printable and exportable list per Kommune."""

import csv
import io

import pytest

from accounts import roles
from accounts.models import Profile
from knowledge.models import KnowledgeIndexPage, Kommune, Organisation
from knowledge.search_directory import OrganisationProvider
from tests.html_references import dangling_references
from tests.knowledge.conftest import restrict_to

DIRECTORY = "/wissensbasis/verzeichnis/"
MBE = "Migrationsberatung für Erwachsene Diakonie Iserlohn"


@pytest.fixture
def ib_balve(integrationsbeauftragte, demo):
    Profile.objects.update_or_create(
        user=integrationsbeauftragte, defaults={"kommune": Kommune.objects.get(slug="balve")}
    )
    return integrationsbeauftragte


def test_two_clicks_from_the_home_page_to_the_contact_details(client, ib_balve):
    client.force_login(ib_balve)
    home = client.get("/").content.decode()
    # Click 1: the home page links to the directory of the user's own Kommune.
    assert f'href="{DIRECTORY}?kommune=balve">Beratungsangebote in Balve</a>' in home
    listing = client.get(DIRECTORY, {"kommune": "balve"}).content.decode()
    mbe = Organisation.objects.get(name=MBE)
    # Click 2: the entry itself, with address, phone, e-mail, opening hours and website.
    assert f'<a href="{DIRECTORY}{mbe.pk}/">{MBE}</a>' in listing
    entry = client.get(f"{DIRECTORY}{mbe.pk}/")
    html = entry.content.decode()
    assert entry.status_code == 200
    assert f"<h1>{MBE}</h1>" in html
    assert "Piepenstockstraße 10, 58636 Iserlohn" in html
    assert 'href="tel:02371795-210"' in html
    assert "mailto:" in html and "Öffnungszeiten" in html
    assert "Sprechstunde in Balve: dienstags 14–16 Uhr" in html
    assert "Erwachsene" in html and "Arabisch" in html
    assert dangling_references(html) == []


def test_own_kommune_is_preselected_and_all_kommunen_can_be_chosen(client, ib_balve):
    client.force_login(ib_balve)
    html = client.get(DIRECTORY).content.decode()
    assert '<option value="balve" selected>' in html
    assert "Angebote gefunden für Balve" in html
    assert MBE in html
    assert "Caritas Lüdenscheid" not in html  # serves other Kommunen
    everything = client.get(DIRECTORY, {"kommune": ""}).content.decode()
    assert "Migrationsberatung für Erwachsene Caritas Lüdenscheid" in everything


def test_filters_by_target_group_and_language(client, ib_balve):
    client.force_login(ib_balve)
    html = client.get(DIRECTORY, {"kommune": "balve", "zielgruppe": "jugendliche"}).content
    html = html.decode()
    assert "Jugendmigrationsdienst Märkischer Kreis" in html
    assert MBE not in html
    html = client.get(DIRECTORY, {"kommune": "balve", "sprache": "arabisch"}).content.decode()
    assert MBE in html and "Jugendmigrationsdienst Märkischer Kreis" in html
    assert "Volkshochschule Menden-Hemer-Balve" not in html
    html = client.get(DIRECTORY, {"zielgruppe": "atlantis"}).content.decode()
    assert "Diese Zielgruppe gibt es nicht" in html


def test_search_result_opens_the_entry_itself(ib_balve):
    mbe = Organisation.objects.get(name=MBE)
    entry = OrganisationProvider().entry(mbe)
    assert entry.url.endswith(f"/wissensbasis/verzeichnis/{mbe.pk}/")


def test_list_per_kommune_prints_and_exports(client, ib_balve):
    client.force_login(ib_balve)
    listing = client.get(DIRECTORY, {"kommune": "balve"}).content.decode()
    assert f'href="{DIRECTORY}druckansicht/?kommune=balve">Liste drucken</a>' in listing
    printed = client.get(f"{DIRECTORY}druckansicht/", {"kommune": "balve"}).content.decode()
    assert "<h1>Beratungsangebote für Balve</h1>" in printed
    assert "02371 795-210" in printed and "Volkshochschule Lennetal" not in printed

    wissen = KnowledgeIndexPage.objects.get(slug="wissensbasis")
    export_url = f"/wissen/verzeichnis/{wissen.pk}/export/"
    assert f'href="{export_url}?kommune=balve&amp;format=csv"' in listing
    response = client.get(export_url, {"kommune": "balve", "format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="beratungsangebote-balve.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffName;Art;Träger;zuständig für die Kommunen;Angebot;Zielgruppen")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    names = {row["Name"] for row in rows}
    assert MBE in names and "Volkshochschule Lennetal" not in names
    mbe = next(row for row in rows if row["Name"] == MBE)
    assert mbe["Telefon"] == "02371 795-210"
    assert "Balve" in mbe["zuständig für die Kommunen"].split(";")
    # Like the directory, the export follows the Wissensbereich's privacy.
    restrict_to(wissen, roles.KOORDINATION)
    assert client.get(export_url, {"kommune": "balve"}).status_code == 404


def test_a_new_kommune_in_the_profile_shows_on_the_cached_home_page_at_once(client, ib_balve):
    """The home page's content is cached per person (home/content_cache.py); a change of the
    profile.s Kommune renews it."""
    client.force_login(ib_balve)
    assert "Beratungsangebote in Balve" in client.get("/").text
    profile = Profile.objects.get(user=ib_balve)
    profile.kommune = Kommune.objects.get(slug="werdohl")
    profile.save()
    home = client.get("/").text
    assert f'href="{DIRECTORY}?kommune=werdohl">Beratungsangebote in Werdohl</a>' in home
