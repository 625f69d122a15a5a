"""The KIM-Koordination manages the spaces in the Wagtail admin; nobody else does."""

import pytest

SNIPPETS = ["gremium", "mitgliedschaft", "sitzung", "protokoll", "beschluss"]


@pytest.mark.parametrize("model", SNIPPETS)
def test_koordination_lists_and_adds(client, koordination, space, model):
    client.force_login(koordination)
    assert client.get(f"/admin/snippets/spaces/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/spaces/{model}/add/").status_code == 200


def test_koordination_edits_a_gremium_with_its_seats(client, koordination, space):
    client.force_login(koordination)
    gremium = space["gremium"]
    assert client.get(f"/admin/snippets/spaces/gremium/edit/{gremium.pk}/").status_code == 200


def test_history_cannot_be_deleted(koordination):
    assert koordination.has_perm("spaces.change_mitgliedschaft")
    assert not koordination.has_perm("spaces.delete_mitgliedschaft")
    assert koordination.has_perm("spaces.add_beschluss")
    assert not koordination.has_perm("spaces.delete_beschluss")


def test_other_roles_have_no_admin(client, partner, case_manager, integrationsbeauftragte, space):
    for user in (partner, case_manager, integrationsbeauftragte):
        assert not user.has_perm("spaces.change_gremium")
        client.force_login(user)
        response = client.get("/admin/snippets/spaces/gremium/")
        assert response.status_code in (302, 403)
