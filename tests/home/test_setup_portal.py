"""A real installation: from a migrated, empty database to imported guidance, without demo data."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from home.models import HomePage, LegalPage
from knowledge.models import GuidancePage, KnowledgeIndexPage, Kommune
from spaces.models import Gremium

PASSWORD = "Koordination-im-Kreis-2026"  # noqa: S105


def run(command: str, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_setup_portal_builds_the_skeleton_without_demo_content(db):
    output = run("setup_portal", "--kreis", "Kreis Unna")
    home = HomePage.objects.get()
    assert "Kreis Unna" in home.intro
    index = KnowledgeIndexPage.objects.child_of(home).get()
    assert index.live and index.show_in_menus
    lenkungsgruppe = Gremium.objects.get(kind=Gremium.Kind.LENKUNGSGRUPPE)
    assert not lenkungsgruppe.sitze.exists()
    assert Site.objects.get(is_default_site=True).site_name == "KIM-Portal Kreis Unna"
    for page in LegalPage.objects.all():
        assert "[Name des Kreises]" not in page.body
        assert "Kreis Unna" in page.body
        assert "[bitte ergänzen:" in page.body  # for the editors
        assert "Märkisch" not in page.body
    assert set(Group.objects.values_list("name", flat=True)) >= {"KIM-Koordination"}
    # No demo content.
    assert not Kommune.objects.exists()
    assert not GuidancePage.objects.exists()
    # It says what is still to do, with the commands.
    assert "create_coordinator" in output
    assert "import_knowledge" in output
    assert "Impressum" in output


def test_setup_portal_is_idempotent_and_keeps_edits(db):
    run("setup_portal", "--kreis", "Kreis Unna")
    impressum = LegalPage.objects.get(kind="impressum")
    impressum.body = "<p>Vom Kreis bearbeitet.</p>"
    impressum.save_revision().publish()
    pages = Page.objects.count()
    output = run("setup_portal", "--kreis", "Kreis Unna")
    assert Page.objects.count() == pages
    assert Gremium.objects.count() == 1
    assert LegalPage.objects.get(kind="impressum").body == "<p>Vom Kreis bearbeitet.</p>"
    assert "angelegt " not in output


def test_setup_portal_restores_a_deleted_legal_page(db):
    run("setup_portal", "--kreis", "Kreis Unna")
    LegalPage.objects.get(kind="datenschutz").delete()
    run("setup_portal", "--kreis", "Kreis Unna")
    assert "Kreis Unna" in LegalPage.objects.get(kind="datenschutz").body


def test_import_knowledge_before_setup_names_the_command(db, tmp_path):
    (tmp_path / "hilfe.md").write_text("# Hilfe\n\nText.\n")
    with pytest.raises(CommandError, match="setup_portal"):
        call_command("import_knowledge", str(tmp_path), stdout=io.StringIO())


def test_fresh_installation_coordinator_reaches_imported_guidance(
    db, client, tmp_path, monkeypatch
):
    """The documented path: setup_portal, create_coordinator, import_knowledge, log in."""
    run("setup_portal", "--kreis", "Kreis Unna")
    monkeypatch.setenv("KIM_COORDINATOR_PASSWORD", PASSWORD)
    run("create_coordinator", "k.koordination", "--email", "kim@kreis-unna.example", "--noinput")
    (tmp_path / "wohnen.md").write_text(
        "# Arbeitshilfe Wohnungssuche\n\nSo unterstützt das Sozialamt bei der Wohnungssuche.\n"
    )
    # existing guidance is taken over as it is; later imports go through the review
    output = run("import_knowledge", str(tmp_path), "--publish")
    assert re.search(r"neu\s+1\b", output) and "(veröffentlicht)" in output

    # Log in through the real login form.
    response = client.post(
        "/konto/anmelden/", {"username": "k.koordination", "password": PASSWORD}, follow=True
    )
    home = response.content.decode()
    assert response.status_code == 200
    assert "Kreis Unna" in home
    link = re.search(r'href="(/wissensbasis/)"', home)
    assert link, "the Wissensbereich is in the navigation"
    index = client.get(link.group(1)).content.decode()
    page = re.search(r'href="(/wissensbasis/[^"]+/)"[^>]*>\s*Arbeitshilfe Wohnungssuche', index)
    assert page, "the imported page is listed in the Wissensbereich"
    html = client.get(page.group(1)).content.decode()
    assert "So unterstützt das Sozialamt bei der Wohnungssuche." in html
