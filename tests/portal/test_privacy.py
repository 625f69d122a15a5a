from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from accounts import roles
from home.models import HomePage
from portal.privacy import can_view_page, visible_pages


def add_page(parent: Page, title: str) -> Page:
    page = parent.add_child(instance=Page(title=title))
    page.save_revision().publish()
    return page


def restrict_to(page: Page, *group_names: str) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=group_names))


def test_group_restricted_section_is_hidden_from_others(koordination, partner):
    home = HomePage.objects.get()
    internal = add_page(home, "Intern")
    below = add_page(internal, "Interne Arbeitshilfe")
    open_page = add_page(home, "Für alle")
    restrict_to(internal, roles.KOORDINATION)

    partner_titles = set(visible_pages(partner).values_list("title", flat=True))
    assert "Für alle" in partner_titles
    assert {"Intern", "Interne Arbeitshilfe"}.isdisjoint(partner_titles)
    assert not can_view_page(partner, below)
    assert can_view_page(partner, open_page)

    koordination_titles = set(visible_pages(koordination).values_list("title", flat=True))
    assert {"Intern", "Interne Arbeitshilfe", "Für alle"} <= koordination_titles


def test_unpublished_pages_are_never_visible(koordination):
    home = HomePage.objects.get()
    draft = home.add_child(instance=Page(title="Entwurf", live=False))
    assert not visible_pages(koordination).filter(pk=draft.pk).exists()


def test_password_protected_pages_are_not_listed(case_manager):
    home = HomePage.objects.get()
    secret = add_page(home, "Mit Passwort")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert not visible_pages(case_manager).filter(pk=secret.pk).exists()


def test_rule_costs_three_queries_per_request_whatever_the_number_of_restrictions(
    partner, django_assert_num_queries
):
    """ADR 0002: the hidden paths are computed once per request (the user's groups, the
    restrictions with their pages, their groups) and then cached on the user."""
    home = HomePage.objects.get()
    for number in range(5):
        restrict_to(add_page(home, f"Intern {number}"), roles.KOORDINATION)
    with django_assert_num_queries(3):
        visible_pages(partner)
    with django_assert_num_queries(0):
        visible_pages(partner)
        can_view_page(partner, home)
