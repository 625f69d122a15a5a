"""The spaces provider: sharing, drafts, Aufgaben and Zielsysteme in the portal search."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from spaces.transitions import ZIELSYSTEM
from tests.search.conftest import run_search, titles


@pytest.fixture
def space(db, make_user, django_capture_on_commit_callbacks):
    from spaces.models import (
        Aufgabe,
        Beschluss,
        Gremium,
        Mitgliedschaft,
        Protokoll,
        Sitz,
        Sitzung,
        Tagesordnungspunkt,
    )

    gremium = Gremium.objects.create(
        name="Arbeitsgruppe Wohnen", slug="ag-wohnen", prefix="AGW", kind="arbeitsgruppe"
    )
    member = make_user("mitglied", roles.EXTERNE_PARTNER)
    Mitgliedschaft.objects.create(
        sitz=Sitz.objects.create(gremium=gremium, label="Wohlfahrt"), user=member
    )
    sitzung = Sitzung.objects.create(
        gremium=gremium, title="2. Sitzung", starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    top = Tagesordnungspunkt.objects.create(sitzung=sitzung, title="Wohnraum", sort_order=0)
    internal = Beschluss.objects.create(
        gremium=gremium, title="Belegungsrechte intern", text="Belegungsrechte beim Kreis."
    )
    with django_capture_on_commit_callbacks(execute=True):
        protokoll = Protokoll.objects.create(sitzung=sitzung, status="verteilt")
        task = Aufgabe.objects.create(
            protokoll=protokoll,
            tagesordnungspunkt=top,
            assignee=member,
            text="Mietspiegel Hemer auswerten",
        )
    return {"gremium": gremium, "member": member, "internal": internal, "task": task}


def test_a_person_the_space_is_shared_with_finds_its_content_until_unshared(space, partner):
    gremium = space["gremium"]
    assert run_search(partner, "Belegungsrechte").total == 0
    gremium.shared_users.add(partner)
    assert titles(run_search(partner, "Belegungsrechte")) == [str(space["internal"])]
    assert titles(run_search(partner, "Mietspiegel")) == ["Aufgabe: Mietspiegel Hemer auswerten"]
    gremium.shared_users.remove(partner)
    assert run_search(partner, "Belegungsrechte").total == 0
    assert run_search(partner, "Mietspiegel").total == 0


def test_sharing_with_a_group_from_either_side_reindexes(space, partner, case_manager):
    group = Group.objects.get(name=roles.EXTERNE_PARTNER)
    group.geteilte_gremien.add(space["gremium"])  # the group's side of the relation
    assert run_search(partner, "Belegungsrechte").total == 1
    assert run_search(case_manager, "Belegungsrechte").total == 0
    group.geteilte_gremien.clear()
    assert run_search(partner, "Belegungsrechte").total == 0


def test_drafts_and_their_tasks_stay_with_the_koordination(space, partner, koordination):
    from spaces.models import Protokoll

    space["gremium"].shared_users.add(partner)
    Protokoll.objects.filter(pk=space["task"].protokoll_id).update(status="entwurf")
    space["task"].save()  # reindex the task under the draft
    assert run_search(space["member"], "Mietspiegel").total == 0
    assert run_search(partner, "Mietspiegel").total == 0
    assert run_search(koordination, "Mietspiegel").total == 1


@pytest.fixture
def zielsystem(space, django_capture_on_commit_callbacks):
    from spaces.models import Ergebnisziel, Grundsatzziel, Rahmenziel, Zielsystem

    with django_capture_on_commit_callbacks(execute=True):
        ziel = Zielsystem.objects.create(gremium=space["gremium"], title="Zielsystem Wohnen")
        grundsatz = Grundsatzziel.objects.create(
            zielsystem=ziel, title="Jede geflüchtete Familie wohnt dezentral", sort_order=0
        )
        rahmen = Rahmenziel.objects.create(
            grundsatzziel=grundsatz, title="Mehr Belegungswohnungen", sort_order=0
        )
        Ergebnisziel.objects.create(
            rahmenziel=rahmen, title="Zwanzig Wohnungen über Kooperationen", sort_order=0
        )
    return ziel


def test_zielsystem_goals_are_found_by_the_space_with_the_gremium_facet(zielsystem, space, partner):
    found = run_search(space["member"], "Kooperationen")
    assert titles(found) == ["Zielsystem Wohnen"]
    gremium_facet = found.facet_dict()["gremium"]
    assert [(v["value"], v["count"]) for v in gremium_facet] == [("ag-wohnen", 1)]
    assert run_search(partner, "Kooperationen").total == 0


def test_a_changed_goal_deep_in_the_tree_reindexes_the_zielsystem(
    zielsystem, space, django_capture_on_commit_callbacks
):
    from spaces.models import Ergebnisziel

    goal = Ergebnisziel.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        goal.title = "Sechzig Sozialwohnungen"
        goal.save()
    assert titles(run_search(space["member"], "Sozialwohnungen")) == ["Zielsystem Wohnen"]
    assert run_search(space["member"], "Kooperationen").total == 0


def test_an_adopted_released_zielsystem_is_found_by_everyone(zielsystem, space, partner):
    from spaces.models import Beschluss

    adopting = Beschluss.objects.create(
        gremium=space["gremium"], title="Zielsystem beschlossen", text="Beschlossen."
    )
    zielsystem.adopted_by = adopting
    zielsystem.shared_with_all = True
    zielsystem.save()
    ZIELSYSTEM.apply(zielsystem, "beschlossen", by=None, check_permission=False)
    assert titles(run_search(partner, "Kooperationen")) == ["Zielsystem Wohnen"]


def test_space_documents_are_found_by_the_space_readers_once(space, partner, koordination):
    from django.core.files.base import ContentFile

    from knowledge.models import KnowledgeDocument
    from knowledge.tasks import extract_document_text
    from spaces.models import Gremiumsdokument, gremium_collection

    gremium = space["gremium"]
    document = KnowledgeDocument(
        title="Sachstand Wohnraumversorgung",
        file=ContentFile(b"Belegungsquote der Sozialwohnungen in Hemer", name="sachstand.txt"),
        collection=gremium_collection(gremium),
    )
    document.save()
    extract_document_text.call(document.pk, document.file.name)  # the worker, after commit
    shared = Gremiumsdokument.objects.create(gremium=gremium, document=document)

    found = run_search(space["member"], "Sozialwohnungen")
    assert titles(found) == ["Sachstand Wohnraumversorgung"]
    assert found.hits[0].url == shared.get_absolute_url()
    assert titles(run_search(koordination, "Sozialwohnungen")) == ["Sachstand Wohnraumversorgung"]
    assert run_search(partner, "Sozialwohnungen").total == 0

    document.file = ContentFile(b"Wartelisten der Wohnungsbaugesellschaft", name="neu.txt")
    document.save()
    extract_document_text.call(document.pk, document.file.name)
    assert titles(run_search(space["member"], "Wartelisten")) == ["Sachstand Wohnraumversorgung"]
    assert run_search(space["member"], "Sozialwohnungen").total == 0

    gremium.shared_users.add(partner)
    assert titles(run_search(partner, "Wartelisten")) == ["Sachstand Wohnraumversorgung"]


def test_marking_a_task_done_updates_its_search_entry(
    space, client, django_capture_on_commit_callbacks
):
    """Issue 17: "erledigt" on Meine Aufgaben goes through the transition, and the search
    entry follows (found as "erledigt", no longer as "offen")."""
    member, task = space["member"], space["task"]
    assert titles(run_search(member, "Mietspiegel offen")) == [
        "Aufgabe: Mietspiegel Hemer auswerten"
    ]
    assert run_search(member, "erledigt").total == 0
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/gremien/aufgaben/{task.pk}/erledigt/", {"next": "/gremien/aufgaben/"}
        )
    assert response.status_code == 302
    assert titles(run_search(member, "erledigt")) == ["Aufgabe: Mietspiegel Hemer auswerten"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/gremien/aufgaben/{task.pk}/wieder-offen/")
    assert run_search(member, "erledigt").total == 0
