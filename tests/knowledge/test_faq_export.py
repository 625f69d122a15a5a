"""FAQ questions export from the admin, with local (Europe/Berlin) times and page privacy."""

import io

import openpyxl
from django.utils import timezone

from accounts import roles
from knowledge.models import FaqPage
from tests.knowledge.conftest import publish, question, restrict_to

URL = "/admin/wissen/faq-export/"


def test_csv_export_of_the_questions_with_local_times(client, koordination, faq):
    client.force_login(koordination)
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("FAQ-Seite;Thema;Frage;Antwort;zuletzt geprüft am")
    assert "Häufige Fragen;Grundlagen;Was ist KIM?;Antwort auf Was ist KIM?" in text
    published = timezone.localtime(FaqPage.objects.get().last_published_at)
    assert published.strftime("%d.%m.%Y %H:%M") in text


def test_xlsx_export_includes_restricted_pages_the_user_may_see(client, koordination, wissen, faq):
    internal = FaqPage(title="Interne Fragen", slug="intern")
    internal.questions = [question("Nur intern?")]
    restrict_to(publish(wissen, internal), roles.KOORDINATION)
    client.force_login(koordination)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx"}).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 5 and any("Nur intern?" in row for row in rows)


def test_export_needs_admin_access(client, partner, faq):
    client.force_login(partner)
    assert client.get(URL).status_code in (302, 403)
