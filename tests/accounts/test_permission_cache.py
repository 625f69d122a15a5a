"""A user's permissions are cached across requests (accounts/backends.py): per exact user, and
every change of a permission, a group or a membership is seen by the next request."""

import pytest
from django.contrib.auth.models import Group, Permission, User

PERM = "spaces.view_gremium"


def permission() -> Permission:
    return Permission.objects.get(codename="view_gremium", content_type__app_label="spaces")


def fresh(user: User) -> User:
    """The user as the next request loads it (nothing cached on the object)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def group(db) -> Group:
    return Group.objects.create(name="Testgruppe")


@pytest.fixture
def people(group) -> tuple[User, User]:
    direct = User.objects.create_user("direkt")
    plain = User.objects.create_user("ohne")
    group.user_set.add(direct, plain)
    direct.user_permissions.add(permission())
    return direct, plain


@pytest.mark.parametrize("first", ["direct", "plain"])
def test_users_in_the_same_groups_do_not_share_direct_permissions(people, first):
    direct, plain = people
    order = [direct, plain] if first == "direct" else [plain, direct]
    for _ in range(2):  # the second round answers from the cache
        answers = {user.username: fresh(user).has_perm(PERM) for user in order}
        assert answers == {"direkt": True, "ohne": False}


def test_a_repeated_request_reads_no_permissions(people, django_assert_num_queries):
    direct, _ = people
    assert fresh(direct).has_perm(PERM)
    user = fresh(direct)
    with django_assert_num_queries(0):
        assert user.has_perm(PERM)
        assert not user.has_perm("spaces.delete_gremium")


def test_group_permission_changes_count_at_once(people, group):
    _, plain = people
    assert not fresh(plain).has_perm(PERM)
    group.permissions.add(permission())
    assert fresh(plain).has_perm(PERM)
    group.permissions.remove(permission())
    assert not fresh(plain).has_perm(PERM)


def test_leaving_and_joining_a_group_counts_at_once(people, group):
    _, plain = people
    group.permissions.add(permission())
    assert fresh(plain).has_perm(PERM)
    plain.groups.remove(group)
    assert not fresh(plain).has_perm(PERM)
    plain.groups.add(group)
    assert fresh(plain).has_perm(PERM)
    group.delete()
    assert not fresh(plain).has_perm(PERM)


def test_direct_permission_changes_count_at_once(people):
    direct, _ = people
    assert fresh(direct).has_perm(PERM)
    direct.user_permissions.remove(permission())
    assert not fresh(direct).has_perm(PERM)


def test_deactivated_user_has_no_permission_even_when_cached(people):
    direct, _ = people
    assert fresh(direct).has_perm(PERM)
    direct.is_active = False
    direct.save()
    assert not fresh(direct).has_perm(PERM)


def test_a_new_user_with_a_reused_id_does_not_inherit_permissions(people):
    direct, _ = people
    pk = direct.pk
    assert fresh(direct).has_perm(PERM)
    direct.delete()
    newcomer = User.objects.create_user("neu", id=pk)
    assert not fresh(newcomer).has_perm(PERM)
