"""The KIM-Koordination edits every knowledge type in the Wagtail admin."""

import pytest
from django.utils import timezone

from knowledge.models import FaqPage, Kommune, Kooperationsvereinbarung

PAGE_TYPES = ["guidancepage", "handlungskonzeptpage", "faqpage", "knowledgeindexpage"]


@pytest.mark.parametrize("model", PAGE_TYPES)
def test_add_forms_open_for_every_page_type(client, koordination, wissen, model):
    client.force_login(koordination)
    response = client.get(f"/admin/pages/add/knowledge/{model}/{wissen.pk}/")
    assert response.status_code == 200


def test_edit_forms_open(client, koordination, konzept, faq, guidance):
    client.force_login(koordination)
    for page in (konzept, faq, guidance, konzept.get_parent()):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page


def test_koordination_creates_an_agreement_with_a_german_error_first(client, koordination):
    balve = Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    client.force_login(koordination)
    url = "/admin/snippets/knowledge/kooperationsvereinbarung/add/"
    data = {
        "kommune": balve.pk,
        "organisation": "",
        "parties": "Märkischer Kreis\nStadt Balve",
        "status": "unterzeichnet",
        "signed_on": "",
        "valid_from": "",
        "valid_until": "",
        "next_evaluation_on": "",
        "document": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "unterzeichnet wurde" in response.content.decode()
    data["signed_on"] = timezone.localdate().isoformat()
    response = client.post(url, data)
    assert response.status_code == 302
    agreement = Kooperationsvereinbarung.objects.get()
    assert agreement.revisions.count() == 1


def test_faq_questions_get_anchors_when_saved_through_the_admin(client, koordination, wissen):
    client.force_login(koordination)
    data = {
        "title": "FAQ",
        "slug": "faq-admin",
        "responsible_unit": "KIM-Koordination",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-topic": "Grundlagen",
        "questions-0-question": "Wer hilft in Balve?",
        "questions-0-answer": '{"blocks": [{"key": "a", "text": "Die MBE.", "type": "unstyled", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "questions-0-last_checked": timezone.localdate().isoformat(),
        "questions-0-source": "",
        "questions-0-source_url": "",
        "questions-0-slug": "",
        "questions-0-ORDER": "1",
        "questions-0-id": "",
        "questions-0-DELETE": "",
        "action-publish": "Veröffentlichen",
    }
    response = client.post(f"/admin/pages/add/knowledge/faqpage/{wissen.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = FaqPage.objects.get(slug="faq-admin")
    assert [q.slug for q in page.questions.all()] == ["wer-hilft-in-balve"]
