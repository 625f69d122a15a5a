"""The triage is a capability (forms.permissions.TRIAGE), not a group: whoever holds its
permission, through the KIM-Koordination, another group or directly, finds the same reports in
the triage list, the search (results, counts, facets) and the admin export; revoking the
permission removes them everywhere at once, without reindexing.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.search.conftest import run_search, titles
from tests.search.test_meldeboegen import facet_values, report, werdohl  # noqa: F401

TRIAGE_PERMISSIONS = ("meldeboegen.view_meldebogen", "wagtailadmin.access_admin")
EXPORT = "/admin/meldeboegen/?export=csv"


def _permissions(*dotted: str) -> list[Permission]:
    return [
        Permission.objects.get(content_type__app_label=d.split(".")[0], codename=d.split(".")[1])
        for d in dotted
    ]


@pytest.fixture
def direct(make_user):
    """Holds the triage permissions itself, in no group."""
    user = make_user("direkt")
    user.user_permissions.set(_permissions(*TRIAGE_PERMISSIONS))
    return user


@pytest.fixture
def via_other_group(make_user):
    """In a group other than the KIM-Koordination that bundles the triage permissions."""
    group = Group.objects.create(name="Sichtung Vertretung")
    group.permissions.set(_permissions(*TRIAGE_PERMISSIONS))
    user = make_user("vertretung")
    user.groups.add(group)
    return user


@pytest.fixture
def reports(case_manager, werdohl):  # noqa: F811
    return [
        report(case_manager, werdohl),
        report(case_manager, werdohl, number=2, situation="Kein Kursplatz mit Kinderbetreuung."),
    ]


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _seen(client, user) -> dict:
    client.force_login(user)
    worklist = client.get(reverse("forms:worklist"))
    export = client.get(EXPORT)
    exported = _body(export) if export.status_code == 200 else ""
    found = run_search(user, "Kinderbetreuung")
    return {
        "worklist": worklist.status_code == 200
        and all(ref in worklist.content.decode() for ref in ("MB-2026-0001", "MB-2026-0002")),
        "export": all(ref in exported for ref in ("MB-2026-0001", "MB-2026-0002")),
        "search": sorted(titles(found)),
        "total": found.total,
        "kind": facet_values(found, "kind"),
        "kommune": facet_values(found, "kommune"),
    }


def test_everyone_holding_the_permission_sees_the_same_reports(
    client, koordination, direct, via_other_group, reports
):
    expected = {
        "worklist": True,
        "export": True,
        "search": ["Meldebogen MB-2026-0001: Sprache", "Meldebogen MB-2026-0002: Sprache"],
        "total": 2,
        "kind": {"meldebogen": 2},
        "kommune": {"werdohl": 2},
    }
    for user in (koordination, direct, via_other_group):
        assert _seen(client, user) == expected, user.username


def test_revoking_the_permission_removes_the_reports_everywhere_at_once(
    client, direct, via_other_group, reports
):
    from search.models import SearchDocument

    indexed = list(SearchDocument.objects.order_by("pk").values())
    direct.user_permissions.remove(*_permissions("meldeboegen.view_meldebogen"))
    Group.objects.get(name="Sichtung Vertretung").permissions.remove(
        *_permissions("meldeboegen.view_meldebogen")
    )
    assert list(SearchDocument.objects.order_by("pk").values()) == indexed  # no reindex
    for user in (direct, via_other_group):
        fresh = type(user).objects.get(pk=user.pk)
        seen = _seen(client, fresh)
        assert seen == {
            "worklist": False,
            "export": False,
            "search": [],
            "total": 0,
            "kind": {},
            "kommune": {},
        }, user.username
