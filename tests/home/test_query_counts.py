"""Pages render with a bounded number of queries that does not grow with the content."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from accounts import roles
from home.models import HomePage

MAX_QUERIES = 25


def add_content(count: int) -> None:
    home = HomePage.objects.get()
    group = Group.objects.get(name=roles.KOORDINATION)
    for i in range(count):
        page = home.add_child(instance=Page(title=f"Seite {i}", show_in_menus=True))
        page.save_revision().publish()
        if i % 3 == 0:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set([group])


def count_queries(client, url: str, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", ["/", "/impressum/"])
def test_query_count_does_not_grow_with_content(
    client, partner, url, django_assert_max_num_queries
):
    client.force_login(partner)
    add_content(2)
    client.get(url)  # fills the process-wide caches (content types, site root paths) first
    few = count_queries(client, url, django_assert_max_num_queries)
    add_content(20)
    # New pages renew the navigation cached per visibility rule (portal/privacy.py): the first
    # request after a change builds it again, the following ones read it.
    client.get(url)
    many = count_queries(client, url, django_assert_max_num_queries)
    assert many == few


@pytest.mark.parametrize("url", ["/konto/anmelden/", "/impressum/", "/datenschutz/"])
def test_public_pages_are_cheap(client, db, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


GROUPS_QUERY = 'INNER JOIN "auth_user_groups"'


def group_reads(captured) -> list[str]:
    return [
        query["sql"]
        for query in captured.captured_queries
        # A read of the user's groups on its own, not a subquery of a visibility filter.
        if query["sql"].startswith('SELECT "auth_group"') and GROUPS_QUERY in query["sql"]
    ]


def test_home_reads_the_users_groups_at_most_once(client, partner, django_assert_max_num_queries):
    """Roles, page visibility and search principals share one read of the user's groups
    (portal.capabilities.user_groups), which later requests take from the cache until the
    user's groups change; joining a group counts on the next request."""
    client.force_login(partner)
    add_content(3)
    with django_assert_max_num_queries(MAX_QUERIES) as first:
        assert client.get("/").status_code == 200
    assert len(group_reads(first)) == 1
    # The user only: the session (cached_db), the permissions and groups
    # (accounts/backends.py, portal.capabilities), the site with the home page
    # (portal/routing.py) and the content (home/content_cache.py) come from the cache.
    with django_assert_max_num_queries(1) as warm:
        assert client.get("/").status_code == 200
    assert group_reads(warm) == []
    partner.groups.add(Group.objects.get(name=roles.KOORDINATION))
    with django_assert_max_num_queries(MAX_QUERIES) as joined:
        response = client.get("/")
    assert len(group_reads(joined)) == 1
    assert roles.ROLES_BY_NAME[roles.KOORDINATION].greeting in response.text
