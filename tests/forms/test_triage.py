"""The coordination's triage in the portal: work list (filters, sorting, saved filters, bulk
actions, overdue marks), the triage view (status, timeline, conflicts, notes, questions,
similar reports), and what the reporter sees of it."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import KOORDINATION
from forms.models import (
    GespeicherterFilter,
    Meldebogen,
    Notiz,
    Rueckfrage,
    Status,
    Thema,
)
from forms.workflow import change_status
from knowledge.models import Organisation
from portal.models import Verlaufseintrag

WORKLIST = reverse("forms:worklist")


def triage_url(meldebogen: Meldebogen) -> str:
    return reverse("forms:triage", args=[meldebogen.pk])


@pytest.fixture
def reports(db, case_manager, kommunen, organisation):
    """Three submitted reports with different answers, and a draft."""
    sprache = Thema.objects.get(name="Sprache")
    wohnen = Thema.objects.get(name="Wohnen")
    other_org = Organisation.objects.create(name="Jobcenter Märkischer Kreis", kind="jobcenter")
    today = timezone.now()
    specs = [
        # reference, thema, kommune, huerden, rechtskreise, organisation, days ago, frist offset
        (
            "MB-2026-0001",
            sprache,
            kommunen[0],
            ["fehlendes_angebot"],
            ["sgb2"],
            organisation,
            30,
            -5,
        ),
        ("MB-2026-0002", wohnen, kommunen[1], ["schnittstelle"], ["aufenthg"], other_org, 3, 7),
        (
            "MB-2026-0003",
            sprache,
            kommunen[1],
            ["schnittstelle", "datenschutz"],
            ["sgb2"],
            other_org,
            10,
            1,
        ),
    ]
    created = []
    for reference, thema, kommune, huerden, rechtskreise, org, days_ago, frist in specs:
        meldebogen = Meldebogen.objects.create(
            owner=case_manager,
            status=Status.EINGEGANGEN,
            reference=reference,
            submitted_at=today - datetime.timedelta(days=days_ago),
            status_changed_at=today - datetime.timedelta(days=days_ago),
            frist=timezone.localdate() + datetime.timedelta(days=frist),
            thema=thema,
            huerden=huerden,
            rechtskreise=rechtskreise,
            organisation=org,
            organisation_name=org.name,
            situation=f"Situation {reference}: Familien warten auf einen Integrationskurs.",
        )
        meldebogen.kommunen.set([kommune])
        created.append(meldebogen)
    Meldebogen.objects.create(owner=case_manager, situation="Entwurf, noch nicht abgesendet")
    return created


def references(response) -> list[str]:
    return re.findall(r">(MB-\d{4}-\d{4})</a></th>", response.content.decode())


# --- access ----------------------------------------------------------------------------------


def test_only_the_coordination_gets_the_triage(client, reports, case_manager, partner):
    for user in (case_manager, partner):
        client.force_login(user)
        response = client.get(WORKLIST)
        assert response.status_code == 403
        assert "Kein Zugang zur Sichtung" in response.content.decode()
        assert client.get(triage_url(reports[0])).status_code == 403
    client.logout()
    assert client.get(WORKLIST).status_code == 302


def test_worklist_lists_submitted_reports_not_drafts(client, koordination, reports):
    client.force_login(koordination)
    response = client.get(WORKLIST)
    assert response.status_code == 200
    assert references(response) == ["MB-2026-0002", "MB-2026-0003", "MB-2026-0001"]
    assert "Entwurf, noch nicht" not in response.content.decode()
    draft = Meldebogen.objects.drafts().get()
    assert client.get(triage_url(draft)).status_code == 404


# --- filters and sorting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": ["gesichtet"]}, ["MB-2026-0003"]),
        (
            {"status": ["eingegangen", "gesichtet"]},
            ["MB-2026-0002", "MB-2026-0003", "MB-2026-0001"],
        ),
        ({"thema": "Wohnen"}, ["MB-2026-0002"]),
        ({"kommune": 1}, ["MB-2026-0002", "MB-2026-0003"]),
        ({"huerde": "schnittstelle"}, ["MB-2026-0002", "MB-2026-0003"]),
        ({"huerde": "datenschutz"}, ["MB-2026-0003"]),
        ({"rechtskreis": "sgb2"}, ["MB-2026-0003", "MB-2026-0001"]),
        ({"organisation": "Jobcenter"}, ["MB-2026-0002", "MB-2026-0003"]),
        ({"von": 12}, ["MB-2026-0002", "MB-2026-0003"]),
        ({"bis": 12}, ["MB-2026-0001"]),
        ({"ueberfaellig": "on"}, ["MB-2026-0001"]),
        # 0003 was marked gesichtet: its new deadline is 20 working days away.
        ({"sortierung": "frist"}, ["MB-2026-0001", "MB-2026-0002", "MB-2026-0003"]),
        ({"sortierung": "reference"}, ["MB-2026-0001", "MB-2026-0002", "MB-2026-0003"]),
        ({"sortierung": "submitted_at"}, ["MB-2026-0001", "MB-2026-0003", "MB-2026-0002"]),
    ],
)
def test_filters_and_sorting(client, koordination, reports, kommunen, params, expected):
    change_status(reports[2], Status.GESICHTET, by=koordination)
    query = dict(params)
    if "thema" in query:
        query["thema"] = Thema.objects.get(name=query["thema"]).pk
    if "kommune" in query:
        query["kommune"] = kommunen[query["kommune"]].pk
    if "organisation" in query:
        query["organisation"] = Organisation.objects.get(name__startswith=query["organisation"]).pk
    for key in ("von", "bis"):
        if key in query:
            query[key] = (timezone.localdate() - datetime.timedelta(days=query[key])).isoformat()
    client.force_login(koordination)
    response = client.get(WORKLIST, query)
    assert response.status_code == 200
    assert references(response) == expected


def test_invalid_filter_input_gets_a_german_message(client, koordination, reports):
    client.force_login(koordination)
    html = client.get(WORKLIST, {"von": "gestern"}).content.decode()
    assert "Bitte prüfen Sie die Filter" in html
    assert "Eingegangen ab" in html


def test_overdue_reports_are_marked_in_words(client, koordination, reports):
    client.force_login(koordination)
    html = client.get(WORKLIST).content.decode()
    row = next(r for r in html.split("<tr") if "MB-2026-0001" in r)
    assert 'class="overdue"' in row
    assert "überfällig (" in row
    other = next(r for r in html.split("<tr") if "MB-2026-0002" in r)
    assert "überfällig" not in other


# --- saved filters ---------------------------------------------------------------------------


def test_saved_filters_are_personal(client, koordination, make_user, reports):
    client.force_login(koordination)
    response = client.post(
        WORKLIST, {"filter_speichern": "1", "name": "", "query": "huerde=schnittstelle"}
    )
    assert response.status_code == 400
    assert "Bitte geben Sie dem Filter einen Namen." in response.content.decode()
    response = client.post(
        WORKLIST,
        {"filter_speichern": "1", "name": "Filter Nord", "query": "huerde=schnittstelle"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?huerde=schnittstelle")
    html = client.get(WORKLIST).content.decode()
    assert 'href="/meldeboegen/sichtung/?huerde=schnittstelle">Filter Nord</a>' in html
    saved = GespeicherterFilter.objects.get()

    other = make_user("koordination-b", KOORDINATION)
    client.force_login(other)
    assert "Filter Nord" not in client.get(WORKLIST).content.decode()
    delete = reverse("forms:delete_saved_filter", args=[saved.pk])
    assert client.post(delete).status_code == 404
    client.force_login(koordination)
    assert client.post(delete).status_code == 302
    assert not GespeicherterFilter.objects.exists()


# --- bulk actions ----------------------------------------------------------------------------


def test_bulk_action_reports_per_report(client, koordination, reports):
    first, second, third = reports
    change_status(
        third,
        Status.NICHT_WEITERVERFOLGT,
        by=koordination,
        comment="Einzelfall",
        reporter_reason="Ein Einzelfall.",
    )
    client.force_login(koordination)
    stale_version = second.version
    change_status(second, Status.GESICHTET, by=koordination)  # someone else, meanwhile
    response = client.post(
        WORKLIST,
        {
            "aktion": "gesichtet",
            "auswahl": [
                f"{first.pk}:{first.version}",
                f"{second.pk}:{stale_version}",
                f"{third.pk}:{Meldebogen.objects.get(pk=third.pk).version}",
            ],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "MB-2026-0001: jetzt „Gesichtet“." in html
    assert "MB-2026-0002: Der Meldebogen MB-2026-0002 wurde inzwischen" in html
    # Reopening a report not pursued needs a reason, which the bulk action did not give.
    assert "MB-2026-0003: Für „Gesichtet“ ist eine Begründung nötig." in html
    assert Meldebogen.objects.get(pk=first.pk).status == Status.GESICHTET


def test_bulk_defer_needs_reason_and_keeps_the_selection(client, koordination, reports):
    client.force_login(koordination)
    key = f"{reports[0].pk}:{reports[0].version}"
    response = client.post(WORKLIST, {"aktion": "zurueckstellen", "auswahl": [key]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Für „Zurückstellen“ ist eine Begründung nötig." in html
    assert f'value="{key}" form="sammelaktion" checked' in html
    assert Meldebogen.objects.get(pk=reports[0].pk).status == Status.EINGEGANGEN

    response = client.post(
        WORKLIST,
        {"aktion": "zurueckstellen", "auswahl": [key], "begruendung": "Nach der Sommerpause"},
        follow=True,
    )
    assert "MB-2026-0001: jetzt „Zurückgestellt“." in response.content.decode()
    assert Verlaufseintrag.objects.get(to_status=Status.ZURUECKGESTELLT).reason == (
        "Nach der Sommerpause"
    )


def test_bulk_action_without_selection_is_refused(client, koordination, reports):
    client.force_login(koordination)
    response = client.post(WORKLIST, {"aktion": "gesichtet"})
    assert response.status_code == 400
    assert "Bitte wählen Sie mindestens einen Meldebogen aus." in response.content.decode()


# --- triage view -----------------------------------------------------------------------------


def test_status_change_and_timeline(client, koordination, reports):
    meldebogen = reports[0]
    client.force_login(koordination)
    page = client.get(triage_url(meldebogen)).content.decode()
    assert "Als gesichtet markieren (→ Gesichtet)" in page
    assert "Abschließen" not in page
    response = client.post(
        triage_url(meldebogen),
        {
            "formular": "status",
            "neuer_status": "gesichtet",
            "kommentar": "Passt zu den Kursmeldungen",
            "version": meldebogen.version,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Der Meldebogen MB-2026-0001 ist jetzt „Gesichtet“." in html
    assert "„Eingegangen“ → „Gesichtet“" in html
    assert "Passt zu den Kursmeldungen" in html
    assert "Kora" in html  # who, for the coordination


def test_conflict_keeps_the_input_and_says_who(client, koordination, make_user, reports):
    meldebogen = reports[0]
    other = make_user("koordination-b", KOORDINATION, first_name="Olga", last_name="Otte")
    client.force_login(koordination)
    seen = meldebogen.version
    change_status(Meldebogen.objects.get(pk=meldebogen.pk), Status.GESICHTET, by=other)
    response = client.post(
        triage_url(meldebogen),
        {
            "formular": "status",
            "neuer_status": "zurueckgestellt",
            "kommentar": "Mein langer Kommentar zur Zurückstellung",
            "version": seen,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "wurde inzwischen von Olga Otte" in html
    assert "Mein langer Kommentar zur Zurückstellung</textarea>" in html
    # The form now offers what is possible from the new status, with the new version.
    assert "Zur Fallrekonstruktion vorsehen" in html
    assert f'name="version" value="{seen + 1}"' in html
    assert Meldebogen.objects.get(pk=meldebogen.pk).status == Status.GESICHTET


def test_missing_reason_keeps_input(client, koordination, reports):
    client.force_login(koordination)
    response = client.post(
        triage_url(reports[0]),
        {"formular": "status", "neuer_status": "nicht_weiterverfolgt", "version": 0},
    )
    assert response.status_code == 400
    assert "Für „Nicht weiterverfolgt“ ist eine Begründung nötig." in response.content.decode()


def test_similar_reports_are_shown(client, koordination, reports):
    client.force_login(koordination)
    html = client.get(triage_url(reports[0])).content.decode()
    section = html.split('id="aehnlich"')[1].split("</section>")[0]
    assert "MB-2026-0003" in section
    assert "Ähnlichkeit" in section


# --- notes and questions ---------------------------------------------------------------------


def test_notes_are_internal(client, koordination, reports, case_manager):
    meldebogen = reports[0]
    client.force_login(koordination)
    response = client.post(triage_url(meldebogen), {"formular": "notiz", "text": ""})
    assert response.status_code == 400
    assert "Bitte füllen Sie dieses Feld aus." in response.content.decode()
    client.post(triage_url(meldebogen), {"formular": "notiz", "text": "Intern: mit VHS klären"})
    assert Notiz.objects.get().author == koordination
    assert "Intern: mit VHS klären" in client.get(triage_url(meldebogen)).content.decode()

    client.force_login(case_manager)
    own_page = client.get(meldebogen.get_absolute_url()).content.decode()
    assert "Intern: mit VHS klären" not in own_page
    assert "Notiz" not in own_page


def test_question_and_answer_round_trip(
    client, koordination, reports, case_manager, django_capture_on_commit_callbacks
):
    meldebogen = reports[0]
    client.force_login(koordination)
    mail.outbox.clear()
    with_question = {"formular": "rueckfrage", "question": "Seit wann besteht die Wartezeit?"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(triage_url(meldebogen), with_question)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [case_manager.email]
    assert "MB-2026-0001" in notice.subject
    assert "Seit wann" not in notice.body
    assert meldebogen.get_absolute_url() in notice.body

    client.force_login(case_manager)
    page = client.get(meldebogen.get_absolute_url()).content.decode()
    assert "Seit wann besteht die Wartezeit?" in page
    assert "Kora" not in page and koordination.username not in page
    rueckfrage = Rueckfrage.objects.get()
    answer_url = reverse("forms:answer", args=[meldebogen.pk, rueckfrage.pk])
    prefix = f"frage{rueckfrage.pk}"

    # Personal data in the answer is stopped, and the typed answer is kept.
    response = client.post(answer_url, {f"{prefix}-answer": "Herr Yilmaz wartet seit März."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "„Yilmaz“" in html
    assert "Herr Yilmaz wartet seit März.</textarea>" in html
    assert Rueckfrage.objects.get().is_open

    mail.outbox.clear()
    response = client.post(answer_url, {f"{prefix}-answer": "Seit dem Frühjahr, alle Kurse."})
    assert response.status_code == 302
    assert Rueckfrage.objects.get().answer == "Seit dem Frühjahr, alle Kurse."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == [koordination.email]
    assert "Seit dem Frühjahr" not in mail.outbox[0].body
    # Answering twice changes nothing.
    client.post(answer_url, {f"{prefix}-answer": "Noch etwas"})
    assert Rueckfrage.objects.get().answer == "Seit dem Frühjahr, alle Kurse."

    client.force_login(koordination)
    assert "Seit dem Frühjahr, alle Kurse." in client.get(triage_url(meldebogen)).content.decode()


def test_reporter_cannot_answer_questions_on_others_reports(client, reports, partner, koordination):
    meldebogen = reports[0]
    rueckfrage = Rueckfrage.objects.create(meldebogen=meldebogen, question="Frage?")
    client.force_login(partner)
    url = reverse("forms:answer", args=[meldebogen.pk, rueckfrage.pk])
    assert client.post(url, {f"frage{rueckfrage.pk}-answer": "x"}).status_code == 404
    assert Rueckfrage.objects.get().is_open


def test_reporter_sees_status_in_plain_german(client, koordination, reports, case_manager):
    change_status(reports[0], Status.GESICHTET, by=koordination, comment="intern: Kursträger")
    client.force_login(case_manager)
    html = client.get(reports[0].get_absolute_url()).content.decode()
    assert "Die KIM-Koordination hat Ihren Meldebogen gelesen" in html
    assert "intern: Kursträger" not in html


# --- bounded queries -------------------------------------------------------------------------


def add_reports(owner, count, start, kommunen, thema):
    for number in range(start, start + count):
        meldebogen = Meldebogen.objects.create(
            owner=owner,
            status=Status.EINGEGANGEN,
            reference=f"MB-2025-{number:04d}",
            submitted_at=timezone.now(),
            frist=timezone.localdate() - datetime.timedelta(days=3),
            thema=thema,
            huerden=["schnittstelle"],
            situation="Familien warten auf einen Integrationskurs mit Kinderbetreuung.",
        )
        meldebogen.kommunen.set(kommunen)
        Rueckfrage.objects.create(meldebogen=meldebogen, question="?")
        Notiz.objects.create(meldebogen=meldebogen, text="Notiz")


def test_worklist_and_triage_queries_do_not_grow(
    client, koordination, reports, kommunen, django_assert_max_num_queries
):
    client.force_login(koordination)
    thema = Thema.objects.get(name="Sprache")
    target = reports[0]
    for _ in range(2):
        Notiz.objects.create(meldebogen=target, text="n")
    client.get(WORKLIST)  # fills the navigation cached per visibility rule (portal/privacy.py)
    with django_assert_max_num_queries(30) as few_list:
        assert client.get(WORKLIST, {"ueberfaellig": "on"}).status_code == 200
    with django_assert_max_num_queries(30) as few_detail:
        assert client.get(triage_url(target)).status_code == 200
    add_reports(koordination, 40, 100, kommunen, thema)
    for _ in range(20):
        Notiz.objects.create(meldebogen=target, text="n")
        change_status(target, Status.ZURUECKGESTELLT, by=koordination, comment="z")
        change_status(target, Status.GESICHTET, by=koordination)
        change_status(target, Status.ZURUECKGESTELLT, by=koordination, comment="z")
        change_status(target, Status.ZUR_FALLREKONSTRUKTION, by=koordination)
        change_status(target, Status.GESICHTET, by=koordination, comment="doch nicht")
    with django_assert_max_num_queries(30) as many_list:
        assert client.get(WORKLIST, {"ueberfaellig": "on"}).status_code == 200
    with django_assert_max_num_queries(30) as many_detail:
        assert client.get(triage_url(target)).status_code == 200
    assert len(many_list.captured_queries) == len(few_list.captured_queries)
    assert len(many_detail.captured_queries) == len(few_detail.captured_queries)
    # User, the filter's choices (Themen, Kommunen,
    # Organisationen), the count, the page of reports, the Kommunen of the whole page, the
    # saved filters (the session, the user's groups and the site come from the cache).
    assert len(many_list.captured_queries) == WORKLIST_QUERIES


WORKLIST_QUERIES = 8


def test_worklist_rows_show_each_value_escaped(client, koordination, reports, kommunen):
    """The rows are written in Python (forms.worklist.worklist_rows): every value is escaped,
    the Kommunen are sorted by name, the labels are German, dates are German."""
    target = reports[2]
    target.organisation_name = 'Träger <b>"Süd"</b> & Co'
    target.save(update_fields=["organisation_name"])
    target.kommunen.set(kommunen)
    client.force_login(koordination)
    html = client.get(WORKLIST).content.decode()
    row = next(r for r in html.split("<tr") if "MB-2026-0003" in r)
    assert "Träger &lt;b&gt;&quot;Süd&quot;&lt;/b&gt; &amp; Co" in row
    assert "<b>" not in row
    assert "<td>Altena, Werdohl</td>" in row
    assert "Schnittstellenproblem" in row or "Schnittstelle" in row
    assert f'<a href="{triage_url(target)}">MB-2026-0003</a>' in row
    assert timezone.localtime(target.submitted_at).strftime("%d.%m.%Y") in row
    assert "<td>Eingegangen</td>" in row
    assert f'value="{target.pk}:{target.version}"' in row


def test_reporter_page_queries_do_not_grow_with_questions(
    client, reports, case_manager, django_assert_max_num_queries
):
    meldebogen = reports[0]
    client.force_login(case_manager)
    Rueckfrage.objects.create(meldebogen=meldebogen, question="Eine Frage?")
    client.get(meldebogen.get_absolute_url())  # warm the per-process caches
    with django_assert_max_num_queries(25) as few:
        assert client.get(meldebogen.get_absolute_url()).status_code == 200
    for number in range(15):
        Rueckfrage.objects.create(
            meldebogen=meldebogen,
            question=f"Frage {number}?",
            answer="Antwort" if number % 2 else "",
            answered_at=timezone.now() if number % 2 else None,
        )
    with django_assert_max_num_queries(25) as many:
        assert client.get(meldebogen.get_absolute_url()).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_my_reports_show_an_open_question(client, reports, case_manager):
    client.force_login(case_manager)
    assert "Rückfrage offen" not in client.get(reverse("forms:list")).content.decode()
    Rueckfrage.objects.create(meldebogen=reports[1], question="Frage?")
    html = client.get(reverse("forms:list")).content.decode()
    row = next(r for r in html.split("<tr") if "MB-2026-0002" in r)
    assert "Rückfrage offen" in row


def test_confirmed_findings_are_shown_with_kind_and_who_confirmed(
    client, koordination, reporter, reports
):
    from forms.models import ConfirmedFinding

    meldebogen = reports[0]
    ConfirmedFinding.objects.create(
        meldebogen=meldebogen,
        field="situation",
        kind="name",
        text="Werdohler",
        confirmed_by=reporter,
    )
    client.force_login(koordination)
    html = client.get(triage_url(meldebogen)).content.decode()
    assert "Bestätigte Funde der Anonymitätsprüfung" in html
    row = html[html.index("<q>Werdohler</q>") - 200 : html.index("<q>Werdohler</q>") + 200]
    assert "Name einer Person" in row
    assert "Beschreibung der Situation" in row or "Situation" in row
    assert (reporter.get_full_name() or reporter.username) in row
