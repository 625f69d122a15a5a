"""The navigation and the hidden page paths are cached per visibility rule (portal/privacy.py):
shared by users who see the same pages, never by users who do not, and renewed at once when a
page or a view restriction changes."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from accounts import roles
from home.models import HomePage
from portal.privacy import hidden_page_paths


def menu_page(title: str) -> Page:
    page = HomePage.objects.get().add_child(instance=Page(title=title, show_in_menus=True))
    page.save_revision().publish()
    return page


def restrict_to(page: Page, *group_names: str) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=group_names))
    return restriction


def main_navigation(client, user) -> list[str]:
    client.force_login(user)
    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S)
    assert nav is not None
    return re.findall(r">([^<>]+)</a>", nav.group(1))


@pytest.fixture
def internal(db):
    page = menu_page("Interner Bereich")
    restrict_to(page, roles.KOORDINATION)
    menu_page("Offener Bereich")
    return page


def test_members_and_others_get_their_own_navigation(client, internal, koordination, partner):
    # The member's navigation is cached first; the outsider must not get it.
    assert "Interner Bereich" in main_navigation(client, koordination)
    outsider = main_navigation(client, partner)
    assert "Interner Bereich" not in outsider
    assert "Offener Bereich" in outsider
    # And the other way round, now from the cache.
    assert "Interner Bereich" in main_navigation(client, koordination)
    assert "Interner Bereich" not in main_navigation(client, partner)


def test_a_new_restriction_hides_the_page_at_once(client, koordination, partner):
    page = menu_page("Bald intern")
    assert "Bald intern" in main_navigation(client, partner)  # cached for the partner's rule
    assert not hidden_page_paths(partner)
    restrict_to(page, roles.KOORDINATION)
    assert "Bald intern" not in main_navigation(client, partner)
    assert "Bald intern" in main_navigation(client, koordination)


def test_adding_a_group_to_a_restriction_shows_the_page_to_its_members(client, internal, partner):
    assert "Interner Bereich" not in main_navigation(client, partner)
    restriction = PageViewRestriction.objects.get(page=internal)
    restriction.groups.add(*partner.groups.all())
    assert "Interner Bereich" in main_navigation(client, partner)


def test_lifting_a_restriction_shows_the_page(client, internal, partner):
    assert "Interner Bereich" not in main_navigation(client, partner)
    PageViewRestriction.objects.filter(page=internal).delete()
    assert "Interner Bereich" in main_navigation(client, partner)


def test_joining_a_group_shows_the_page_without_waiting(client, internal, partner):
    assert "Interner Bereich" not in main_navigation(client, partner)
    partner.groups.add(Group.objects.get(name=roles.KOORDINATION))
    assert "Interner Bereich" in main_navigation(client, partner)


def test_unpublishing_and_renaming_change_the_navigation(client, partner):
    page = menu_page("Alter Titel")
    assert "Alter Titel" in main_navigation(client, partner)
    page.title = "Neuer Titel"
    page.save_revision().publish()
    navigation = main_navigation(client, partner)
    assert "Neuer Titel" in navigation
    assert "Alter Titel" not in navigation
    page.unpublish()
    assert "Neuer Titel" not in main_navigation(client, partner)


def test_moving_a_page_under_a_restricted_one_hides_it(client, internal, partner):
    page = menu_page("Wandernde Seite")
    below = page.add_child(instance=Page(title="Darunter"))
    below.save_revision().publish()
    assert not any(below.path.startswith(path) for path in hidden_page_paths(partner))
    page.move(internal, pos="last-child")
    fresh = type(partner).objects.get(pk=partner.pk)  # a new request's user object
    below.refresh_from_db()
    assert any(below.path.startswith(path) for path in hidden_page_paths(fresh))


def test_serving_a_page_checks_its_restrictions_from_the_current_state(
    client, koordination, partner
):
    """Wagtail's check when a page is served (Page.get_view_restrictions, cached per page
    tree version): a new restriction applies to the next request, a lifted one too."""
    page = menu_page("Zunächst offen")
    below = page.add_child(instance=Page(title="Unterseite"))
    below.save_revision().publish()
    client.force_login(partner)
    assert client.get(below.url).status_code == 200  # cached: no restriction
    restriction = restrict_to(page, roles.KOORDINATION)
    refused = client.get(below.url)
    assert refused.status_code != 200
    assert b"Unterseite" not in refused.content
    client.force_login(koordination)
    assert client.get(below.url).status_code == 200
    client.force_login(partner)
    assert client.get(below.url).status_code != 200  # and again, now from the cache
    restriction.delete()
    assert client.get(below.url).status_code == 200
