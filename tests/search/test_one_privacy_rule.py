"""One table of page-privacy cases, asked of the views' rule (portal.privacy.can_view_page,
what opening the page decides) and of the search index: both must give the same answer.

Nested group restrictions (a restricted section inside another) used to differ: a user in
both groups could open the page but never found it in search.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from portal.privacy import can_view_page
from tests.search.conftest import add_page, run_search, titles

# (restrictions from the outer to the inner page, the reader's groups, may the reader see it)
CASES = [
    ("keine Beschränkung", [], [], True),
    ("nur Anmeldung", [("login",)], [], True),
    ("Gruppe A, Leser in A", [("A",)], ["A"], True),
    ("Gruppe A, Leser in B", [("A",)], ["B"], False),
    ("A oder B, Leser in B", [("A", "B")], ["B"], True),
    ("A außen, B innen, Leser in beiden", [("A",), ("B",)], ["A", "B"], True),
    ("A außen, B innen, Leser nur in A", [("A",), ("B",)], ["A"], False),
    ("A außen, B innen, Leser nur in B", [("A",), ("B",)], ["B"], False),
    ("Anmeldung außen, A innen, Leser in A", [("login",), ("A",)], ["A"], True),
    ("Passwort", [("password",)], ["A"], False),
]


def _restrict(page, spec: tuple[str, ...]) -> None:
    if spec == ("login",):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif spec == ("password",):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    else:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=[f"Gruppe {g}" for g in spec]))


@pytest.mark.parametrize(
    ("restrictions", "groups", "visible"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_views_and_search_agree(home, make_user, restrictions, groups, visible):
    for name in ("A", "B"):
        Group.objects.create(name=f"Gruppe {name}")
    reader = make_user("leser")
    reader.groups.set(Group.objects.filter(name__in=[f"Gruppe {g}" for g in groups]))
    parent = home
    for depth, spec in enumerate(restrictions or [()]):
        parent = add_page(parent, f"Abschnitt {depth}")
        if spec:
            _restrict(parent, spec)
    page = add_page(parent, "Ziel", "Dolmetscherpool für Elterngespräche")
    page.save_revision().publish()  # reindex under the restrictions created above

    fresh = type(reader).objects.get(pk=reader.pk)
    assert can_view_page(fresh, page) is visible
    found = run_search(reader, "Dolmetscherpool")
    assert (titles(found) == ["Ziel"]) is visible
    assert found.total == (1 if visible else 0)
