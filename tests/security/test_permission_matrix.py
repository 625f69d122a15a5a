"""Every role against every kind of restricted object through every channel (matrix.py).

One test per role and channel; it checks the cells of all objects and lists every wrong one,
so one run shows the whole picture of a leak."""

import pytest

from tests.security.matrix import CHANNELS, OBJECTS, ROLES, Probe, expected
from tests.security.world import DEACTIVATED, PASSWORD, ROLE_ROWS


@pytest.mark.parametrize("channel", CHANNELS, ids=[c.key for c in CHANNELS])
@pytest.mark.parametrize("role", ROLES)
def test_cells(world, db, cells, role, channel):
    probe = Probe(world, role)
    wrong = []
    for item in OBJECTS:
        should = expected(channel, item, role)
        does = channel.appears(probe, item)
        cells["checked"] += 1
        cells["visible"] += should
        if does != should:
            wrong.append(
                f"{item.key}: {'erscheint' if does else 'fehlt'} "
                f"(erwartet: {'sichtbar' if should else 'unsichtbar'})"
            )
    assert not wrong, f"{ROLE_ROWS[role][1]} über {channel.key}:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("url", ["/konto/anmelden/", "/admin/login/"])
@pytest.mark.parametrize("role", sorted(DEACTIVATED))
def test_a_deactivated_account_cannot_log_in(world, db, client, role, url):
    """The matrix row of a deactivated account checks its existing session; a new login with the
    right password must fail as well, without a session."""
    user = world.users[role]
    response = client.post(url, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session
    assert client.get("/", follow=True).wsgi_request.user.is_anonymous
