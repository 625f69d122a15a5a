"""E-mails of the knowledge base to the KIM-Koordination: new reader feedback on FAQ answers
("Nein, unklar" with what was unclear) and Kooperationsvereinbarungen whose evaluation is
overdue.

Both are notification kinds of portal.notifications (``register_kinds``, default: the daily
digest), offered in the profile only to the people they are meant for (``audience``). The
recipients are the holders of a capability (knowledge.permissions), each checked once more
with the model's ``visible_to``; the digest checks again at send time, so feedback on an FAQ page
that became restricted, or an agreement the person may no longer see, is never mailed.

Overdue evaluations come from a daily job (``manage.py send_evaluation_reminders``): each
person hears of an agreement once per evaluation date (``once_key``), so a new date re-arms it,
and an evaluation that is no longer overdue when the digest goes out is dropped.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from knowledge.models import FaqFeedback, Kooperationsvereinbarung
from knowledge.permissions import OWN_AGREEMENTS, SEE_FAQ_FEEDBACK
from portal import notifications

KIND_FAQ_FEEDBACK = "knowledge.faq_feedback"
KIND_EVALUATION_OVERDUE = "knowledge.evaluation_overdue"
SUBJECT_COMMENT_CHARS = 160


def _still_overdue(user, objects: list) -> bool:
    ids = [obj.pk for obj in objects]
    return Kooperationsvereinbarung.objects.evaluation_overdue().filter(pk__in=ids).count() == len(
        ids
    )


def register_kinds() -> None:
    """The knowledge base's kinds of notification and the receiver that notifies of feedback
    (called in KnowledgeConfig.ready)."""
    from knowledge.models.faq import faq_feedback_commented

    faq_feedback_commented.connect(
        on_faq_feedback_commented, dispatch_uid="knowledge-faq-feedback-notify"
    )
    notifications.register(
        KIND_FAQ_FEEDBACK,
        "Neue Rückmeldungen zu den FAQ",
        default=notifications.DIGEST,
        help_text="Jemand bewertet eine FAQ-Antwort als unklar und schreibt, was unklar war.",
        audience=SEE_FAQ_FEEDBACK.allows,
    )
    notifications.register(
        KIND_EVALUATION_OVERDUE,
        "Überfällige Evaluationen von Kooperationsvereinbarungen",
        default=notifications.DIGEST,
        help_text="Einmal je Vereinbarung und Termin, sobald die Evaluation überfällig ist.",
        still_relevant=_still_overdue,
        audience=OWN_AGREEMENTS.allows,
    )


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def notify_faq_feedback(feedback_id: int) -> int:
    """Tell everyone who reads the FAQ feedback (and may see the FAQ page) what a reader found
    unclear. Returns how many people were notified (in any mode)."""
    feedback = FaqFeedback.objects.select_related("question__page").get(pk=feedback_id)
    if feedback.helpful or not feedback.comment:
        return 0
    question = feedback.question
    page = question.page
    page_url = page.url or ""
    context = {
        "feedback": feedback,
        "question": question,
        "page": page,
        "question_url": absolute(f"{page_url}#{question.anchor}"),
        "report_url": absolute(page_url + page.reverse_subpage("feedback_report")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    asked = Truncator(question.question).chars(80)
    subject = f"FAQ unklar: „{asked}“: {Truncator(feedback.comment).chars(SUBJECT_COMMENT_CHARS)}"
    count = 0
    for user in SEE_FAQ_FEEDBACK.holders().exclude(email="").order_by("pk"):
        if not FaqFeedback.objects.visible_to(user).filter(pk=feedback.pk).exists():
            continue
        mode = notifications.notify(
            user,
            KIND_FAQ_FEEDBACK,
            subject=subject,
            body=render_to_string(
                "knowledge/mail/faq_feedback.txt", {**context, "recipient": user}
            ),
            url=context["report_url"],
            about=[feedback],
            mail_kind="Rückmeldung zu den FAQ",
        )
        count += mode is not None
    return count


def on_faq_feedback_commented(sender, feedback_id: int, **kwargs) -> None:
    """Receiver of ``knowledge.models.faq.faq_feedback_commented``: notify after commit."""
    transaction.on_commit(lambda: notify_faq_feedback(feedback_id))


def send_evaluation_reminders(today: datetime.date | None = None) -> int:
    """Tell the holders of OWN_AGREEMENTS of every agreement whose evaluation is overdue, once
    per agreement and evaluation date. Returns how many notifications were made (any mode);
    running it twice on a day makes none the second time."""
    today = today or timezone.localdate()
    overdue = list(
        Kooperationsvereinbarung.objects.evaluation_overdue(today)
        .select_related("kommune", "organisation")
        .order_by("next_evaluation_on", "pk")
    )
    if not overdue:
        return 0
    count = 0
    for user in OWN_AGREEMENTS.holders().exclude(email="").order_by("pk"):
        visible = set(
            Kooperationsvereinbarung.objects.visible_to(user)
            .filter(pk__in=[agreement.pk for agreement in overdue])
            .values_list("pk", flat=True)
        )
        for agreement in overdue:
            if agreement.pk not in visible:
                continue
            url = absolute(
                reverse(
                    "wagtailsnippets_knowledge_kooperationsvereinbarung:edit", args=[agreement.pk]
                )
            )
            context = {
                "agreement": agreement,
                "days": (today - agreement.next_evaluation_on).days,
                "url": url,
                "list_url": absolute(
                    reverse("wagtailsnippets_knowledge_kooperationsvereinbarung:list")
                    + "?evaluation=ueberfaellig"
                ),
                "recipient": user,
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            mode = notifications.notify(
                user,
                KIND_EVALUATION_OVERDUE,
                subject=(
                    f"Evaluation überfällig seit {agreement.next_evaluation_on:%d.%m.%Y}: "
                    f"{agreement}"
                ),
                body=render_to_string("knowledge/mail/evaluation_overdue.txt", context),
                url=url,
                about=[agreement],
                once_key=(
                    f"knowledge.evaluation:{agreement.pk}:"
                    f"{agreement.next_evaluation_on.isoformat()}"
                ),
                mail_kind="Überfällige Evaluation",
            )
            count += mode is not None
    return count
