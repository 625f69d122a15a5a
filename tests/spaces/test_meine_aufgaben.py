"""Issue 17, Overview: the next Sitzungen and open Aufgaben on the home page, "Meine Aufgaben"
and the KIM-Koordination's overview of open Aufgaben across Gremien."""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from portal.models import Verlaufseintrag
from spaces.models import Aufgabe, Protokoll, ProtokollStatus, Sitz
from spaces.transitions import AUFGABE

from .conftest import make_gremium, seat, sitzung

MEINE = "/gremien/aufgaben/"
UEBERSICHT = "/gremien/aufgaben/uebersicht/"


def task(protokoll, user, text, days=14, **fields) -> Aufgabe:
    due = None if days is None else timezone.localdate() + datetime.timedelta(days=days)
    return Aufgabe.objects.create(
        protokoll=protokoll, assignee=user, text=text, due_on=due, **fields
    )


@pytest.fixture
def world(make_user):
    """Two Arbeitsgruppen with circulated minutes and an upcoming Sitzung each; one member of
    each, and a person the second is shared with."""
    wohnen = make_gremium("AG Wohnen", "ag-wohnen", "AGW", kind="arbeitsgruppe")
    sprache = make_gremium("AG Sprache", "ag-sprache", "AGS", kind="arbeitsgruppe")
    anna = make_user("anna", roles.EXTERNE_PARTNER, first_name="Anna")
    bert = make_user("bert", roles.EXTERNE_PARTNER, first_name="Bert")
    gast = make_user("gast", roles.CASE_MANAGEMENT, first_name="Gesa")
    seat(wohnen, anna)
    seat(sprache, bert)
    sprache.shared_users.add(gast)
    minutes = {}
    for gremium in (wohnen, sprache):
        sitzung(gremium, title=f"Nächste Sitzung {gremium.prefix}", days=7)
        sitzung(gremium, title=f"Abgesagte Sitzung {gremium.prefix}", days=3, status="abgesagt")
        past = sitzung(gremium, title=f"Letzte Sitzung {gremium.prefix}", days=-20)
        minutes[gremium.prefix] = Protokoll.objects.create(
            sitzung=past, status=ProtokollStatus.VERTEILT
        )
    return {
        "wohnen": wohnen,
        "sprache": sprache,
        "anna": anna,
        "bert": bert,
        "gast": gast,
        "agw": minutes["AGW"],
        "ags": minutes["AGS"],
    }


def test_home_shows_the_next_sitzungen_of_ones_gremien_only(client, world):
    client.force_login(world["anna"])
    home = client.get("/").text
    assert "Ihre nächsten Sitzungen" in home
    assert "Nächste Sitzung AGW" in home
    assert "Abgesagte Sitzung AGW" not in home
    assert "Nächste Sitzung AGS" not in home  # not her Gremium
    client.force_login(world["gast"])  # shared with: reads the Sitzungen too
    home = client.get("/").text
    assert "Nächste Sitzung AGS" in home and "Nächste Sitzung AGW" not in home


def test_home_shows_open_tasks_with_overdue_marked_and_links(client, world):
    task(world["agw"], world["anna"], "Wohnraumbörse prüfen", days=-2)
    task(world["agw"], world["anna"], "Mietspiegel auswerten", days=10)
    task(world["ags"], world["bert"], "Sprachkursplätze zählen", days=-2)
    client.force_login(world["anna"])
    home = client.get("/").text
    assert "Wohnraumbörse prüfen" in home and "Mietspiegel auswerten" in home
    assert home.count("(überfällig)") == 1
    assert "Sprachkursplätze zählen" not in home
    assert 'href="/gremien/aufgaben/"' in home
    assert world["agw"].sitzung.get_absolute_url() in home


