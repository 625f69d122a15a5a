"""The KIM-Koordination holds the Meldebogen permissions; reporting roles hold only the one to
file Meldebögen (forms.permissions.REPORT), none of the triage's."""

import pytest

from accounts.roles import KOORDINATION, ROLES_BY_NAME, role_permissions
from forms.permissions import REPORT

MELDEBOGEN_PERMISSIONS = [
    p for p in role_permissions(ROLES_BY_NAME[KOORDINATION]) if p.startswith("meldeboegen.")
]


def test_roles_list_the_meldebogen_permissions():
    assert "meldeboegen.view_meldebogen" in MELDEBOGEN_PERMISSIONS
    assert "meldeboegen.add_thema" in MELDEBOGEN_PERMISSIONS


@pytest.mark.parametrize("permission", MELDEBOGEN_PERMISSIONS)
def test_koordination_holds_them(koordination, permission):
    assert koordination.has_perm(permission)


def test_reporters_hold_none_of_the_triage(case_manager, partner):
    triage = [p for p in MELDEBOGEN_PERMISSIONS if p != REPORT.permission]
    for user in (case_manager, partner):
        assert REPORT.allows(user)
        assert not any(user.has_perm(p) for p in triage)
