"""Kooperationsvereinbarungen go through the same review as pages; readers see only live ones."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from knowledge.models import Kooperationsvereinbarung
from tests.knowledge.test_agreements import agreement, days, make_kommune

ADD_URL = "/admin/snippets/knowledge/kooperationsvereinbarung/add/"


@pytest.fixture
def author(make_user):
    """Drafts agreements but may not publish them."""
    group = Group.objects.create(name="Vereinbarungen-Redaktion (Test)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            codename__in=["add_kooperationsvereinbarung", "change_kooperationsvereinbarung"]
        ),
    )
    user = make_user("vereinbarung-autorin")
    user.groups.add(group)
    return user


def form_data(kommune, **fields) -> dict:
    return {
        "kommune": kommune.pk,
        "organisation": "",
        "parties": "Märkischer Kreis\nStadt Balve",
        "status": "in_verhandlung",
        "signed_on": "",
        "valid_from": "",
        "valid_until": "",
        "next_evaluation_on": "",
        "document": "",
        "text": rich_text("<p>Sprechstunde im Rathaus</p>"),
        **fields,
    }


def test_author_submits_for_review_and_the_koordination_publishes(
    client, author, koordination, integrationsbeauftragte, wissen
):
    balve = make_kommune("Balve", "05962008")
    assert not author.has_perm("knowledge.publish_kooperationsvereinbarung")
    assert koordination.has_perm("knowledge.publish_kooperationsvereinbarung")

    client.force_login(author)
    form = client.get(ADD_URL).content.decode()
    assert 'name="action-submit"' in form
    assert 'name="action-publish"' not in form
    response = client.post(ADD_URL, {**form_data(balve), "action-submit": "1"})
    assert response.status_code == 302
    item = Kooperationsvereinbarung.objects.get()
    assert not item.live
    state = item.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Vier-Augen-Freigabe"  # issue 18 (test_four_eyes.py)

    # An author's attempt to publish directly is not honoured.
    edit_url = f"/admin/snippets/knowledge/kooperationsvereinbarung/edit/{item.pk}/"
    client.post(edit_url, {**form_data(balve), "action-publish": "1"})
    item.refresh_from_db()
    assert not item.live

    client.force_login(integrationsbeauftragte)
    overview = client.get("/wissensbasis/vereinbarungen/").content.decode()
    assert "Sprechstunde" not in overview and "Keine Vereinbarung erfasst" in overview
    assert client.get(f"/wissensbasis/vereinbarungen/{item.pk}/").status_code == 404

    task_state = item.current_workflow_task_state
    task = task_state.task.specific
    assert task.get_actions(item, author) == []
    assert "approve" in [name for name, _label, _modal in task.get_actions(item, koordination)]
    task.on_action(task_state, koordination, "approve")

    item.refresh_from_db()
    assert item.live and item.live_revision.user == author
    detail = client.get(f"/wissensbasis/vereinbarungen/{item.pk}/").content.decode()
    assert "Sprechstunde im Rathaus" in detail
    assert "in Verhandlung" in client.get("/wissensbasis/vereinbarungen/").content.decode()


def test_a_draft_of_a_live_agreement_does_not_change_what_readers_see(
    client, koordination, admin_user, partner, wissen
):
    item = agreement(make_kommune("Hemer", "05962020"), text="<p>Alte Fassung</p>")
    client.force_login(koordination)
    edit_url = f"/admin/snippets/knowledge/kooperationsvereinbarung/edit/{item.pk}/"
    data = form_data(
        item.kommune,
        status="unterzeichnet",
        signed_on=days(-400).isoformat(),
        text=rich_text("<p>Neue Fassung im Entwurf</p>"),
    )
    assert client.post(edit_url, data).status_code == 302  # "save draft"
    item.refresh_from_db()
    assert item.live and item.has_unpublished_changes
    client.force_login(partner)
    detail = client.get(f"/wissensbasis/vereinbarungen/{item.pk}/").content.decode()
    assert "Alte Fassung" in detail and "Neue Fassung" not in detail

    # Under the Vier-Augen-Freigabe only a superuser publishes directly (test_four_eyes.py).
    client.force_login(admin_user)
    assert client.post(edit_url, {**data, "action-publish": "1"}).status_code == 302
    client.force_login(partner)
    detail = client.get(f"/wissensbasis/vereinbarungen/{item.pk}/").content.decode()
    assert "Neue Fassung im Entwurf" in detail


def test_agreements_created_before_the_workflow_are_live(db):
    """The migration's default keeps existing agreements published."""
    item = agreement(make_kommune("Altena", "05962004"))
    assert item.live
    assert list(Kooperationsvereinbarung.objects.live()) == [item]
    item.live = False
    item.save()
    assert not Kooperationsvereinbarung.objects.live().exists()


def test_authors_import_for_review_and_a_superuser_may_publish_directly(
    client, author, partner, admin_user
):
    """Issue 18: who may add and change agreements imports them as drafts for review (the
    workflow's reviewers approve them, tests/knowledge/test_agreement_import_review.py); only a
    superuser may choose "Direkt veröffentlichen", with a revision so history stays whole."""
    make_kommune("Balve", "05962008")
    url = "/admin/snippets/knowledge/kooperationsvereinbarung/import/"
    client.force_login(partner)
    assert client.get(url).status_code in (302, 403)
    client.force_login(author)
    without_id_column = SimpleUploadedFile(
        "vereinbarungen.csv",
        b"Kommune;Vertragsparteien;Status;unterzeichnet am\n"
        b"Balve;Kreis und Balve;unterzeichnet;01.02.2025",
    )
    html = client.post(url, {"file": without_id_column}).content.decode()
    assert "Der Datei fehlen die Spalten: Partnerorganisation." in html
    rows = (
        b"Kommune;Partnerorganisation;Vertragsparteien;Status;unterzeichnet am\n"
        b"Balve;;Kreis und Balve;unterzeichnet;01.02.2025"
    )
    upload = SimpleUploadedFile("vereinbarungen.csv", rows)
    assert "1 neu" in client.post(url, {"file": upload}).content.decode()
    client.post(url, {"confirm": "1"})
    item = Kooperationsvereinbarung.objects.get()
    assert not item.live and item.latest_revision.user == author
    assert WorkflowState.objects.get(object_id=str(item.pk)).status == "in_progress"
    item.delete()

    client.force_login(admin_user)
    upload = SimpleUploadedFile("vereinbarungen.csv", rows)
    assert "1 neu" in client.post(url, {"file": upload, "publish": "on"}).content.decode()
    client.post(url, {"confirm": "1"})
    item = Kooperationsvereinbarung.objects.get()
    assert item.live and not item.has_unpublished_changes
    assert item.live_revision is not None and item.live_revision.user == admin_user
