"""The knowledge section filters its guidance by Handlungsfeld and tag with a plain GET form."""

from accounts import roles
from knowledge.models import GuidancePage, Handlungsfeld
from tests.html_references import dangling_references, description
from tests.knowledge.conftest import publish, restrict_to


def guidance_page(wissen, title, slug, handlungsfelder=(), tags=()):
    page = GuidancePage(title=title, slug=slug)
    page.handlungsfelder = list(handlungsfelder)
    page.tags.add(*tags)
    return publish(wissen, page)


def titles(html: str) -> list[str]:
    section = html.split('id="inhalte-heading"', 1)[1]
    return [part.split("</a>")[0].split(">")[-1] for part in section.split("<h3><a ")[1:]]


def test_filter_by_handlungsfeld_and_tag(client, partner, wissen, faq):
    sprache = Handlungsfeld.objects.create(name="Bildung und Sprache")
    arbeit = Handlungsfeld.objects.create(name="Arbeitsmarkt")
    guidance_page(wissen, "Sprachkurse finden", "sprachkurse", [sprache], ["Integrationskurs"])
    guidance_page(wissen, "Anerkennung", "anerkennung", [arbeit], ["Beruf"])
    guidance_page(wissen, "Kita und Sprache", "kita", [sprache], ["Kita"])
    client.force_login(partner)

    html = client.get(wissen.url).content.decode()
    assert 'name="handlungsfeld"' in html and 'name="schlagwort"' in html
    assert "Häufige Fragen" in titles(html)

    html = client.get(wissen.url, {"handlungsfeld": sprache.pk}).content.decode()
    assert titles(html) == ["Kita und Sprache", "Sprachkurse finden"]
    assert "2 Arbeitshilfen gefunden" in html

    html = client.get(wissen.url, {"handlungsfeld": sprache.pk, "schlagwort": "kita"}).content
    assert titles(html.decode()) == ["Kita und Sprache"]

    html = client.get(wissen.url, {"schlagwort": "beruf"}).content.decode()
    assert titles(html) == ["Anerkennung"]


def test_invalid_filter_values_get_a_german_message(client, partner, wissen):
    client.force_login(partner)
    html = client.get(wissen.url, {"schlagwort": "gibtsnicht"}).content.decode()
    assert "Dieses Schlagwort gibt es nicht" in html
    assert dangling_references(html) == []  # the error is the field's description
    assert "Dieses Schlagwort gibt es nicht" in description(html, "schlagwort")
    assert "Keine Arbeitshilfe passt zu dieser Auswahl." in html


def test_restricted_guidance_and_its_tags_stay_hidden(client, partner, koordination, wissen):
    internal = guidance_page(wissen, "Intern", "intern", tags=["Geheimsache"])
    restrict_to(internal, roles.KOORDINATION)
    guidance_page(wissen, "Offen", "offen", tags=["Offen"])
    client.force_login(partner)
    html = client.get(wissen.url).content.decode()
    assert "Geheimsache" not in html
    html = client.get(wissen.url, {"schlagwort": "geheimsache"}).content.decode()
    assert "Intern" not in titles(html)
    client.force_login(koordination)
    html = client.get(wissen.url, {"schlagwort": "geheimsache"}).content.decode()
    assert titles(html) == ["Intern"]


def test_handlungskonzept_links_to_its_pdf(client, partner, konzept):
    client.force_login(partner)
    html = client.get(konzept.url).content.decode()
    assert f'href="{konzept.url}pdf/"' in html
