"""Feedback and overdue work reach the coordination (issue 18, point 5): "Unklar" asks what was
unclear, the confirmation appears at the question, new feedback and overdue evaluations show on
the coordination's home page and Wagtail dashboard, the admin list filters "überfällig"."""

import datetime
import re

from django.utils import timezone

from knowledge.models import FaqFeedback, FaqQuestion, Kommune, Kooperationsvereinbarung


def status_region(html: str, question: FaqQuestion) -> str:
    """The question's live region (role="status") where the confirmation appears."""
    match = re.search(
        rf'<div class="feedback-status" role="status" id="rueckmeldung-{question.pk}">(.*?)</div>',
        html,
        re.S,
    )
    assert match, "no status region for the question"
    return match.group(1)


def test_unclear_asks_what_was_unclear_and_confirms_at_the_question(client, partner, faq):
    client.force_login(partner)
    q = FaqQuestion.objects.get(slug="was-ist-kim")
    response = client.post(f"{faq.url}rueckmeldung/{q.pk}/", {"hilfreich": "nein"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#frage-was-ist-kim")
    region = status_region(response.content.decode(), q)
    assert "Was war unklar?" in region
    comment_url = f"{faq.url}rueckmeldung/{q.pk}/kommentar/"
    assert f'action="{comment_url}"' in region
    html = response.content.decode()
    assert html.count("Danke für Ihre Rückmeldung") == 1  # only there, not at the top

    response = client.post(
        comment_url, {"kommentar": "  Was heißt  Case Management? "}, follow=True
    )
    region = status_region(response.content.decode(), q)
    assert "Danke! Die KIM-Koordination sieht sich die Antwort an." in region
    feedback = FaqFeedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (False, "Was heißt Case Management?")
    # The comment belongs to the reader's own "Nein" only once.
    response = client.post(comment_url, {"kommentar": "Noch etwas"}, follow=True)
    assert "zuerst mit „Nein“" in status_region(response.content.decode(), q)
    assert FaqFeedback.objects.get().comment == "Was heißt Case Management?"


def test_feedback_answers_json_for_the_script(client, partner, faq):
    client.force_login(partner)
    q = FaqQuestion.objects.get(slug="wer-koordiniert")
    url = f"{faq.url}rueckmeldung/{q.pk}/"
    answer = client.post(url, {"hilfreich": "nein"}, HTTP_ACCEPT="application/json").json()
    assert answer["comment_url"] == f"{url}kommentar/"
    assert "Was war unklar?" in answer["message"]
    answer = client.post(
        answer["comment_url"], {"kommentar": "Zuständigkeit"}, HTTP_ACCEPT="application/json"
    ).json()
    assert answer == {
        "message": "Danke! Die KIM-Koordination sieht sich die Antwort an.",
        "comment_url": "",
        "error": False,
    }
    answer = client.post(url, {"hilfreich": "ja"}, HTTP_ACCEPT="application/json").json()
    assert "bereits bewertet" in answer["message"]
    response = client.post(
        f"{faq.url}rueckmeldung/{q.pk}/", {"hilfreich": "x"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400


def overdue_agreement() -> Kooperationsvereinbarung:
    today = timezone.localdate()
    balve = Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    hemer = Kommune.objects.create(name="Hemer", slug="hemer", ags="05962020")
    overdue = Kooperationsvereinbarung.objects.create(
        kommune=balve,
        parties="Kreis und Balve",
        status="unterzeichnet",
        signed_on=today - datetime.timedelta(days=400),
        next_evaluation_on=today - datetime.timedelta(days=3),
    )
    Kooperationsvereinbarung.objects.create(
        kommune=hemer,
        parties="Kreis und Hemer",
        status="unterzeichnet",
        signed_on=today - datetime.timedelta(days=100),
        next_evaluation_on=today + datetime.timedelta(days=30),
    )
    return overdue


def test_coordination_home_page_shows_new_feedback_and_overdue_evaluations(
    client, koordination, partner, faq
):
    q = FaqQuestion.objects.get(slug="was-ist-kim")
    FaqFeedback.objects.create(question=q, helpful=False, comment="Abkürzungen erklären")
    FaqFeedback.objects.create(question=q, helpful=True)
    overdue = overdue_agreement()
    client.force_login(koordination)
    html = client.get("/").content.decode()
    assert "Für die KIM-Koordination zu tun" in html
    assert "2 neue Rückmeldungen zu FAQ-Antworten (letzte 14 Tage)" in html
    assert "Was ist KIM?: „Abkürzungen erklären“" in html
    assert f'href="{faq.url}auswertung/"' in html
    assert "1 Kooperationsvereinbarung mit überfälliger Evaluation" in html
    assert str(overdue) in html and "Kooperationsvereinbarung Hemer" not in html

    dashboard = client.get("/admin/").content.decode()
    assert "2 neue Rückmeldungen zu FAQ-Antworten" in dashboard
    assert "1 Kooperationsvereinbarung mit überfälliger Evaluation" in dashboard

    client.force_login(partner)
    assert "Für die KIM-Koordination zu tun" not in client.get("/").content.decode()


def test_admin_list_of_agreements_filters_overdue(client, koordination):
    overdue_agreement()
    client.force_login(koordination)
    url = "/admin/snippets/knowledge/kooperationsvereinbarung/"
    everything = client.get(url).content.decode()
    assert "Kooperationsvereinbarung Hemer" in everything
    html = client.get(url, {"evaluation": "ueberfaellig"}).content.decode()
    assert "Kooperationsvereinbarung Balve" in html
    assert "Kooperationsvereinbarung Hemer" not in html
    assert '<option value="ueberfaellig" selected>überfällig</option>' in html


def test_report_lists_what_was_unclear(client, koordination, faq):
    q = FaqQuestion.objects.get(slug="wer-koordiniert")
    FaqFeedback.objects.create(question=q, helpful=False, comment="Welche Stelle genau?")
    client.force_login(koordination)
    html = client.get(f"{faq.url}auswertung/").content.decode()
    assert "Welche Stelle genau?" in html
