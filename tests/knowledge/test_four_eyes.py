"""Vier-Augen-Freigabe (issue 18): the Redaktion writes and submits, someone else approves;
nobody approves their own change or publishes around the review; readers see what changed."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState

from accounts import roles
from knowledge.models import HandlungskonzeptPage, Kooperationsvereinbarung
from knowledge.models.review import (
    OWN_CHANGE_REFUSED,
    VierAugenFreigabeTask,
    change_log,
    requires_four_eyes,
)
from tests.knowledge.test_agreements import agreement, make_kommune

REDAKTION_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "knowledge.add_kooperationsvereinbarung",
    "knowledge.change_kooperationsvereinbarung",
    "knowledge.view_kooperationsvereinbarung",
    "knowledge.view_kommune",
    "knowledge.view_organisation",
    "knowledge.view_handlungsfeld",
}


@pytest.fixture
def redaktion(make_user):
    return make_user("redaktion-test", roles.REDAKTION, first_name="Rita")


@pytest.fixture
def zweite_koordination(make_user):
    return make_user("koordination-zwei", roles.KOORDINATION, first_name="Zora")


def submit_change(page: HandlungskonzeptPage, user, note: str) -> HandlungskonzeptPage:
    """Edit the Handlungskonzept's intro as ``user`` and submit it to its workflow."""
    page = HandlungskonzeptPage.objects.get(pk=page.pk)
    page.intro = f"<p>{note}</p>"
    page.change_note = note
    revision = page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    assert page.latest_revision_id == revision.pk
    return page


def workflow_action_url(page, action: str) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, action, page.current_workflow_task_state.pk),
    )


def test_redaktion_role_holds_exactly_its_permissions(db):
    call_command("sync_role_permissions", verbosity=0)
    group = Group.objects.get(name=roles.REDAKTION)
    held = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    assert held == REDAKTION_PERMISSIONS
    page_permissions = set(group.page_permissions.values_list("permission__codename", flat=True))
    assert page_permissions == {"add_page", "change_page"}  # no publish_page


def test_the_migration_sets_up_the_four_eyes_workflow(konzept):
    workflow = konzept.get_workflow()
    assert workflow.name == "Vier-Augen-Freigabe"
    task = workflow.tasks.get().specific
    assert isinstance(task, VierAugenFreigabeTask)
    assert list(task.groups.values_list("name", flat=True)) == [roles.KOORDINATION]
    assert Kooperationsvereinbarung.get_default_workflow() == workflow
    assert requires_four_eyes(konzept)


def test_redaktion_edits_and_submits_but_cannot_publish(client, redaktion, konzept):
    assert not konzept.permissions_for_user(redaktion).can_publish()
    assert konzept.permissions_for_user(redaktion).can_edit()
    client.force_login(redaktion)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(konzept.pk,))).content.decode()
    assert 'name="action-submit"' in edit
    assert 'name="action-publish"' not in edit
    assert 'name="change_note"' in edit


def test_author_cannot_approve_own_change_but_another_reviewer_can(
    client, koordination, zweite_koordination, integrationsbeauftragte, konzept
):
    page = submit_change(konzept, koordination, "Kapitel 2 um die Arbeitsgruppen ergänzt")
    task_state = page.current_workflow_task_state
    task = task_state.task.specific

    # Workflow action: refused to the author, with the German reason.
    assert "approve" not in [name for name, *_ in task.get_actions(page, koordination)]
    with pytest.raises(PermissionDenied) as refused:
        task.on_action(task_state, koordination, "approve")
    assert str(refused.value) == str(OWN_CHANGE_REFUSED)
    assert not task.get_task_states_user_can_moderate(koordination).exists()

    # UI: the author's edit page explains it and offers no approval; posting it is refused.
    client.force_login(koordination)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "nicht selbst freigeben" in edit
    assert "/workflow/action/" not in edit or "/approve/" not in edit
    assert 'name="action-publish"' not in edit  # nor publish around the review
    refused_post = client.post(workflow_action_url(page, "approve"), follow=True)
    assert refused_post.redirect_chain[-1][0] == "/admin/"  # Wagtail's "no permission" answer
    page.refresh_from_db()
    assert page.live_revision.user_id != koordination.pk  # nothing was published
    assert WorkflowState.objects.get(pk=page.current_workflow_state.pk).status == "in_progress"

    # Another member of the KIM-Koordination approves in the admin: the change goes live.
    client.force_login(zweite_koordination)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "/approve/" in edit
    assert client.post(workflow_action_url(page, "approve")).status_code == 302
    page.refresh_from_db()
    assert page.live_revision.user_id == koordination.pk
    assert "Arbeitsgruppen ergänzt" in page.intro

    client.force_login(integrationsbeauftragte)
    html = client.get(page.url).content.decode()
    assert "Was hat sich geändert" in html
    assert "Kapitel 2 um die Arbeitsgruppen ergänzt" in html


