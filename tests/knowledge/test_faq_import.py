"""CSV/XLSX import of FAQ questions: page revisions, stable identity, dry run, all-or-nothing."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import GroupPagePermission

from knowledge.models import FaqPage, FaqQuestion

URL = "/admin/wissen/faq-import/"
EXPORT_URL = "/admin/wissen/faq-export/"
HEADER = "FAQ-Seite;Thema;Frage;Antwort;zuletzt geprüft am;Quelle;Sprungmarke"


def csv_file(*lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("fragen.csv", "\n".join(lines).encode("utf-8"))


@pytest.fixture
def admin_client(client, koordination):
    client.force_login(koordination)
    return client


def live_questions(page: FaqPage) -> list[str]:
    return list(
        FaqQuestion.objects.filter(page=page)
        .order_by("sort_order")
        .values_list("question", flat=True)
    )


def test_preview_changes_nothing_then_import_publishes_a_new_revision(admin_client, faq):
    revisions_before = faq.revisions.count()
    upload = csv_file(
        HEADER,
        "Häufige Fragen;Grundlagen;Was ist KIM?;Das Kommunale Integrationsmanagement.;"
        "01.10.2026;FAQ des Landes, Stand 01.09.2026;was-ist-kim",
        "Häufige Fragen;Meldebogen;Wer sieht meinen Meldebogen?;Nur die KIM-Koordination.;"
        "02.10.2026;;",
    )
    html = admin_client.post(URL, {"file": upload}).content.decode()
    assert "1 neu, 1 geändert, 0 unverändert" in html
    assert "Jetzt importieren" in html
    assert faq.revisions.count() == revisions_before
    assert "Wer sieht meinen Meldebogen?" not in live_questions(faq)

    response = admin_client.post(URL, {"confirm": "1"}, follow=True)
    text = response.content.decode()
    assert "Import abgeschlossen: 1 neu, 1 geändert, 0 unverändert." in text
    assert "Veröffentlicht: Häufige Fragen." in text
    faq.refresh_from_db()
    assert faq.revisions.count() == revisions_before + 1
    assert faq.live_revision == faq.latest_revision
    kim = FaqQuestion.objects.get(page=faq, slug="was-ist-kim")
    assert kim.answer == "<p>Das Kommunale Integrationsmanagement.</p>"
    assert kim.source == "FAQ des Landes, Stand 01.09.2026"
    new = FaqQuestion.objects.get(page=faq, question="Wer sieht meinen Meldebogen?")
    assert new.slug == "wer-sieht-meinen-meldebogen"
    assert live_questions(faq)[-1] == "Wer sieht meinen Meldebogen?"
    # Readers see the imported question on the live page.
    page_html = admin_client.get(faq.url).content.decode()
    assert 'id="frage-wer-sieht-meinen-meldebogen"' in page_html


def test_reimporting_the_export_updates_instead_of_duplicating(admin_client, faq):
    questions = list(faq.questions.all())
    questions[0].answer = '<p>Mit <a href="https://example.org">Link</a></p>'
    faq.questions = questions
    faq.save_revision().publish()
    exported = admin_client.get(EXPORT_URL, {"format": "xlsx"}).content
    upload = SimpleUploadedFile("fragen.xlsx", exported)
    html = admin_client.post(URL, {"file": upload}).content.decode()
    assert "0 neu, 0 geändert, 3 unverändert" in html
    admin_client.post(URL, {"confirm": "1"})
    assert FaqQuestion.objects.filter(page=faq).count() == 3
    # The formatted answer survived the round trip through plain text.
    assert "href" in FaqQuestion.objects.get(page=faq, slug="was-ist-kim").answer

    workbook = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("Frage") + 1, value="Was ist KIM genau?")
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("fragen.xlsx", buffer.getvalue())
    assert (
        "0 neu, 1 geändert, 2 unverändert"
        in admin_client.post(URL, {"file": upload}).content.decode()
    )
    admin_client.post(URL, {"confirm": "1"})
    assert FaqQuestion.objects.filter(page=faq).count() == 3
    changed = FaqQuestion.objects.get(page=faq, question="Was ist KIM genau?")
    assert changed.slug == "was-ist-kim"  # the anchor stays, so links keep working


def test_row_errors_are_german_and_a_failed_import_changes_nothing(admin_client, faq):
    revisions_before = faq.revisions.count()
    upload = csv_file(
        HEADER,
        "Häufige Fragen;Grundlagen;Neue Frage;Antwort.;01.10.2026;;",
        "Unbekannte Seite;Grundlagen;Frage;Antwort.;01.10.2026;;",
        "Häufige Fragen;Grundlagen;Ohne Datum;Antwort.;irgendwann;;",
        "Häufige Fragen;;;Antwort.;01.10.2026;;",
    )
    html = admin_client.post(URL, {"file": upload}).content.decode()
    assert "Zeile 3: FAQ-Seite: Keine FAQ-Seite „Unbekannte Seite“, die Sie bearbeiten" in html
    assert "Zeile 4: zuletzt geprüft am: „irgendwann“ ist kein Datum" in html
    assert "Zeile 5: Thema: Dieses Feld darf nicht leer sein." in html
    assert "Zeile 5: Frage: Dieses Feld darf nicht leer sein." in html
    assert "Jetzt importieren" not in html
    admin_client.post(URL, {"confirm": "1"})
    faq.refresh_from_db()
    assert faq.revisions.count() == revisions_before
    assert "Neue Frage" not in live_questions(faq)


def test_missing_columns_and_duplicate_anchors_are_reported(admin_client, faq):
    html = admin_client.post(URL, {"file": csv_file("Thema;Antwort", "A;B")}).content.decode()
    assert "Der Datei fehlen die Spalten: FAQ-Seite, Frage." in html
    upload = csv_file(
        HEADER,
        "Häufige Fragen;Grundlagen;Was ist KIM?;Eins.;01.10.2026;;was-ist-kim",
        "Häufige Fragen;Grundlagen;Was ist KIM noch?;Zwei.;01.10.2026;;was-ist-kim",
    )
    html = admin_client.post(URL, {"file": upload}).content.decode()
    assert "Zeile 3: Sprungmarke: Diese Frage steht schon in Zeile 2." in html


def test_page_with_pending_draft_gets_a_draft_revision(admin_client, faq):
    faq.title = "Häufige Fragen"
    faq.intro = "<p>Neue Einleitung im Entwurf</p>"
    faq.save_revision()  # an unpublished draft
    upload = csv_file(HEADER, "Häufige Fragen;Grundlagen;Neu im Entwurf?;Ja.;01.10.2026;;")
    admin_client.post(URL, {"file": upload})
    text = admin_client.post(URL, {"confirm": "1"}, follow=True).content.decode()
    assert "Als Entwurf gespeichert (bitte prüfen und veröffentlichen): Häufige Fragen." in text
    faq.refresh_from_db()
    assert "Neu im Entwurf?" not in live_questions(faq)
    draft = faq.get_latest_revision_as_object()
    assert "Neu im Entwurf?" in [q.question for q in draft.questions.all()]
    assert draft.intro == "<p>Neue Einleitung im Entwurf</p>"  # the pending draft is kept


def test_author_without_publish_permission_gets_a_draft(client, make_user, wissen, faq):
    group = Group.objects.create(name="FAQ-Redaktion (Test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=wissen, permission=Permission.objects.get(codename="change_page")
    )
    author = make_user("faq-autorin")
    author.groups.add(group)
    client.force_login(author)
    upload = csv_file(HEADER, "Häufige Fragen;Grundlagen;Von der Autorin?;Ja.;01.10.2026;;")
    assert "1 neu" in client.post(URL, {"file": upload}).content.decode()
    client.post(URL, {"confirm": "1"})
    faq.refresh_from_db()
    assert faq.has_unpublished_changes
    assert "Von der Autorin?" not in live_questions(faq)
    assert faq.latest_revision.user == author


def test_pages_the_user_may_not_edit_are_refused(client, integrationsbeauftragte, partner, faq):
    client.force_login(partner)
    assert client.get(URL).status_code in (302, 403)
    # Admin access alone does not allow changing a page.
    integrationsbeauftragte.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(integrationsbeauftragte)
    upload = csv_file(HEADER, "Häufige Fragen;Grundlagen;Darf ich?;Nein.;01.10.2026;;")
    html = client.post(URL, {"file": upload}).content.decode()
    assert "Keine FAQ-Seite „Häufige Fragen“, die Sie bearbeiten dürfen." in html
