"""FAQ pages: questions grouped by topic, each with a stable anchor, and reader feedback."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.dispatch import Signal
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge.blocks import RICH_TEXT_FEATURES
from knowledge.fragments import render_fragment
from knowledge.permissions import SEE_FAQ_FEEDBACK
from portal.privacy import visible_pages

#: Sent when a reader says what was unclear (knowledge.notifications tells the coordination).
faq_feedback_commented = Signal()

FEEDBACK_SESSION_KEY = "knowledge_faq_feedback"
# Feedback "Nein" of this session that may still get a comment: {question id: feedback id}
FEEDBACK_OPEN_KEY = "knowledge_faq_feedback_open"
FEEDBACK_STATUS_KEY = "knowledge_faq_feedback_status"
COMMENT_MAX_LENGTH = 1000
COMMENTS_SHOWN = 100
FEEDBACK_PERMISSION = SEE_FAQ_FEEDBACK.permission
SLUG_LENGTH = 60


def german_slug(text: str) -> str:
    """slugify() with German transliteration: "Förderung" -> "foerderung"."""
    for umlaut, replacement in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, replacement).replace(umlaut.upper(), replacement.capitalize())
    return slugify(text)


class FaqPage(RoutablePageMixin, Page):
    """Questions and answers, grouped by topic in the order the editors give them."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    responsible_unit = models.CharField(
        _("Verantwortlich"), max_length=200, blank=True, default="KIM-Koordination"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("responsible_unit"),
        InlinePanel("questions", label=_("Fragen"), heading=_("Fragen und Antworten")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "questions", [index.SearchField("question"), index.SearchField("answer")]
        ),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ-Seite")
        verbose_name_plural = _("FAQ-Seiten")

    def clean(self):
        super().clean()
        self.assign_question_slugs()

    def assign_question_slugs(self) -> None:
        """Give every new question a unique slug once; existing slugs never change."""
        questions = list(self.questions.all())
        taken = {q.slug for q in questions if q.slug}
        for question in questions:
            if question.slug:
                continue
            base = german_slug(question.question)[:SLUG_LENGTH].strip("-") or "frage"
            slug, counter = base, 2
            while slug in taken:
                slug = f"{base[: SLUG_LENGTH - 4]}-{counter}"
                counter += 1
            question.slug = slug
            taken.add(slug)

    def topics(self) -> list[tuple[str, list["FaqQuestion"]]]:
        grouped: dict[str, list[FaqQuestion]] = {}
        for question in self.questions.all():
            grouped.setdefault(question.topic, []).append(question)
        return list(grouped.items())

    @path("")
    def questions_route(self, request):
        context = self.get_context(request)
        can_see_feedback = SEE_FAQ_FEEDBACK.allows(request.user)
        # The outcome of a feedback just given, shown inside that question (without JavaScript;
        # with it, faq-feedback.js shows the same text without reloading): personal, so that
        # answer is rendered without the cache.
        status = request.session.pop(FEEDBACK_STATUS_KEY, None)
        context["body_html"] = render_fragment(
            request,
            self,
            f"faq:{int(can_see_feedback)}",
            "knowledge/_faq_body.html",
            lambda: {
                "topics": self.topics(),
                "can_see_feedback": can_see_feedback,
                "feedback_status": status,
            },
            shared=not status,
        )
        return TemplateResponse(request, "knowledge/faq_page.html", context)

    def feedback_answer(self, request, question, message, *, ask: bool = False, error=False):
        """JSON for faq-feedback.js, else back to the question with the message shown there."""
        comment_url = (
            self.get_url(request) + self.reverse_subpage("feedback_comment", args=[question.pk])
            if ask
            else ""
        )
        if request.headers.get("Accept", "").startswith("application/json"):
            return JsonResponse(
                {"message": str(message), "comment_url": comment_url, "error": error},
                status=400 if error else 200,
            )
        request.session[FEEDBACK_STATUS_KEY] = {
            "question": question.pk,
            "message": str(message),
            "comment_url": comment_url,
            "error": error,
        }
        return HttpResponseRedirect(f"{self.get_url(request)}#{question.anchor}")

    def feedback_question(self, request, question_id: int) -> "FaqQuestion":
        question = FaqQuestion.objects.filter(page=self, pk=question_id).first()
        if question is None:
            raise Http404
        return question

    @path("rueckmeldung/<int:question_id>/", name="feedback")
    def feedback_route(self, request, question_id: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        question = self.feedback_question(request, question_id)
        answer = request.POST.get("hilfreich")
        if answer not in ("ja", "nein"):
            return self.feedback_answer(
                request,
                question,
                _("Bitte wählen Sie „Ja“ oder „Nein“, um die Antwort zu bewerten."),
                error=True,
            )
        given = request.session.get(FEEDBACK_SESSION_KEY, [])
        if question.pk in given:
            return self.feedback_answer(
                request, question, _("Sie haben diese Antwort bereits bewertet. Danke!")
            )
        feedback = FaqFeedback.objects.create(question=question, helpful=answer == "ja")
        request.session[FEEDBACK_SESSION_KEY] = [*given, question.pk]
        if feedback.helpful:
            return self.feedback_answer(request, question, _("Danke für Ihre Rückmeldung!"))
        request.session[FEEDBACK_OPEN_KEY] = {
            **request.session.get(FEEDBACK_OPEN_KEY, {}),
            str(question.pk): feedback.pk,
        }
        return self.feedback_answer(
            request,
            question,
            _(
                "Danke für Ihre Rückmeldung! Was war unklar? Ein Satz hilft uns, die Antwort zu "
                "verbessern."
            ),
            ask=True,
        )

    @path("rueckmeldung/<int:question_id>/kommentar/", name="feedback_comment")
    def feedback_comment_route(self, request, question_id: int):
        """What was unclear, added to the reader's own "Nein" of this session."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        question = self.feedback_question(request, question_id)
        open_feedback = request.session.get(FEEDBACK_OPEN_KEY, {})
        feedback_id = open_feedback.get(str(question.pk))
        if feedback_id is None:
            return self.feedback_answer(
                request,
                question,
                _("Bitte bewerten Sie die Antwort zuerst mit „Nein“."),
                error=True,
            )
        comment = " ".join(request.POST.get("kommentar", "").split())[:COMMENT_MAX_LENGTH]
        if not comment:
            return self.feedback_answer(
                request,
                question,
                _("Bitte schreiben Sie kurz, was unklar war, oder lassen Sie das Feld weg."),
                ask=True,
                error=True,
            )
        if FaqFeedback.objects.filter(pk=feedback_id, question=question).update(comment=comment):
            faq_feedback_commented.send(sender=FaqFeedback, feedback_id=feedback_id)
        request.session[FEEDBACK_OPEN_KEY] = {
            key: value for key, value in open_feedback.items() if key != str(question.pk)
        }
        return self.feedback_answer(
            request,
            question,
            _("Danke! Die KIM-Koordination sieht sich die Antwort an."),
        )

    @path("auswertung/", name="feedback_report")
    def feedback_report_route(self, request):
        if not SEE_FAQ_FEEDBACK.allows(request.user):
            raise PermissionDenied
        context = self.get_context(request)
        context["questions"] = FaqQuestion.objects.filter(page=self).with_feedback_counts()
        context["comments"] = (
            FaqFeedback.objects.filter(question__page=self)
            .exclude(comment="")
            .select_related("question")[:COMMENTS_SHOWN]
        )
        return TemplateResponse(request, "knowledge/faq_report.html", context)


class FaqQuestionQuerySet(models.QuerySet):
    def with_feedback_counts(self) -> "FaqQuestionQuerySet":
        """Annotate helpful / not helpful counts; the least clear questions first."""
        return self.annotate(
            helpful_count=Count("feedback", filter=Q(feedback__helpful=True)),
            not_helpful_count=Count("feedback", filter=Q(feedback__helpful=False)),
        ).order_by("-not_helpful_count", "helpful_count", "sort_order")


class FaqQuestion(Orderable):
    page = ParentalKey(FaqPage, on_delete=models.CASCADE, related_name="questions")
    topic = models.CharField(
        _("Thema"), max_length=100, help_text=_("Fragen mit gleichem Thema stehen zusammen.")
    )
    question = models.CharField(_("Frage"), max_length=300)
    slug = models.SlugField(
        _("Sprungmarke"),
        max_length=80,
        blank=True,
        help_text=_(
            "Wird beim ersten Speichern aus der Frage gebildet und bleibt danach gleich, "
            "damit Links auf diese Frage gültig bleiben."
        ),
    )
    answer = RichTextField(_("Antwort"), features=RICH_TEXT_FEATURES)
    last_checked = models.DateField(_("zuletzt geprüft am"))
    source = models.CharField(
        _("Quelle"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „FAQ des Landes NRW zum KIM, Stand 15.03.2024“"),
    )
    source_url = models.URLField(_("Link zur Quelle"), blank=True)

    objects = FaqQuestionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("topic"), FieldPanel("last_checked")]),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
        FieldPanel("slug"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")

    def __str__(self) -> str:
        return self.question

    @property
    def anchor(self) -> str:
        return f"frage-{self.slug}" if self.slug else f"frage-{self.pk}"


class FaqFeedbackQuerySet(models.QuerySet):
    def recent(self, days: int = 14) -> "FaqFeedbackQuerySet":
        """Feedback of the last ``days`` days (what the coordination's home page calls new)."""
        return self.filter(created_at__gte=timezone.now() - datetime.timedelta(days=days))

    def visible_to(self, user) -> "FaqFeedbackQuerySet":
        """Feedback ``user`` may read: holders of SEE_FAQ_FEEDBACK, on FAQ pages they may see
        (page privacy); the digest checks this again at send time (portal.notifications)."""
        if not SEE_FAQ_FEEDBACK.allows(user):
            return self.none()
        pages = visible_pages(user, FaqPage.objects.all())
        return self.filter(question__page__in=pages.values("pk"))


class FaqFeedback(models.Model):
    """One reader's "helpful: yes / no" on an answer, and for "no" optionally what was unclear.
    Stores no user (data minimisation)."""

    question = models.ForeignKey(
        FaqQuestion, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("Frage")
    )
    helpful = models.BooleanField(_("hilfreich"))
    comment = models.TextField(_("Was war unklar?"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("abgegeben am"), auto_now_add=True)

    objects = FaqFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rückmeldung zu einer FAQ-Antwort")
        verbose_name_plural = _("Rückmeldungen zu FAQ-Antworten")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{'hilfreich' if self.helpful else 'nicht hilfreich'}: {self.question_id}"