def test_meine_aufgaben_lists_only_ones_own_visible_tasks_and_filters(client, world):
    protokoll = world["agw"]
    task(protokoll, world["anna"], "Wohnraumbörse prüfen", days=-2)
    task(protokoll, world["anna"], "Mietspiegel auswerten", days=5)
    task(protokoll, world["anna"], "Ohne Frist", days=None)
    task(protokoll, world["anna"], "Schon gemacht").mark_done()
    task(world["ags"], world["bert"], "Sprachkursplätze zählen")
    client.force_login(world["anna"])

    page = client.get(MEINE).text
    assert "Wohnraumbörse prüfen" in page and "Mietspiegel auswerten" in page
    assert "Schon gemacht" not in page and "Sprachkursplätze zählen" not in page
    assert "3 offene Aufgaben aus Protokollen, davon 1 überfällig; 1 erledigt." in page
    # Open ones by due date, the overdue first, without a date last.
    assert page.index("Wohnraumbörse") < page.index("Mietspiegel") < page.index("Ohne Frist")

    done = client.get(MEINE, {"status": "erledigt"}).text
    assert "Schon gemacht" in done and "Wohnraumbörse prüfen" not in done
    assert "Wieder öffnen" in done
    overdue = client.get(MEINE, {"faellig": "ueberfaellig"}).text
    assert "Wohnraumbörse prüfen" in overdue and "Mietspiegel auswerten" not in overdue
    week = client.get(MEINE, {"faellig": "7"}).text
    assert "Mietspiegel auswerten" in week and "Wohnraumbörse prüfen" not in week
    ohne = client.get(MEINE, {"faellig": "ohne"}).text
    assert "Ohne Frist" in ohne and "Mietspiegel auswerten" not in ohne
    # A Gremium the user has no task in is not offered, and a forged slug filters nothing.
    alle = client.get(MEINE, {"status": "alle", "gremium": "ag-sprache"}).text
    assert 'value="ag-sprache"' not in alle
    assert "Schon gemacht" in alle and "Wohnraumbörse prüfen" in alle
    assert "Sprachkursplätze zählen" not in alle


def test_meine_aufgaben_hides_tasks_of_minutes_one_may_no_longer_read(client, world):
    """A task stays with the minutes: in a draft, or after the membership ended, it is gone."""
    task(world["agw"], world["anna"], "Noch im Entwurf")
    Protokoll.objects.filter(pk=world["agw"].pk).update(status=ProtokollStatus.ENTWURF)
    client.force_login(world["anna"])
    assert "Noch im Entwurf" not in client.get(MEINE).text
    assert "Noch im Entwurf" not in client.get("/").text
    Protokoll.objects.filter(pk=world["agw"].pk).update(status=ProtokollStatus.VERTEILT)
    assert "Noch im Entwurf" in client.get(MEINE).text
    world["anna"].gremium_mitgliedschaften.update(ended_on=timezone.localdate())
    assert "Noch im Entwurf" not in client.get(MEINE).text
    assert "Noch im Entwurf" not in client.get("/").text


def test_marking_done_and_reopening_write_the_verlauf(client, world):
    aufgabe = task(world["agw"], world["anna"], "Wohnraumbörse prüfen")
    client.force_login(world["anna"])
    response = client.post(
        f"/gremien/aufgaben/{aufgabe.pk}/erledigt/", {"next": MEINE}, follow=True
    )
    assert response.redirect_chain[-1][0] == MEINE
    assert "ist als erledigt vermerkt" in response.text
    aufgabe.refresh_from_db()
    assert aufgabe.done and aufgabe.done_at is not None
    assert "Wohnraumbörse prüfen" not in response.text.split("ist als erledigt vermerkt")[1]
    response = client.post(
        f"/gremien/aufgaben/{aufgabe.pk}/wieder-offen/", {"next": MEINE}, follow=True
    )
    assert "ist wieder offen" in response.text
    aufgabe.refresh_from_db()
    assert not aufgabe.done and aufgabe.done_at is None
    history = list(AUFGABE.history(aufgabe))
    assert [(h.from_status, h.to_status, h.by) for h in history] == [
        ("offen", "erledigt", world["anna"]),
        ("erledigt", "offen", world["anna"]),
    ]
    # Twice "erledigt" is refused with a German reason, not a second Verlauf row.
    client.post(f"/gremien/aufgaben/{aufgabe.pk}/erledigt/")
    response = client.post(f"/gremien/aufgaben/{aufgabe.pk}/erledigt/", follow=True)
    assert "Die Aufgabe ist bereits „erledigt“." in response.text
    assert Verlaufseintrag.objects.filter(object_id=aufgabe.pk).count() == 3


