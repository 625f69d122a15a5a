from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from accounts import roles
from home.models import HomePage


def publish_child(parent: Page, title: str) -> Page:
    page = parent.add_child(instance=Page(title=title))
    page.save_revision().publish()
    return page


def test_home_greets_the_user_by_name_and_role(client, case_manager):
    client.force_login(case_manager)
    html = client.get("/").content.decode()
    assert "Guten Tag, Cem" in html
    assert roles.ROLES_BY_NAME[roles.CASE_MANAGEMENT].greeting in html
    assert html.count("<h1") == 1


def test_home_says_when_a_user_has_no_role(client, make_user):
    client.force_login(make_user("ohne-rolle"))
    assert "noch keine Rolle zugeordnet" in client.get("/").content.decode()


def test_new_content_lists_only_what_the_user_may_see(client, partner, koordination):
    home = HomePage.objects.get()
    publish_child(home, "Arbeitshilfe Sprachkurse")
    internal = publish_child(home, "Interne Notiz der Koordination")
    restriction = PageViewRestriction.objects.create(
        page=internal, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.KOORDINATION)])

    client.force_login(partner)
    html = client.get("/").content.decode()
    assert "Arbeitshilfe Sprachkurse" in html
    assert "Interne Notiz der Koordination" not in html

    client.force_login(koordination)
    assert "Interne Notiz der Koordination" in client.get("/").content.decode()


def test_new_content_is_shared_only_by_users_who_see_the_same(client, partner, koordination):
    """ "Neu für Sie" is remembered per visibility rule: a coordinator's list, filled first,
    never answers for a partner, and a new publication shows at once."""
    home = HomePage.objects.get()
    internal = publish_child(home, "Interne Notiz der Koordination")
    restriction = PageViewRestriction.objects.create(
        page=internal, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.KOORDINATION)])
    client.force_login(koordination)
    assert "Interne Notiz der Koordination" in client.get("/").content.decode()

    client.force_login(partner)
    assert "Interne Notiz der Koordination" not in client.get("/").content.decode()
    publish_child(home, "Frisch veröffentlichte Arbeitshilfe")
    assert "Frisch veröffentlichte Arbeitshilfe" in client.get("/").content.decode()


def test_main_navigation_hides_restricted_sections(client, partner):
    home = HomePage.objects.get()
    visible = home.add_child(instance=Page(title="Wissen", show_in_menus=True))
    visible.save_revision().publish()
    hidden = home.add_child(instance=Page(title="Koordination intern", show_in_menus=True))
    hidden.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.KOORDINATION)])
    client.force_login(partner)
    html = client.get("/").content.decode()
    assert 'aria-label="Hauptnavigation"' in html
    assert ">Wissen</a>" in html
    assert "Koordination intern" not in html


def test_footer_links_the_legal_pages_on_every_page(client, case_manager):
    client.force_login(case_manager)
    html = client.get("/").content.decode()
    for title in ("Impressum", "Erklärung zur Barrierefreiheit", "Datenschutzerklärung"):
        assert title in html


def test_no_dead_links_on_the_home_page(client, demo, case_manager):
    import re

    client.force_login(case_manager)
    html = client.get("/").content.decode()
    links = set(re.findall(r'href="(/[^"#]*)"', html))
    assert links
    for link in links:
        if link.startswith("/static/"):
            continue
        assert client.get(link).status_code == 200, link


def test_navigation_offers_meldeboegen_only_to_reporting_roles(
    client, case_manager, integrationsbeauftragte
):
    client.force_login(case_manager)
    html = client.get("/").content.decode()
    assert 'href="/meldeboegen/"' in html
    assert 'href="/gremien/"' in html
    client.force_login(integrationsbeauftragte)
    html = client.get("/").content.decode()
    assert 'href="/meldeboegen/"' not in html
    assert 'href="/gremien/"' in html


def test_navigation_marks_only_the_current_section(client, case_manager):
    home = HomePage.objects.get()
    section = home.add_child(instance=Page(title="Wissen", show_in_menus=True))
    section.save_revision().publish()
    from knowledge.models import GuidancePage

    below = section.add_child(instance=GuidancePage(title="Arbeitshilfe"))
    below.save_revision().publish()
    client.force_login(case_manager)
    assert 'aria-current="page">Wissen' not in client.get("/").content.decode()
    assert 'aria-current="page">Wissen' in client.get(below.url).content.decode()
