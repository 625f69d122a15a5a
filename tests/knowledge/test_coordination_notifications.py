"""Feedback and overdue work reach the coordination by mail (issue 18, point 5): what a reader
found unclear in an FAQ answer and Kooperationsvereinbarungen with an overdue evaluation are
notification kinds (portal.notifications), by default in the daily digest, offered to and sent
to the KIM-Koordination only, checked again at send time, overdue evaluations once per
agreement and date."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts import roles
from knowledge.models import FaqFeedback, FaqQuestion, Kommune, Kooperationsvereinbarung
from knowledge.notifications import KIND_EVALUATION_OVERDUE, KIND_FAQ_FEEDBACK
from portal import notifications
from portal.models import Benachrichtigung
from tests.knowledge.conftest import restrict_to


@pytest.fixture
def redaktion(make_user):
    return make_user("redaktion-test", roles.REDAKTION, first_name="Rita")


def mails_to(mailoutbox, user) -> list:
    return [message for message in mailoutbox if user.email in message.to]


def give_unclear_feedback(client, reader, faq, capture, text: str) -> FaqQuestion:
    q = FaqQuestion.objects.get(slug="was-ist-kim")
    client.force_login(reader)
    client.post(f"{faq.url}rueckmeldung/{q.pk}/", {"hilfreich": "nein"})
    with capture(execute=True):
        client.post(f"{faq.url}rueckmeldung/{q.pk}/kommentar/", {"kommentar": text})
    return q


def test_what_was_unclear_reaches_the_coordination_in_the_daily_digest(
    client,
    koordination,
    partner,
    integrationsbeauftragte,
    redaktion,
    faq,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    give_unclear_feedback(
        client, partner, faq, django_capture_on_commit_callbacks, "Was heißt KIM-CM genau?"
    )
    assert FaqFeedback.objects.get().comment == "Was heißt KIM-CM genau?"
    assert mailoutbox == []  # the digest is the default, not an immediate mail

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    digests = mails_to(mailoutbox, koordination)
    assert len(digests) == 1
    assert "Neue Rückmeldungen zu den FAQ (1)" in digests[0].body
    assert "FAQ unklar: „Was ist KIM?“: Was heißt KIM-CM genau?" in digests[0].body
    assert f"{faq.url}auswertung/" in digests[0].body
    for other in (partner, integrationsbeauftragte, redaktion):
        assert mails_to(mailoutbox, other) == []
    assert len(mailoutbox) == 1


def test_immediate_mail_holds_the_text_and_a_plain_nein_or_ja_sends_nothing(
    client, koordination, partner, faq, mailoutbox, django_capture_on_commit_callbacks
):
    notifications.save_preferences(koordination, {KIND_FAQ_FEEDBACK: notifications.IMMEDIATE})
    q = FaqQuestion.objects.get(slug="wer-koordiniert")
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{faq.url}rueckmeldung/{q.pk}/", {"hilfreich": "nein"})
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{faq.url}rueckmeldung/{q.pk}/kommentar/", {"kommentar": "Welche Stelle?"})
    (message,) = mails_to(mailoutbox, koordination)
    assert "Was war unklar? Welche Stelle?" in message.body
    assert "Frage: Wer koordiniert?" in message.body


def test_feedback_on_a_page_the_coordinator_can_no_longer_see_is_not_mailed(
    client, koordination, partner, faq, mailoutbox, django_capture_on_commit_callbacks
):
    give_unclear_feedback(client, partner, faq, django_capture_on_commit_callbacks, "Zu lang")
    assert Benachrichtigung.objects.filter(user=koordination).count() == 1
    restrict_to(faq, roles.CASE_MANAGEMENT)  # after the feedback, before the digest
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert mailoutbox == []


def overdue(kommune: str, ags: str, days: int) -> Kooperationsvereinbarung:
    today = timezone.localdate()
    return Kooperationsvereinbarung.objects.create(
        kommune=Kommune.objects.create(name=kommune, slug=kommune.lower(), ags=ags),
        parties=f"Kreis und {kommune}",
        status="unterzeichnet",
        signed_on=today - datetime.timedelta(days=400),
        next_evaluation_on=today - datetime.timedelta(days=days),
        live=True,
    )


def test_overdue_evaluations_reach_the_coordination_once_per_agreement_and_date(
    koordination, redaktion, integrationsbeauftragte, mailoutbox, django_capture_on_commit_callbacks
):
    balve = overdue("Balve", "05962008", 3)
    overdue("Hemer", "05962020", -30)  # due in 30 days: not overdue
    assert call_command("send_evaluation_reminders") is None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_evaluation_reminders")  # a second run that day: nothing new
        call_command("send_digests")
    (digest,) = mails_to(mailoutbox, koordination)
    date = balve.next_evaluation_on.strftime("%d.%m.%Y")
    assert "Überfällige Evaluationen von Kooperationsvereinbarungen (1)" in digest.body
    assert f"Evaluation überfällig seit {date}: Kooperationsvereinbarung Balve" in digest.body
    assert "Hemer" not in digest.body
    assert len(mailoutbox) == 1  # neither the Redaktion nor the Integrationsbeauftragte

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_evaluation_reminders")
        call_command("send_digests")
    assert mailoutbox == []  # already told

    # A new (also past) evaluation date is a new occasion.
    balve.next_evaluation_on = timezone.localdate() - datetime.timedelta(days=1)
    balve.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_evaluation_reminders")
        call_command("send_digests")
    (digest,) = mails_to(mailoutbox, koordination)
    assert f"seit {balve.next_evaluation_on:%d.%m.%Y}" in digest.body


def test_an_evaluation_rescheduled_before_the_digest_is_not_mailed(
    koordination, mailoutbox, django_capture_on_commit_callbacks
):
    balve = overdue("Balve", "05962008", 3)
    call_command("send_evaluation_reminders")
    balve.next_evaluation_on = timezone.localdate() + datetime.timedelta(days=180)
    balve.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    assert mailoutbox == []


def test_the_profile_offers_the_knowledge_kinds_to_the_coordination_only(
    client, koordination, integrationsbeauftragte
):
    client.force_login(koordination)
    html = client.get("/konto/profil/").content.decode()
    assert "Neue Rückmeldungen zu den FAQ" in html
    assert "Überfällige Evaluationen von Kooperationsvereinbarungen" in html
    assert notifications.preference(koordination, KIND_EVALUATION_OVERDUE) == (notifications.DIGEST)
    client.force_login(integrationsbeauftragte)
    html = client.get("/konto/profil/").content.decode()
    assert "Ihnen übertragene Aufgaben" in html
    assert "Neue Rückmeldungen zu den FAQ" not in html
    assert "Überfällige Evaluationen" not in html