def test_others_may_not_reopen(client, world):
    aufgabe = task(world["agw"], world["anna"], "Wohnraumbörse prüfen")
    aufgabe.mark_done()
    for user in (world["bert"], world["gast"]):
        client.force_login(user)
        assert client.post(f"/gremien/aufgaben/{aufgabe.pk}/wieder-offen/").status_code == 404
    aufgabe.refresh_from_db()
    assert aufgabe.done


def test_the_geschaeftsfuehrung_closes_tasks_of_its_gremium(client, world, make_user):
    gf = make_user("gf", roles.EXTERNE_PARTNER)
    seat(world["wohnen"], gf, role=Sitz.Role.GESCHAEFTSFUEHRUNG, label="Geschäftsführung")
    aufgabe = task(world["agw"], world["anna"], "Wohnraumbörse prüfen")
    client.force_login(gf)
    assert client.post(f"/gremien/aufgaben/{aufgabe.pk}/erledigt/").status_code == 302
    aufgabe.refresh_from_db()
    assert aufgabe.done


def test_the_overview_is_for_the_koordination_with_counts(client, world, koordination):
    task(world["agw"], world["anna"], "Wohnraumbörse prüfen", days=-2)
    task(world["agw"], world["anna"], "Mietspiegel auswerten", days=5)
    task(world["ags"], world["bert"], "Sprachkursplätze zählen", days=-1)
    task(world["ags"], world["bert"], "Erledigt in Sprache").mark_done()
    draft = Protokoll.objects.create(
        sitzung=sitzung(world["sprache"], title="Entwurfssitzung", days=-2)
    )
    task(draft, world["bert"], "Aus dem Entwurf")

    for user in (world["anna"], world["bert"], world["gast"]):
        client.force_login(user)
        response = client.get(UEBERSICHT)
        assert response.status_code == 403
        assert "der KIM-Koordination vorbehalten" in response.text
        assert "Aufgaben aller Gremien" not in client.get(MEINE).text

    client.force_login(koordination)
    page = client.get(UEBERSICHT).text
    assert "4 offene Aufgaben, davon 2 überfällig." in page
    for text in ("Wohnraumbörse prüfen", "Sprachkursplätze zählen", "Aus dem Entwurf"):
        assert text in page
    assert "Erledigt in Sprache" not in page
    assert "zuständig: Anna" in page
    rows = page.split('id="je-gremium-caption"')[1].split("</table>")[0]
    assert rows.index("AG Sprache") < rows.index("AG Wohnen")
    assert '<td class="numeric">2</td>' in rows  # AG Sprache: 2 open (one from the draft)

    wohnen = client.get(UEBERSICHT, {"gremium": "ag-wohnen"}).text
    assert "Wohnraumbörse prüfen" in wohnen and "Sprachkursplätze zählen" not in wohnen
    overdue = client.get(UEBERSICHT, {"faellig": "ueberfaellig"}).text
    assert "Mietspiegel auswerten" not in overdue and "Sprachkursplätze zählen" in overdue


def test_the_pages_run_a_bounded_number_of_queries(
    client, world, koordination, django_assert_max_num_queries
):
    def count(user, url) -> int:
        client.force_login(user)
        client.get(url)
        with django_assert_max_num_queries(40) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    pages = [(world["anna"], MEINE), (world["anna"], "/"), (koordination, UEBERSICHT)]
    task(world["agw"], world["anna"], "Erste Aufgabe")
    few = [count(user, url) for user, url in pages]
    for i in range(6):
        task(world["agw"], world["anna"], f"Aufgabe {i}", days=i - 3)
        task(world["ags"], world["bert"], f"Andere {i}", days=i - 3).mark_done()
        sitzung(world["wohnen"], title=f"Weitere Sitzung {i}", days=20 + i)
    assert [count(user, url) for user, url in pages] == few


