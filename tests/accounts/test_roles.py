from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page

from accounts import roles


def test_exactly_the_roles_exist_as_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) == {
        "KIM-Koordination",
        "Case Management",
        "Integrationsbeauftragte",
        "Externe Partner",
        "Redaktion",
    }


def test_koordination_edits_and_publishes_content(koordination):
    assert koordination.has_perm("wagtailadmin.access_admin")
    assert koordination.has_perm("knowledge.change_kommune")
    assert koordination.has_perm("knowledge.add_organisation")
    home = Page.objects.get(depth=2)
    permissions = home.permissions_for_user(koordination)
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert permissions.can_add_subpage()


def test_other_roles_have_no_admin_and_cannot_edit_pages(
    case_manager, integrationsbeauftragte, partner
):
    home = Page.objects.get(depth=2)
    for user in (case_manager, integrationsbeauftragte, partner):
        assert not user.has_perm("wagtailadmin.access_admin"), user
        assert not user.has_perm("knowledge.change_kommune"), user
        assert not home.permissions_for_user(user).can_edit(), user


def test_koordination_reviews_in_the_moderation_workflow(db):
    task = GroupApprovalTask.objects.get()
    assert list(task.groups.values_list("name", flat=True)) == [roles.KOORDINATION]


def test_roles_of_lists_the_users_roles_in_order(make_user):
    user = make_user("both", roles.EXTERNE_PARTNER)
    user.groups.add(Group.objects.get(name=roles.CASE_MANAGEMENT))
    assert [role.name for role in roles.roles_of(user)] == [
        roles.CASE_MANAGEMENT,
        roles.EXTERNE_PARTNER,
    ]


def test_each_role_holds_exactly_the_permissions_listed_in_roles_py(db):
    for role in roles.ROLES:
        group = Group.objects.get(name=role.name)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        expected = set(roles.role_permissions(role)) | (
            {"wagtailadmin.access_admin"} if role.admin_access else set()
        )
        assert held == expected, role.name
