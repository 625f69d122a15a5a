"""The CSV/XLSX import of Kooperationsvereinbarungen respects the Vier-Augen-Freigabe (issue 18):
the Redaktion and the KIM-Koordination import, new and changed agreements become draft revisions
submitted to the workflow, readers see nothing new until a second person approves, the author
cannot approve; only a superuser may choose "Direkt veröffentlichen"; a failed import changes
nothing and starts no review."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Revision, WorkflowState

from accounts import roles
from knowledge.models import Kooperationsvereinbarung
from tests.knowledge.test_agreements import agreement, make_kommune

URL = "/admin/snippets/knowledge/kooperationsvereinbarung/import/"
HEADER = (
    "Kommune;Partnerorganisation;Vertragsparteien;Status;unterzeichnet am;nächste Evaluation am"
)
VIEWSET = "wagtailsnippets_knowledge_kooperationsvereinbarung"


@pytest.fixture
def redaktion(make_user):
    return make_user("redaktion-test", roles.REDAKTION, first_name="Rita")


@pytest.fixture
def zweite_koordination(make_user):
    return make_user("koordination-zwei", roles.KOORDINATION, first_name="Zora")


@pytest.fixture
def balve(koordination):
    """A published agreement with a note, as the KIM-Koordination left it."""
    item = agreement(make_kommune("Balve", "05962008"), text="<p>Sprechstunde im Rathaus</p>")
    item.change_note = "Erste Fassung"
    item.save_revision(user=koordination).publish(skip_permission_checks=True)
    make_kommune("Hemer", "05962020")
    return Kooperationsvereinbarung.objects.get(pk=item.pk)


def upload(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("vereinbarungen.csv", "\n".join([HEADER, *rows]).encode())


def import_file(client, *rows: str, **extra) -> list[str]:
    preview = client.post(URL, {"file": upload(*rows), **extra})
    assert preview.status_code == 200
    response = client.post(URL, {"confirm": "1"}, follow=True)
    return [str(message) for message in response.context["messages"]]


def approve(client, item, user):
    item = Kooperationsvereinbarung.objects.get(pk=item.pk)
    task_state = item.current_workflow_task_state
    client.force_login(user)
    url = reverse(f"{VIEWSET}:workflow_action", args=(item.pk, "approve", task_state.pk))
    return client.post(url)


def reader_sees(client, reader, item) -> str:
    client.force_login(reader)
    response = client.get(f"/wissensbasis/vereinbarungen/{item.pk}/")
    return response.content.decode() if response.status_code == 200 else ""


def test_redaktion_imports_drafts_that_wait_for_a_second_person(
    client, redaktion, koordination, partner, wissen, balve
):
    client.force_login(redaktion)
    assert URL in client.get("/admin/snippets/knowledge/kooperationsvereinbarung/").content.decode()
    form = client.get(URL).content.decode()
    assert "als Entwurf gespeichert und zur Freigabe eingereicht" in form
    assert "Direkt veröffentlichen" not in form
    preview = client.post(
        URL,
        {
            "file": upload(
                "Balve;;Kreis und Stadt Balve;in Evaluation;01.02.2025;15.03.2027",
                "Hemer;;Kreis und Stadt Hemer;unterzeichnet;01.06.2026;01.06.2027",
            )
        },
    ).content.decode()
    assert "1 neu, 1 geändert, 0 unverändert" in preview
    messages = import_file(
        client,
        "Balve;;Kreis und Stadt Balve;in Evaluation;01.02.2025;15.03.2027",
        "Hemer;;Kreis und Stadt Hemer;unterzeichnet;01.06.2026;01.06.2027",
    )
    assert "Import abgeschlossen: 1 neu, 1 geändert, 0 unverändert." in messages
    assert (
        "Zur Freigabe eingereicht: Kooperationsvereinbarung Balve, Kooperationsvereinbarung "
        "Hemer. Sichtbar wird die neue Fassung erst, wenn eine andere berechtigte Person sie "
        "freigibt."
    ) in messages

    # What readers see is unchanged: Balve as before, Hemer not at all.
    live = Kooperationsvereinbarung.objects.get(pk=balve.pk)
    assert (live.status, live.parties, live.live) == ("unterzeichnet", "Kreis\nKommune", True)
    hemer = Kooperationsvereinbarung.objects.get(kommune__name="Hemer")
    assert not hemer.live
    assert list(Kooperationsvereinbarung.objects.live()) == [live]
    assert "Kreis und Stadt Balve" not in reader_sees(client, partner, live)
    overview = client.get("/wissensbasis/vereinbarungen/").content.decode()
    assert "Kreis und Stadt Hemer" not in overview

    # The drafts are in the Vier-Augen-Freigabe, by the Redaktion, keeping the draft's text.
    for item in (live, hemer):
        state = WorkflowState.objects.get(object_id=str(item.pk), status="in_progress")
        assert state.requested_by == redaktion
        assert state.workflow.name == "Vier-Augen-Freigabe"
    draft = live.get_latest_revision_as_object()
    assert draft.status == "in_evaluation" and draft.text == "<p>Sprechstunde im Rathaus</p>"
    assert draft.change_note == ""  # the published version's note is not this change's
    assert live.latest_revision.user == redaktion

    # The Redaktion cannot approve its own import; the KIM-Koordination can.
    task_state = live.current_workflow_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, redaktion, "approve")
    assert approve(client, live, koordination).status_code == 302
    assert approve(client, hemer, koordination).status_code == 302
    live.refresh_from_db()
    hemer.refresh_from_db()
    assert (live.status, live.parties) == ("in_evaluation", "Kreis und Stadt Balve")
    assert live.next_evaluation_on.isoformat() == "2027-03-15"
    assert hemer.live
    assert "Kreis und Stadt Balve" in reader_sees(client, partner, live)


def test_the_coordination_cannot_approve_its_own_import(
    client, koordination, zweite_koordination, wissen, balve
):
    client.force_login(koordination)
    assert "Direkt veröffentlichen" not in client.get(URL).content.decode()
    import_file(client, "Balve;;Kreis und Balve;in Evaluation;01.02.2025;15.03.2027")
    response = approve(client, balve, koordination)
    assert response.url == "/admin/"  # refused: Wagtail's "no permission" answer
    assert Kooperationsvereinbarung.objects.get(pk=balve.pk).status == "unterzeichnet"
    assert approve(client, balve, zweite_koordination).status_code == 302
    assert Kooperationsvereinbarung.objects.get(pk=balve.pk).status == "in_evaluation"


def test_a_second_import_joins_the_running_review_and_unchanged_rows_are_skipped(
    client, redaktion, koordination, wissen, balve
):
    client.force_login(redaktion)
    import_file(client, "Balve;;Kreis und Balve;in Evaluation;01.02.2025;15.03.2027")
    revisions = Revision.objects.for_instance(balve).count()
    # While in review only the reviewers may change it, as in the CMS.
    html = client.post(
        URL, {"file": upload("Balve;;Kreis und Balve;in Evaluation;01.02.2025;20.03.2027")}
    ).content.decode()
    assert "Kooperationsvereinbarung Balve ist in der Freigabe; solange können nur" in html
    client.force_login(koordination)
    # the same file again: compared with the draft under review, nothing changed
    messages = import_file(client, "Balve;;Kreis und Balve;in Evaluation;01.02.2025;15.03.2027")
    assert "Import abgeschlossen: 0 neu, 0 geändert, 1 unverändert." in messages
    assert Revision.objects.for_instance(balve).count() == revisions
    messages = import_file(client, "Balve;;Kreis und Balve;in Evaluation;01.02.2025;20.03.2027")
    assert (
        "Als neue Fassung zur laufenden Prüfung hinzugefügt: Kooperationsvereinbarung Balve."
        in messages
    )
    assert WorkflowState.objects.filter(object_id=str(balve.pk)).count() == 1
    draft = Kooperationsvereinbarung.objects.get(pk=balve.pk).get_latest_revision_as_object()
    assert draft.next_evaluation_on.isoformat() == "2027-03-20"


def test_a_failed_import_changes_nothing_and_starts_no_review(client, redaktion, wissen, balve):
    client.force_login(redaktion)
    revisions = Revision.objects.count()
    html = client.post(
        URL,
        {
            "file": upload(
                "Balve;;Kreis und Balve;in Evaluation;01.02.2025;15.03.2027",
                "Hemer;;Kreis und Hemer;unterzeichnet;;",
            )
        },
    ).content.decode()
    assert "Zeile 3: unterzeichnet am: Bitte geben Sie an, wann" in html
    client.post(URL, {"confirm": "1"})
    assert Revision.objects.count() == revisions
    assert not WorkflowState.objects.exists()
    assert list(Kooperationsvereinbarung.objects.values_list("kommune__name", flat=True)) == [
        "Balve"
    ]


def test_a_locked_agreement_is_refused_with_a_german_reason(
    client, redaktion, koordination, wissen, balve
):
    balve.locked = True
    balve.locked_by = koordination
    balve.save()
    client.force_login(redaktion)
    html = client.post(
        URL, {"file": upload("Balve;;Kreis und Balve;in Evaluation;01.02.2025;15.03.2027")}
    ).content.decode()
    assert "Zeile 2: Kommune: Kooperationsvereinbarung Balve ist gesperrt." in html
    assert "Jetzt importieren" not in html


def test_only_a_superuser_may_publish_directly(client, admin_user, wissen, balve, partner):
    client.force_login(admin_user)
    assert "Direkt veröffentlichen" in client.get(URL).content.decode()
    messages = import_file(
        client, "Balve;;Kreis und Balve;in Evaluation;01.02.2025;15.03.2027", publish="on"
    )
    assert "Direkt veröffentlicht: Kooperationsvereinbarung Balve." in messages
    item = Kooperationsvereinbarung.objects.get(pk=balve.pk)
    assert item.live and item.status == "in_evaluation" and not item.has_unpublished_changes
    assert item.live_revision.user == admin_user
    assert not WorkflowState.objects.exists()


def test_a_forged_publish_choice_is_ignored(client, koordination, wissen, balve):
    client.force_login(koordination)
    import_file(client, "Balve;;Kreis und Balve;in Evaluation;01.02.2025;15.03.2027", publish="on")
    assert Kooperationsvereinbarung.objects.get(pk=balve.pk).status == "unterzeichnet"
    assert WorkflowState.objects.filter(status="in_progress").count() == 1