def test_a_reviewer_who_edited_the_change_cannot_approve_it(
    redaktion, koordination, zweite_koordination, konzept
):
    page = submit_change(konzept, redaktion, "Neue Ansprechpersonen")
    page.intro = "<p>Korrigiert</p>"
    page.save_revision(user=koordination)  # an edit during review makes her an author too
    task = page.current_workflow_task_state.task.specific
    assert "approve" not in [n for n, *_ in task.get_actions(page, koordination)]
    assert "approve" in [n for n, *_ in task.get_actions(page, zweite_koordination)]
    assert task.get_actions(page, redaktion) == []  # the Redaktion does not review


def test_koordination_cannot_publish_the_handlungskonzept_directly(koordination, konzept):
    assert not konzept.permissions_for_user(koordination).can_publish()
    page = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    page.intro = "<p>Direkt</p>"
    revision = page.save_revision(user=koordination)
    with pytest.raises(PermissionDenied):
        revision.publish(user=koordination)


def test_without_the_four_eyes_workflow_the_koordination_publishes_again(koordination, konzept):
    Workflow.objects.filter(name="Vier-Augen-Freigabe").update(active=False)
    page = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    assert page.get_workflow().name == "Freigabe durch die KIM-Koordination"
    assert page.permissions_for_user(koordination).can_publish()


def test_agreement_author_cannot_approve_and_koordination_cannot_publish_directly(
    client, redaktion, koordination, zweite_koordination, partner, wissen
):
    item = agreement(make_kommune("Balve", "05962008"), text="<p>Alte Fassung</p>")
    item.change_note = "Erste Fassung"
    item.save_revision(user=koordination).publish(skip_permission_checks=True)
    viewset_prefix = "wagtailsnippets_knowledge_kooperationsvereinbarung"
    client.force_login(koordination)
    edit = client.get(reverse(f"{viewset_prefix}:edit", args=(item.pk,))).content.decode()
    assert 'name="action-publish"' not in edit and 'name="action-submit"' in edit
    assert 'name="change_note"' in edit
    assert 'value="Erste Fassung"' not in edit  # a new version starts with an empty note

    item.text = "<p>Neue Sprechzeiten</p>"
    item.change_note = "Sprechzeiten ab März"
    item.save_revision(user=koordination)
    item.get_workflow().start(item, koordination)
    task_state = item.current_workflow_task_state
    task = task_state.task.specific
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, koordination, "approve")
    url = reverse(f"{viewset_prefix}:workflow_action", args=(item.pk, "approve", task_state.pk))
    assert client.post(url).url == "/admin/"  # refused: Wagtail's "no permission" answer
    item.refresh_from_db()
    assert item.text == "<p>Alte Fassung</p>"

    client.force_login(zweite_koordination)
    assert client.post(url).status_code == 302
    item.refresh_from_db()
    assert item.text == "<p>Neue Sprechzeiten</p>"
    client.force_login(partner)
    detail = client.get(f"/wissensbasis/vereinbarungen/{item.pk}/").content.decode()
    assert "Was hat sich geändert" in detail and "Sprechzeiten ab März" in detail


def test_change_log_lists_published_versions_newest_first(konzept, django_assert_max_num_queries):
    for note in ("Zweite Fassung", "Dritte Fassung"):
        page = HandlungskonzeptPage.objects.get(pk=konzept.pk)
        page.change_note = note
        page.save_revision().publish()
    page = HandlungskonzeptPage.objects.get(pk=konzept.pk)
    page.change_note = "Entwurf, noch nicht freigegeben"
    page.save_revision()
    with django_assert_max_num_queries(2):
        entries = change_log(page)
    assert [entry.note for entry in entries] == ["Dritte Fassung", "Zweite Fassung", ""]
