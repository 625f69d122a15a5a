"""Restricted knowledge pages never show up for others: not in listings, not in the menu."""

from accounts import roles
from home.models import HomePage
from knowledge.models import GuidancePage, KnowledgeIndexPage
from tests.knowledge.conftest import publish, restrict_to


def test_restricted_guidance_is_listed_only_for_members(client, partner, koordination, wissen):
    publish(wissen, GuidancePage(title="Für alle", slug="fuer-alle"))
    internal = publish(
        wissen, GuidancePage(title="Nur Koordination", slug="nur-koordination", show_in_menus=True)
    )
    restrict_to(internal, roles.KOORDINATION)

    client.force_login(partner)
    html = client.get(wissen.url).content.decode()
    assert "Für alle" in html
    assert "Nur Koordination" not in html
    assert "/wissensbasis/nur-koordination/" not in html
    assert client.get(internal.url).status_code != 200

    client.force_login(koordination)
    html = client.get(wissen.url).content.decode()
    assert "Nur Koordination" in html
    assert client.get(internal.url).status_code == 200


def test_restricted_section_is_not_in_the_menu_for_others(client, partner, koordination, wissen):
    intern = publish(
        HomePage.objects.get(),
        KnowledgeIndexPage(title="Intern", slug="intern", show_in_menus=True),
    )
    restrict_to(intern, roles.KOORDINATION)
    client.force_login(partner)
    nav = client.get(wissen.url).content.decode().split("main-nav", 1)[1].split("</nav>")[0]
    assert ">Wissen<" in nav
    assert ">Intern<" not in nav

    client.force_login(koordination)
    nav = client.get(wissen.url).content.decode().split("main-nav", 1)[1].split("</nav>")[0]
    assert ">Intern<" in nav


def test_demo_internal_guidance_is_hidden_from_partners(client, partner, koordination, demo):
    client.force_login(partner)
    assert "Fallrekonstruktion auswählen" not in client.get("/wissensbasis/").content.decode()
    client.force_login(koordination)
    assert "Fallrekonstruktion auswählen" in client.get("/wissensbasis/").content.decode()
