"""What needs the KIM-Koordination's attention in the knowledge base: new reader feedback on FAQ
answers and Kooperationsvereinbarungen whose evaluation is overdue. Shown on the portal's home
page (home.models) and on the Wagtail dashboard (wagtail_hooks.CoordinationPanel)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from knowledge.models import FaqFeedback, Kooperationsvereinbarung
from knowledge.models.faq import FEEDBACK_PERMISSION

NEW_FEEDBACK_DAYS = 14
ITEMS_SHOWN = 5
AGREEMENT_PERMISSION = "knowledge.change_kooperationsvereinbarung"


@dataclass
class CoordinationWork:
    feedback_count: int = 0
    unclear_count: int = 0
    feedback: list[FaqFeedback] = field(default_factory=list)
    report_urls: list[tuple[str, str]] = field(default_factory=list)  # (FAQ title, URL)
    overdue_count: int = 0
    overdue: list[Kooperationsvereinbarung] = field(default_factory=list)
    overdue_list_url: str = ""
    days: int = NEW_FEEDBACK_DAYS

    @property
    def anything(self) -> bool:
        return bool(self.feedback_count or self.overdue_count)


def coordination_work(user) -> CoordinationWork | None:
    """The work for a user who evaluates feedback or edits agreements; None for everyone else.
    A bounded number of queries (no matter how much feedback there is)."""
    sees_feedback = user.has_perm(FEEDBACK_PERMISSION)
    edits_agreements = user.has_perm(AGREEMENT_PERMISSION)
    if not (sees_feedback or edits_agreements):
        return None
    work = CoordinationWork()
    if sees_feedback:
        recent = FaqFeedback.objects.recent(NEW_FEEDBACK_DAYS)
        work.feedback_count = recent.count()
        unclear = recent.filter(helpful=False)
        work.unclear_count = unclear.count()
        work.feedback = list(
            unclear.select_related("question__page").order_by("-created_at")[:ITEMS_SHOWN]
        )
        pages = {fb.question.page_id: fb.question.page for fb in work.feedback}
        work.report_urls = [
            (page.title, (page.url or "") + page.reverse_subpage("feedback_report"))
            for page in pages.values()
        ]
    if edits_agreements:
        overdue = Kooperationsvereinbarung.objects.evaluation_overdue(timezone.localdate())
        work.overdue_count = overdue.count()
        work.overdue = list(
            overdue.select_related("kommune", "organisation").order_by("next_evaluation_on")[
                :ITEMS_SHOWN
            ]
        )
        for agreement in work.overdue:
            agreement.edit_url = reverse(
                "wagtailsnippets_knowledge_kooperationsvereinbarung:edit", args=[agreement.pk]
            )
        work.overdue_list_url = (
            reverse("wagtailsnippets_knowledge_kooperationsvereinbarung:list")
            + "?evaluation=ueberfaellig"
        )
    return work
