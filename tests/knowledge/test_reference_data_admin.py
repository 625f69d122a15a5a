import pytest
from django.core.exceptions import ValidationError

from knowledge.models import Kommune


def test_koordination_edits_kommunen_in_the_admin(client, koordination, demo):
    client.force_login(koordination)
    listing = client.get("/admin/snippets/knowledge/kommune/")
    assert listing.status_code == 200
    assert "Nachrodt-Wiblingwerde" in listing.content.decode()
    iserlohn = Kommune.objects.get(name="Iserlohn")
    response = client.get(f"/admin/snippets/knowledge/kommune/edit/{iserlohn.pk}/")
    assert response.status_code == 200


def test_koordination_exports_organisations_as_csv(client, koordination, demo):
    client.force_login(koordination)
    response = client.get("/admin/snippets/knowledge/organisation/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    assert "Volkshochschule Lennetal" in body


def test_case_managers_cannot_edit_reference_data(client, case_manager, demo):
    client.force_login(case_manager)
    response = client.get("/admin/snippets/knowledge/kommune/")
    assert response.status_code in (302, 403)


def test_ags_must_have_eight_digits(db):
    kommune = Kommune(name="Test", slug="test", ags="5962")
    with pytest.raises(ValidationError) as excinfo:
        kommune.full_clean()
    assert "acht Ziffern" in str(excinfo.value)