def test_admin_marks_a_task_done_through_its_transition(client, world, koordination):
    """In the Protokoll's admin form (Aufgaben inline) the status offers the transitions;
    saving makes the change through the machine, with a Verlauf row and ``done_at``."""
    from tests.spaces.test_zielsysteme import _posted

    aufgabe = task(world["agw"], world["anna"], "Wohnraumbörse prüfen")
    url = f"/admin/snippets/spaces/protokoll/edit/{world['agw'].pk}/"
    client.force_login(koordination)
    form = client.get(url).context["form"]
    [child] = [f for f in form.formsets["aufgaben"].forms if f.instance.pk == aufgabe.pk]
    assert [value for value, _ in child["status"].field.choices] == ["offen", "erledigt"]
    assert "done_at" not in child.fields  # written by the transition only
    data = _posted(form)
    data[child["status"].html_name] = "erledigt"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    aufgabe.refresh_from_db()
    assert aufgabe.done and aufgabe.done_at is not None
    [entry] = AUFGABE.history(aufgabe)
    assert (entry.from_status, entry.to_status, entry.by) == ("offen", "erledigt", koordination)


# The home page's content is cached per person (home/content_cache.py): every change of what
# it shows must count on the next request.


def test_home_shows_a_new_task_and_sitzung_at_once(client, world):
    client.force_login(world["anna"])
    home = client.get("/").text
    assert "Wohnraumbörse prüfen" not in home and "Sondersitzung AGW" not in home
    task(world["agw"], world["anna"], "Wohnraumbörse prüfen")
    sitzung(world["wohnen"], title="Sondersitzung AGW", days=2)
    home = client.get("/").text
    assert "Wohnraumbörse prüfen" in home and "Sondersitzung AGW" in home


def test_home_drops_a_gremium_at_once_when_the_seat_or_share_ends(client, world):
    client.force_login(world["anna"])
    assert "Nächste Sitzung AGW" in client.get("/").text
    membership = world["anna"].gremium_mitgliedschaften.get()
    membership.ended_on = timezone.localdate()
    membership.save()
    assert "Nächste Sitzung AGW" not in client.get("/").text
    client.force_login(world["gast"])
    assert "Nächste Sitzung AGS" in client.get("/").text
    world["sprache"].shared_users.remove(world["gast"])
    assert "Nächste Sitzung AGS" not in client.get("/").text


def test_home_content_is_never_shared_between_people(client, world):
    """Anna's and Bert's pages (same role, same groups) each show their own Gremium's
    Sitzungen and their own name, whoever came first."""
    client.force_login(world["anna"])
    assert "Guten Tag, Anna" in client.get("/").text
    client.force_login(world["bert"])
    home = client.get("/").text
    assert "Guten Tag, Bert" in home and "Guten Tag, Anna" not in home
    assert "Nächste Sitzung AGS" in home and "Nächste Sitzung AGW" not in home


def test_a_cached_home_page_gives_working_task_buttons_after_a_new_login(world):
    """The "Als erledigt vermerken" buttons carry the CSRF token of the browser that reads
    them, also when the page content was cached for an earlier login."""
    from django.test import Client

    aufgabe = task(world["agw"], world["anna"], "Wohnraumbörse prüfen")
    client = Client()
    client.force_login(world["anna"])
    assert '<p class="aufgabe__text">Wohnraumbörse' in client.get("/").text
    for _login in range(2):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(world["anna"])
        home = browser.get("/").text
        token = home.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        response = browser.post(
            f"/gremien/aufgaben/{aufgabe.pk}/erledigt/",
            {"csrfmiddlewaretoken": token, "next": "/"},
        )
        assert response.status_code == 302, response.status_code
        aufgabe.refresh_from_db()
        assert aufgabe.status == Aufgabe.Status.ERLEDIGT
        # The confirmation names it; the list of open tasks no longer does.
        assert '<p class="aufgabe__text">Wohnraumbörse' not in browser.get("/").text
        AUFGABE.apply(aufgabe, Aufgabe.Status.OFFEN, by=world["anna"])
