"""FAQ: stable anchors, "helpful yes/no" feedback and the coordination's listing."""

from knowledge.models import FaqFeedback, FaqQuestion
from tests.knowledge.conftest import question


def feedback_url(faq, q: FaqQuestion) -> str:
    return f"{faq.url}rueckmeldung/{q.pk}/"


def test_question_slugs_are_unique_and_stay_when_the_question_changes(faq):
    faq.questions.add(question("Was ist KIM?"))  # same text again
    faq.save_revision().publish()
    slugs = list(FaqQuestion.objects.filter(page=faq).values_list("slug", flat=True))
    assert "was-ist-kim" in slugs and "was-ist-kim-2" in slugs
    first = FaqQuestion.objects.get(slug="was-ist-kim")
    faq.refresh_from_db()
    edited = next(q for q in faq.questions.all() if q.pk == first.pk)
    edited.question = "Was genau ist das Kommunale Integrationsmanagement?"
    faq.save_revision().publish()
    assert FaqQuestion.objects.get(pk=first.pk).slug == "was-ist-kim"


def test_german_umlauts_are_transliterated_in_anchors(faq):
    faq.questions.add(question("Wer prüft die Förderung?"))
    faq.save_revision().publish()
    assert FaqQuestion.objects.filter(slug="wer-prueft-die-foerderung").exists()


def test_reader_marks_an_answer_helpful_once(client, partner, faq):
    client.force_login(partner)
    q = FaqQuestion.objects.get(slug="was-ist-kim")
    response = client.post(feedback_url(faq, q), {"hilfreich": "nein"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("#frage-was-ist-kim")
    assert "Danke für Ihre Rückmeldung" in response.content.decode()
    assert list(FaqFeedback.objects.values_list("question_id", "helpful")) == [(q.pk, False)]

    response = client.post(feedback_url(faq, q), {"hilfreich": "ja"}, follow=True)
    assert "bereits bewertet" in response.content.decode()
    assert FaqFeedback.objects.count() == 1


def test_feedback_rejects_bad_input_with_a_german_message(client, partner, faq):
    client.force_login(partner)
    q = FaqQuestion.objects.get(slug="was-ist-kim")
    response = client.post(feedback_url(faq, q), {"hilfreich": "vielleicht"}, follow=True)
    assert "Bitte wählen Sie „Ja“ oder „Nein“" in response.content.decode()
    assert client.get(feedback_url(faq, q)).status_code == 405
    assert client.post(f"{faq.url}rueckmeldung/999999/", {"hilfreich": "ja"}).status_code == 404
    assert not FaqFeedback.objects.exists()


def test_coordination_sees_the_least_helpful_answers_first(client, koordination, partner, faq):
    unclear = FaqQuestion.objects.get(slug="wer-koordiniert")
    clear = FaqQuestion.objects.get(slug="was-ist-kim")
    FaqFeedback.objects.bulk_create(
        [FaqFeedback(question=unclear, helpful=False) for _ in range(3)]
        + [FaqFeedback(question=clear, helpful=True) for _ in range(2)]
    )
    client.force_login(koordination)
    assert "Auswertung der Rückmeldungen" in client.get(faq.url).content.decode()
    response = client.get(f"{faq.url}auswertung/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Wer koordiniert?") < html.index("Was ist KIM?")
    assert '<caption id="bewertungen-caption">Bewertungen je Frage</caption>' in html

    client.force_login(partner)
    assert client.get(f"{faq.url}auswertung/").status_code == 403
    assert "Auswertung der Rückmeldungen" not in client.get(faq.url).content.decode()
