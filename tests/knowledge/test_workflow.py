"""Editorial workflow: an author's draft is reviewed and published by the KIM-Koordination."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from knowledge.models import GuidancePage


def make_author(make_user, wissen):
    group = Group.objects.create(name="Redaktion (Test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=wissen, permission=Permission.objects.get(codename=codename)
        )
    author = make_user("autorin")
    author.groups.add(group)
    return author


def test_draft_goes_through_review_before_it_is_published(
    client, make_user, koordination, partner, wissen
):
    author = make_author(make_user, wissen)
    assert not wissen.permissions_for_user(author).can_publish_subpage()

    draft = GuidancePage(title="Neue Arbeitshilfe", slug="neue-arbeitshilfe", live=False)
    wissen.add_child(instance=draft)
    draft.save_revision(user=author)
    workflow = draft.get_workflow()
    assert workflow is not None and workflow.name == "Freigabe durch die KIM-Koordination"
    workflow.start(draft, author)

    client.force_login(partner)
    assert "Neue Arbeitshilfe" not in client.get(wissen.url).content.decode()

    draft.refresh_from_db()
    task_state = draft.current_workflow_task_state
    task = task_state.task.specific
    assert "approve" in [name for name, _label, _modal in task.get_actions(draft, koordination)]
    assert task.get_actions(draft, partner) == []
    task.on_action(task_state, koordination, "approve")

    draft.refresh_from_db()
    assert draft.live
    assert "Neue Arbeitshilfe" in client.get(wissen.url).content.decode()
    assert draft.live_revision.user == author  # the reviewed revision went live
