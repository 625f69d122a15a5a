"""Who may open the cycle's pages, the admin, invitations, model rules, theme suggestions,
bounded queries and the demo."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from cycle import actions
from cycle.actions import ActionRefused
from cycle.models import Fallrekonstruktion, GenerativesThema, Kettenglied, Teilnahme
from cycle.notifications import send_invitations
from cycle.suggestions import suggest_themes
from forms.models import Status, Thema
from knowledge.models import Kommune, Organisation
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    admin_exports,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
)

from .conftest import advance, make_beschluss, make_report, make_zielsystem

# --- access ----------------------------------------------------------------------------------


def cycle_urls(thema, rekonstruktion, report) -> list[str]:
    return [
        reverse("cycle:overview"),
        thema.get_absolute_url(),
        rekonstruktion.get_absolute_url(),
        reverse("cycle:spur", args=[report.pk]),
    ]


@pytest.mark.parametrize(
    "role", [roles.CASE_MANAGEMENT, roles.EXTERNE_PARTNER, roles.INTEGRATIONSBEAUFTRAGTE]
)
def test_only_the_coordination_opens_the_cycle(
    client, make_user, role, thema, rekonstruktion, reporter
):
    report = make_report(reporter)
    client.force_login(make_user("jemand", role))
    for url in cycle_urls(thema, rekonstruktion, report):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("cycle:thema_status", args=[thema.pk]), {"st-status": "geloest"})
    assert response.status_code == 404
    thema.refresh_from_db()
    assert thema.status == GenerativesThema.Status.IN_KLAERUNG


def test_coordination_opens_every_page_and_sees_the_navigation(
    client, koordination, thema, rekonstruktion, reporter
):
    report = make_report(reporter)
    client.force_login(koordination)
    for url in cycle_urls(thema, rekonstruktion, report):
        response = client.get(url)
        assert response.status_code == 200, url
    assert 'href="/zyklus/"' in client.get("/gremien/").content.decode()


def test_navigation_hides_the_cycle_from_others(client, reporter):
    client.force_login(reporter)
    assert 'href="/zyklus/"' not in client.get("/gremien/").content.decode()


def test_admin_edits_themes_and_reconstructions(client, koordination, thema, organisation):
    client.force_login(koordination)
    for name in ("fallrekonstruktion", "generativesthema"):
        assert client.get(reverse(f"wagtailsnippets_cycle_{name}:list")).status_code == 200
        assert client.get(reverse(f"wagtailsnippets_cycle_{name}:add")).status_code == 200
    edit = reverse("wagtailsnippets_cycle_generativesthema:edit", args=[thema.pk])
    page = client.get(edit).content.decode()
    assert 'type="checkbox" name="rechtskreise"' in page
    response = client.post(
        edit,
        {
            "title": thema.title,
            "description": "Neue Beschreibung",
            "rechtskreise": ["sgb2", "sgb8"],
            "stellen": [organisation.pk],
            "status": "in_klaerung",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    thema.refresh_from_db()
    assert thema.rechtskreise == ["sgb2", "sgb8"]
    assert thema.description == "Neue Beschreibung"
    assert thema.revisions.count() == 1


def test_admin_is_closed_to_others(client, reporter):
    client.force_login(reporter)
    response = client.get(reverse("wagtailsnippets_cycle_generativesthema:list"))
    assert response.status_code in (302, 403)


# --- models ----------------------------------------------------------------------------------


def test_a_step_needs_an_office():
    with pytest.raises(ValidationError, match="Stelle"):
        Kettenglied(geschehen="Etwas geschah").clean()


def test_invitation_purpose_may_not_hold_personal_data(koordination):
    rek = Fallrekonstruktion(
        title="Test",
        date=timezone.localdate(),
        purpose="Rückfragen bitte an max.mustermann@example.org richten.",
        moderator=koordination,
    )
    with pytest.raises(ValidationError) as error:
        rek.full_clean()
    assert "keine personenbezogenen Daten" in str(error.value)


def test_themes_of_a_report_include_those_through_reconstructions(
    thema, rekonstruktion, reporter, koordination
):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    thema.fallrekonstruktionen.add(rekonstruktion)
    assert list(GenerativesThema.objects.for_meldebogen(report.pk)) == [thema]
    actions.set_status(thema, GenerativesThema.Status.GELOEST, by=koordination)
    assert list(GenerativesThema.objects.open()) == []


# --- invitations -----------------------------------------------------------------------------


def test_invitations_go_to_contacts_or_the_organisation(
    outbox, rekonstruktion, organisation, koordination, reporter
):
    report = advance(make_report(reporter), koordination, Status.GESICHTET)
    actions.add_to_rekonstruktion(rekonstruktion, report, by=koordination)
    vhs = Organisation.objects.create(name="VHS Test", kind="vhs")
    abh = Organisation.objects.create(name="ABH Test", kind="abh")
    Teilnahme.objects.create(fallrekonstruktion=rekonstruktion, organisation=organisation)
    Teilnahme.objects.create(
        fallrekonstruktion=rekonstruktion,
        organisation=vhs,
        contact_name="Frau Kursleitung",
        contact_email="kurs@vhs.example",
    )
    Teilnahme.objects.create(fallrekonstruktion=rekonstruktion, organisation=abh)
    sent, without = send_invitations(rekonstruktion, by=koordination)
    assert sent == 2
    assert without == ["ABH Test"]
    assert sorted(m.to[0] for m in outbox) == ["info@jobcenter.example", "kurs@vhs.example"]
    mail = next(m for m in outbox if m.to == ["kurs@vhs.example"])
    assert "Guten Tag Frau Kursleitung" in mail.body
    assert f"{rekonstruktion.date:%d.%m.%Y}" in mail.body
    assert "Kreishaus" in mail.body
    assert rekonstruktion.purpose in mail.body
    assert mail.reply_to == [koordination.email]
    # Never the reports' free text or numbers.
    assert "Geheimer Freitext" not in mail.body
    assert report.reference not in mail.body
    with pytest.raises(ActionRefused, match="keine der noch nicht eingeladenen"):
        send_invitations(rekonstruktion, by=koordination)


def test_invitation_refusals(rekonstruktion, koordination, organisation):
    with pytest.raises(ActionRefused, match="noch keine beteiligten Organisationen"):
        send_invitations(rekonstruktion, by=koordination)
    Teilnahme.objects.create(fallrekonstruktion=rekonstruktion, organisation=organisation)
    send_invitations(rekonstruktion, by=koordination)
    with pytest.raises(ActionRefused, match="bereits eingeladen"):
        send_invitations(rekonstruktion, by=koordination)
    rekonstruktion.date = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ActionRefused, match="Vergangenheit"):
        send_invitations(rekonstruktion, by=koordination)


def test_invitation_page_shows_the_refusal(client, rekonstruktion, koordination):
    client.force_login(koordination)
    response = client.post(reverse("cycle:rekonstruktion_einladen", args=[rekonstruktion.pk]))
    assert response.status_code == 400
    assert "Nicht verschickt" in response.content.decode()


# --- theme suggestions -----------------------------------------------------------------------


def test_suggestion_is_the_theme_of_the_most_similar_assigned_report(
    client, koordination, reporter, other_reporter
):
    sprache = Thema.objects.get(name="Sprache")
    wohnen = Thema.objects.get(name="Wohnen")
    werdohl = Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962064")
    kurs = GenerativesThema.objects.create(title="Kurswartezeiten", description="…")
    wohnraum = GenerativesThema.objects.create(title="Wohnraum", description="…")
    text_kurs = "Eltern warten monatelang auf einen Integrationskurs mit Kinderbetreuung."
    text_wohnen = "Große Familien finden keine Wohnung innerhalb der Angemessenheitsgrenzen."
    for thema, field_thema, text in ((kurs, sprache, text_kurs), (wohnraum, wohnen, text_wohnen)):
        report = make_report(other_reporter, thema=field_thema, situation=text)
        report.kommunen.add(werdohl)
        advance(report, koordination, Status.GESICHTET)
        actions.assign_to_thema(thema, report, by=koordination)
    new = make_report(
        reporter,
        thema=sprache,
        situation="Wieder warten Eltern monatelang auf einen Integrationskurs mit Kinderbetreuung.",
    )
    new.kommunen.add(werdohl)
    suggestions = suggest_themes(new)
    assert suggestions[0].thema == kurs
    client.force_login(koordination)
    content = client.get(reverse("cycle:spur", args=[new.pk])).content.decode()
    assert "Themenvorschläge" in content
    assert "„Kurswartezeiten“ zuordnen" in content


# --- bounded queries -------------------------------------------------------------------------


def grow(n, koordination, reporter, lenkungsgruppe, arbeitsgruppe, organisation, rek, thema):
    """Add ``n`` reports, reconstructions, themes, decisions and indicators around ``thema``."""
    beschluss = make_beschluss(lenkungsgruppe, f"Beschluss {n}", shared=True)
    zielsystem = make_zielsystem(arbeitsgruppe, adopted_by=beschluss, shared=True, indicators=n)
    for i in range(n):
        report = advance(make_report(reporter), koordination, Status.GESICHTET)
        actions.add_to_rekonstruktion(rek, report, by=koordination)
        direct = advance(make_report(reporter), koordination, Status.GESICHTET)
        actions.assign_to_thema(thema, direct, by=koordination)
        other = GenerativesThema.objects.create(title=f"Thema {n}-{i}", description="…")
        other.fallrekonstruktionen.add(rek)
        other.beschluss = beschluss
        other.save()
        Teilnahme.objects.create(fallrekonstruktion=rek, organisation=organisation, sort_order=i)
        Kettenglied.objects.create(
            fallrekonstruktion=rek, organisation=organisation, geschehen=f"Schritt {i}"
        )
    thema.fallrekonstruktionen.add(rek)
    actions.link_beschluss(
        thema,
        beschluss,
        by=koordination,
        arbeitsgruppe=arbeitsgruppe,
        zielsystem=zielsystem,
        notify=False,
    )
    return beschluss


def test_pages_run_a_bounded_number_of_queries(
    client,
    koordination,
    reporter,
    lenkungsgruppe,
    arbeitsgruppe,
    organisation,
    thema,
    django_assert_max_num_queries,
):
    counts = []
    for n in (1, 6):
        rek = Fallrekonstruktion.objects.create(
            title=f"Rek {n}", date=timezone.localdate(), purpose="Zweck", moderator=koordination
        )
        beschluss = grow(
            n, koordination, reporter, lenkungsgruppe, arbeitsgruppe, organisation, rek, thema
        )
        report = rek.meldeboegen.first()
        urls = [
            reverse("cycle:overview"),
            thema.get_absolute_url(),
            rek.get_absolute_url(),
            reverse("cycle:spur", args=[report.pk]),
            beschluss.get_absolute_url(),
        ]
        client.force_login(koordination)
        run = []
        for url in urls:
            client.get(url)  # warm: navigation and permissions are cached across requests
            with django_assert_max_num_queries(40) as captured:
                assert client.get(url).status_code == 200, url
            run.append(len(captured.captured_queries))
        client.force_login(reporter)
        client.get(report.get_absolute_url())
        with django_assert_max_num_queries(40) as captured:
            assert client.get(report.get_absolute_url()).status_code == 200
        run.append(len(captured.captured_queries))
        counts.append(run)
    assert counts[0] == counts[1], counts


# --- demo ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent():
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
        out = io.StringIO()
        call_command("load_demo", stdout=out)
    assert "KIM-Zyklus: Demo-Inhalte sind schon vorhanden." in out.getvalue()
    rek = Fallrekonstruktion.objects.get(status=Fallrekonstruktion.Status.ABGESCHLOSSEN)
    assert rek.schritte.count() >= 3
    assert rek.meldeboegen.get().status == Status.THEMA_ZUGEORDNET
    statuses = set(GenerativesThema.objects.values_list("status", flat=True))
    assert statuses == {
        GenerativesThema.Status.IN_KLAERUNG,
        GenerativesThema.Status.LENKUNGSGRUPPE_VORGELEGT,
        GenerativesThema.Status.AN_AG_UEBERGEBEN,
    }
    handed = GenerativesThema.objects.get(status=GenerativesThema.Status.AN_AG_UEBERGEBEN)
    assert handed.beschluss.gremium.slug == "lenkungsgruppe"
    assert handed.arbeitsgruppe.slug == "ag-sprache"
    assert handed.zielsystem.gremium == handed.arbeitsgruppe
    presented = GenerativesThema.objects.get(
        status=GenerativesThema.Status.LENKUNGSGRUPPE_VORGELEGT
    )
    assert presented.tagesordnungspunkt.sitzung.is_upcoming
    assert Fallrekonstruktion.objects.count() == 2
    assert GenerativesThema.objects.count() == 3


# --- CSV/XLSX export of the generative Themen (formula injection, issue 16) -------------------


def test_generative_themen_export_writes_formula_like_text_as_text(client, koordination, thema):
    typed = FORMULA_TEXTS["@"]
    GenerativesThema.objects.create(title=typed, description="…")
    client.force_login(koordination)
    rows, cells = admin_exports(client, "/admin/snippets/cycle/generativesthema/")

    by_title = {row["Titel"]: row for row in rows}
    assert_csv_text(next(t for t in by_title if t.endswith(typed)), typed)
    assert by_title[thema.title]["Status"] == thema.status
    by_title = {row["Titel"].value: row for row in cells}
    assert_xlsx_text(by_title[typed]["Titel"], typed)
    assert_xlsx_plain(by_title[thema.title]["Titel"], thema.title)
    assert by_title[thema.title]["Zuletzt geändert am"].is_date
