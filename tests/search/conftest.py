"""Search test fixtures: pages with German text, restricted sections, a search helper."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from accounts import roles
from home.models import HomePage
from search.backends import SearchQuery, database
from search.backends.database import DatabaseBackend
from search.backends.suggestions import clear_cache


@pytest.fixture(autouse=True)
def _fresh_speller():
    clear_cache()
    database.clear_cache()
    yield
    clear_cache()
    database.clear_cache()


@pytest.fixture
def home(db):
    return HomePage.objects.get()


def add_page(parent, title: str, text: str = "", publish: bool = True) -> Page:
    page = parent.add_child(instance=Page(title=title, search_description=text, live=publish))
    if publish:
        page.save_revision().publish()
    return page


def restrict(page, *group_names: str, kind=PageViewRestriction.GROUPS) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if group_names:
        restriction.groups.set(Group.objects.filter(name__in=group_names))
    return restriction


def run_search(user, text: str, **filters) -> "object":
    page = filters.pop("page", 1)
    page_size = filters.pop("page_size", 10)
    query = SearchQuery(text=text, filters=filters, page=page, page_size=page_size)
    fresh = type(user).objects.get(pk=user.pk)  # no cached principals from earlier calls
    return DatabaseBackend().search(query, fresh)


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


@pytest.fixture
def kim_pages(home):
    """A small knowledge base: public pages and a section restricted to the KIM-Koordination."""
    wissen = add_page(home, "Wissen", "Handlungskonzept, FAQ und Vereinbarungen des KIM.")
    pages = {
        "wissen": wissen,
        "einbuergerung": add_page(
            wissen,
            "Einbürgerung im Märkischen Kreis",
            "Wer eingebürgert werden möchte, stellt den Antrag bei der Einbürgerungsbehörde. "
            "Iserlohn und Lüdenscheid haben eine eigene Einbürgerungsbehörde.",
        ),
        "vereinbarung": add_page(
            wissen,
            "Kooperationsvereinbarung mit der Stadt Iserlohn",
            "Die Vereinbarungen werden jährlich ausgewertet und fortgeschrieben.",
        ),
        "kooperation": add_page(
            wissen,
            "Zusammenarbeit mit den Kommunen",
            "Die Vereinbarung zur Kooperation regelt die Aufgaben des Case Managements.",
        ),
        "fallrekonstruktion": add_page(
            wissen,
            "Fallrekonstruktion",
            "Die KIM-Koordination moderiert jede Fallrekonstruktion mit den meldenden Stellen.",
        ),
        "integrationskurs": add_page(
            wissen,
            "Integrationskurse",
            "Jede berechtigte Person beginnt innerhalb von acht Wochen einen passenden Kurs.",
        ),
    }
    intern = add_page(home, "Koordination intern", "Interne Arbeitsunterlagen der Koordination.")
    restrict(intern, roles.KOORDINATION)
    pages["intern"] = intern
    pages["geheim"] = add_page(
        intern,
        "Personalplanung Einbürgerungsbehörde",
        "Vertrauliche Planung der Stellen in der Einbürgerungsbehörde für 2027.",
    )
    return pages


@pytest.fixture
def organisation(db):
    from knowledge.models import Kommune, Organisation

    iserlohn, _ = Kommune.objects.get_or_create(
        slug="iserlohn", defaults={"name": "Iserlohn", "ags": "05962024"}
    )
    org = Organisation.objects.create(
        name="Jugendmigrationsdienst Iserlohn",
        kind=Organisation.Kind.JMD,
        parent_name="Caritasverband",
        description="Beratung für junge Zugewanderte bis 27 Jahre.",
    )
    org.kommunen.add(iserlohn)
    return org
