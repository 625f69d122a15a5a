"""The index follows every kind of change: publish, unpublish, privacy, move, delete, rebuild."""

import io

from django.core.management import call_command
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageViewRestriction

from accounts import roles
from search.models import Posting, SearchDocument
from tests.search.conftest import add_page, restrict, run_search, titles


def test_publishing_indexes_and_draft_changes_do_not(home, partner):
    page = add_page(home, "Handreichung Wohnungssuche", "Tipps zur Wohnungssuche.")
    assert titles(run_search(partner, "Wohnungssuche")) == ["Handreichung Wohnungssuche"]
    page.title = "Entwurf Mietrecht"
    page.save_revision()  # a draft: the live page is unchanged
    assert run_search(partner, "Mietrecht").total == 0
    page.get_latest_revision().publish()
    assert titles(run_search(partner, "Mietrecht")) == ["Entwurf Mietrecht"]


def test_unpublished_pages_leave_the_index(home, partner, make_user):
    page = add_page(home, "Sprechstunde Ausländerbehörde", "Termine der Ausländerbehörde.")
    child = add_page(page, "Sprechstunde Iserlohn", "Ausländerbehörde Iserlohn")
    admin = make_user("admin", is_superuser=True)
    UnpublishPageAction(page, include_descendants=True, user=admin).execute()
    assert run_search(partner, "Ausländerbehörde").total == 0
    assert not SearchDocument.objects.filter(object_id__in=[str(page.pk), str(child.pk)]).exists()


def test_unpublished_draft_is_not_indexed(home, partner):
    add_page(home, "Noch nicht veröffentlicht Wohnungssuche", publish=False)
    assert run_search(partner, "Wohnungssuche").total == 0


def test_privacy_change_applies_to_the_whole_section(home, partner, koordination):
    section = add_page(home, "Steuerung", "")
    add_page(section, "Zielsystem Sprache", "Grundsatzziel Integrationskurs in acht Wochen.")
    restriction = restrict(section, roles.KOORDINATION)
    assert run_search(partner, "Grundsatzziel").total == 0
    assert run_search(koordination, "Grundsatzziel").total == 1
    restriction.groups.add(*partner.groups.all())
    assert run_search(partner, "Grundsatzziel").total == 1
    restriction.delete()
    assert run_search(partner, "Grundsatzziel").total == 1
    restrict(section, kind=PageViewRestriction.PASSWORD).save()
    assert run_search(koordination, "Grundsatzziel").total == 0


def test_moving_a_page_updates_location_and_privacy(home, partner):
    open_section = add_page(home, "Öffentlich", "")
    closed = add_page(home, "Intern", "")
    restrict(closed, roles.KOORDINATION)
    page = add_page(open_section, "Rahmenziel Wohnen", "Rahmenziel Wohnen")
    assert run_search(partner, "Rahmenziel").hits[0].location.endswith("Öffentlich")
    page.move(closed, pos="last-child")
    assert run_search(partner, "Rahmenziel").total == 0


def test_deleting_removes_everything(home, partner):
    page = add_page(home, "Ergebnisziel Kita", "Ergebnisziel Kitaplätze")
    page.delete()
    assert run_search(partner, "Ergebnisziel").total == 0
    assert not Posting.objects.filter(term="ergebnisziel").exists()


def test_organisation_changes_are_indexed(organisation, partner):
    from knowledge.models import Kommune

    assert titles(run_search(partner, "Jugendmigrationsdienst")) == [organisation.name]
    hemer = Kommune.objects.create(name="Hemer", slug="hemer", ags="05962016")
    organisation.kommunen.add(hemer)
    found = run_search(partner, "Jugendmigrationsdienst", kommune=["hemer"])
    assert found.total == 1
    organisation.delete()
    assert run_search(partner, "Jugendmigrationsdienst").total == 0


def test_agenda_items_reach_their_sitzung(koordination):
    import datetime

    from django.utils import timezone

    from spaces.models import Gremium, Sitzung, Tagesordnungspunkt

    gremium = Gremium.objects.create(
        name="Lenkungsgruppe", slug="lenkungsgruppe", prefix="LG", kind="lenkungsgruppe"
    )
    sitzung = Sitzung.objects.create(
        gremium=gremium, title="3. Sitzung", starts_at=timezone.now() + datetime.timedelta(days=3)
    )
    Tagesordnungspunkt.objects.create(sitzung=sitzung, title="Verteilungsschlüssel", sort_order=0)
    assert titles(run_search(koordination, "Verteilungsschlüssel")) == [
        "Lenkungsgruppe: 3. Sitzung"
    ]


def test_rebuild_command(kim_pages, organisation, partner):
    SearchDocument.objects.all().delete()
    assert run_search(partner, "Einbürgerung").total == 0
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "100 %" in out.getvalue()
    assert "Suchindex neu aufgebaut" in out.getvalue()
    assert run_search(partner, "Einbürgerung").total == 1
    assert run_search(partner, "Jugendmigrationsdienst").total == 1
    # Privacy survives the rebuild.
    assert "Personalplanung Einbürgerungsbehörde" not in titles(
        run_search(partner, "Personalplanung")
    )
