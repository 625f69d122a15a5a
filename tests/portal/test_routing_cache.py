"""Wagtail's routing remembers which page a slug names (portal/routing.py): one query per
level instead of two, and the answer follows every change of the page tree."""

from wagtail.models import Page, Site

from accounts import roles
from tests.portal.test_visibility_cache import menu_page, restrict_to


def child_page(parent: Page, title: str, slug: str) -> Page:
    page = parent.add_child(instance=Page(title=title, slug=slug))
    page.save_revision().publish()
    return page


def test_a_renamed_slug_routes_to_the_new_address_at_once(client, partner):
    client.force_login(partner)
    section = menu_page("Bereich")
    child_page(section, "Unterseite", "unterseite")
    assert client.get("/bereich/unterseite/").status_code == 200
    page = Page.objects.get(slug="unterseite")
    page.slug = "neu"
    page.save_revision().publish()
    assert client.get("/bereich/unterseite/").status_code == 404
    assert b"Unterseite" in client.get("/bereich/neu/").content


def test_a_stale_entry_is_not_trusted(client, partner):
    """Even when the page-tree version is not renewed, a remembered page is used only while it
    is still that parent's child with that slug."""
    client.force_login(partner)
    first = menu_page("Erste")
    second = menu_page("Zweite")
    child_page(first, "Alt", "seite")
    assert b"Alt" in client.get("/erste/seite/").content
    other = child_page(second, "Neu", "andere")
    # Move the slug behind the cache's back: a queryset update sends no signal.
    Page.objects.filter(slug="seite").update(slug="weg")
    Page.objects.filter(pk=other.pk).update(slug="seite")
    assert client.get("/erste/seite/").status_code == 404
    assert b"Neu" in client.get("/zweite/seite/").content


def test_a_restricted_page_stays_closed_after_a_member_opened_it(client, koordination, partner):
    internal = menu_page("Intern")
    restrict_to(internal, roles.KOORDINATION)
    child_page(internal, "Vertraulich", "vertraulich")
    client.force_login(koordination)
    assert b"Vertraulich" in client.get("/intern/vertraulich/").content
    client.force_login(partner)
    response = client.get("/intern/vertraulich/")
    assert b"Vertraulich" not in response.content
    assert response.status_code in (302, 403, 404)


def test_routing_reads_only_the_requested_page(client, partner, django_assert_max_num_queries):
    client.force_login(partner)
    section = menu_page("Ebene")
    child_page(section, "Tief", "tief")
    client.get("/ebene/tief/")  # remembers both levels
    with django_assert_max_num_queries(100) as warm:
        assert client.get("/ebene/tief/").status_code == 200
    slug_lookups = [q["sql"] for q in warm.captured_queries if '"slug" = ' in q["sql"]]
    assert slug_lookups == []
    page_reads = [q["sql"] for q in warm.captured_queries if 'FROM "wagtailcore_page"' in q["sql"]]
    # "Tief" by id; "Ebene" is kept as passed through, the home page comes with the site.
    assert len(page_reads) == 1
    assert f'"wagtailcore_page"."id" = {Page.objects.get(slug="tief").pk}' in page_reads[0]


def test_a_page_passed_through_follows_a_new_slug(client, partner):
    """The kept page on the way follows every change of the page tree."""
    client.force_login(partner)
    section = menu_page("Ebene")
    child_page(section, "Tief", "tief")
    assert client.get("/ebene/tief/").status_code == 200
    section.slug = "neue-ebene"
    section.save_revision().publish()
    assert client.get("/ebene/tief/").status_code == 404
    assert client.get("/neue-ebene/tief/").status_code == 200


def test_the_site_lookup_is_remembered(client, partner, django_assert_max_num_queries):
    client.force_login(partner)
    client.get("/")
    with django_assert_max_num_queries(100) as warm:
        assert client.get("/").status_code == 200
    assert not [q for q in warm.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]


def test_a_new_root_page_of_the_site_is_served_at_once(client, partner):
    """The remembered site follows a change of its root page (the page tree's version)."""
    client.force_login(partner)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    assert client.get("/").status_code == 200
    section = menu_page("Neue Wurzel")
    child_page(section, "Nur unter der neuen Wurzel", "darunter")
    assert client.get("/darunter/").status_code == 404
    site.root_page = section
    site.save()
    assert b"Nur unter der neuen Wurzel" in client.get("/darunter/").content
    site.root_page = old_root
    site.save()
    assert client.get("/darunter/").status_code == 404
