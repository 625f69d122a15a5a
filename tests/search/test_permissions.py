"""Permission filter inside the query: hidden content never shows, not even in counts."""

import pytest
from wagtail.models import PageViewRestriction

from accounts import roles
from tests.search.conftest import add_page, restrict, run_search, titles

SECRET = "Personalplanung Einbürgerungsbehörde"


def facet_total(results, name="kind") -> int:
    return sum(v.count for f in results.facets if f.name == name for v in f.values)


def test_restricted_page_never_reaches_a_partner(kim_pages, partner):
    found = run_search(partner, "Einbürgerungsbehörde Personalplanung")
    assert SECRET not in titles(found)
    assert found.total == 1  # only the public page
    assert facet_total(found) == 1
    assert found.suggestion is None or "Personalplanung" not in found.suggestion


def test_restricted_page_is_found_by_the_koordination(kim_pages, koordination):
    found = run_search(koordination, "Einbürgerungsbehörde Personalplanung")
    assert titles(found)[0] == SECRET
    assert found.total == 2 and facet_total(found) == 2


def test_superuser_sees_everything(kim_pages, make_user):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    assert SECRET in titles(run_search(admin, "Personalplanung"))


def test_hidden_content_does_not_change_page_counts(kim_pages, partner, home):
    intern = kim_pages["intern"]
    for number in range(12):
        add_page(intern, f"Interne Notiz Einbürgerung {number}", "Einbürgerung intern")
    found = run_search(partner, "Einbürgerung", page_size=5)
    assert found.total == 1 and found.num_pages == 1


def test_words_of_hidden_pages_are_never_suggested(kim_pages, partner):
    add_page(kim_pages["intern"], "Abfindungsvereinbarung", "Abfindungsvereinbarung vertraulich")
    found = run_search(partner, "Abfindungsvereinbarunk")
    assert found.total == 0
    assert found.suggestion is None


def test_login_restriction_admits_every_logged_in_user(home, partner):
    page = add_page(home, "Mitgliederbereich Sprachförderung", "Sprachförderung für Kinder")
    restrict(page, kind=PageViewRestriction.LOGIN)
    assert titles(run_search(partner, "Sprachförderung")) == ["Mitgliederbereich Sprachförderung"]


def test_password_restriction_hides_from_search(home, koordination):
    page = add_page(home, "Passwortgeschützte Liste Sprachförderung", "Sprachförderung")
    restriction = PageViewRestriction(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim-123"
    )
    restriction.save()
    assert run_search(koordination, "Sprachförderung").total == 0


def test_nested_group_restrictions_need_both(home, make_user):
    outer = add_page(home, "Bereich A", "")
    restrict(outer, roles.KOORDINATION, roles.CASE_MANAGEMENT)
    inner = add_page(outer, "Bereich B Sprachförderung", "Sprachförderung")
    restrict(inner, roles.KOORDINATION)
    case_manager = make_user("cm", roles.CASE_MANAGEMENT)
    coordinator = make_user("ko", roles.KOORDINATION)
    assert run_search(case_manager, "Sprachförderung").total == 0
    assert run_search(coordinator, "Sprachförderung").total == 1


@pytest.fixture
def space(db, make_user):
    from spaces.models import Beschluss, Gremium, Mitgliedschaft, Sitz

    gremium = Gremium.objects.create(
        name="Arbeitsgruppe Wohnen", slug="ag-wohnen", prefix="AGW", kind="arbeitsgruppe"
    )
    member = make_user("mitglied", roles.EXTERNE_PARTNER)
    sitz = Sitz.objects.create(gremium=gremium, label="Wohlfahrt")
    Mitgliedschaft.objects.create(sitz=sitz, user=member)
    internal = Beschluss.objects.create(
        gremium=gremium, title="Wohnraumakquise intern", text="Mietobergrenzen verhandeln."
    )
    shared = Beschluss.objects.create(
        gremium=gremium,
        title="Wohnraumakquise Leitfaden",
        text="Leitfaden Mietobergrenzen",
        shared_with_all=True,
    )
    return {"gremium": gremium, "member": member, "internal": internal, "shared": shared}


def test_minutes_of_a_space_stay_inside_it(space, partner):
    found = run_search(partner, "Mietobergrenzen")
    assert [h.title for h in found.hits] == [f"{space['shared'].number} Wohnraumakquise Leitfaden"]
    assert found.total == 1
    assert facet_total(found, "gremium") == 1


def test_members_and_koordination_see_the_space(space, koordination):
    assert run_search(space["member"], "Mietobergrenzen").total == 2
    assert run_search(koordination, "Mietobergrenzen").total == 2


def test_ended_membership_closes_the_space(space):
    from spaces.models import Mitgliedschaft

    membership = Mitgliedschaft.objects.get(user=space["member"])
    membership.started_on = membership.started_on.replace(year=membership.started_on.year - 1)
    membership.save()
    membership.end()
    assert run_search(space["member"], "Mietobergrenzen").total == 1


def _protokoll_model():
    from django.apps import apps

    try:
        return apps.get_model("spaces", "Protokoll")
    except LookupError:
        return None


@pytest.mark.skipif(_protokoll_model() is None, reason="spaces hat noch keine Protokolle")
def test_minutes_follow_their_status_and_stay_in_the_space(
    space, partner, koordination, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from spaces.models import Sitzung, Tagesordnungspunkt

    Protokoll = _protokoll_model()
    sitzung = Sitzung.objects.create(
        gremium=space["gremium"],
        title="2. Sitzung",
        starts_at=timezone.now() - datetime.timedelta(days=7),
    )
    top = Tagesordnungspunkt.objects.create(sitzung=sitzung, title="Wohnraum", sort_order=0)
    protokoll = Protokoll.objects.create(sitzung=sitzung)
    protokoll.punkte.model.objects.create(
        protokoll=protokoll, tagesordnungspunkt=top, discussion="Belegungsrechte beim Kreis."
    )
    member = space["member"]
    assert run_search(koordination, "Belegungsrechte").total == 1
    assert run_search(member, "Belegungsrechte").total == 0  # a draft
    with django_capture_on_commit_callbacks(execute=True):
        protokoll.change_status("verteilt", koordination)
    assert titles(run_search(member, "Belegungsrechte")) == [
        "Protokoll Arbeitsgruppe Wohnen: 2. Sitzung"
    ]
    found = run_search(partner, "Belegungsrechte")
    assert found.total == 0 and found.facets == []


def test_directory_and_agreements_inherit_the_privacy_of_the_knowledge_page(
    home, organisation, partner, koordination
):
    from knowledge.models import KnowledgeIndexPage, Kooperationsvereinbarung

    wissen = home.add_child(instance=KnowledgeIndexPage(title="Wissen", slug="wissen-test"))
    wissen.save_revision().publish()
    agreement = Kooperationsvereinbarung.objects.create(
        kommune=organisation.kommunen.get(), parties="Stadt Iserlohn\nMärkischer Kreis"
    )
    found = run_search(partner, "Iserlohn")
    assert {h.kind for h in found.hits} >= {"organisation", "vereinbarung"}
    assert any(h.url.endswith(f"vereinbarungen/{agreement.pk}/") for h in found.hits)
    restrict(wissen, roles.KOORDINATION)
    hidden = run_search(partner, "Iserlohn")
    assert hidden.total == 0 and hidden.facets == []
    assert run_search(koordination, "Jugendmigrationsdienst").total == 1
