"""Page types of the knowledge base: the "Wissen" section, guidance and the Handlungskonzept."""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import get_resolver
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from knowledge.blocks import GuidanceBodyBlock, HandlungskonzeptBodyBlock
from portal.pdf import pdf_response
from portal.privacy import visible_pages

INTRO_FEATURES = ["bold", "italic", "link"]


def reserved_top_level_slugs() -> set[str]:
    """First path segments of Django URLs (e.g. "wissen"); pages under home must avoid them."""
    slugs = set()
    for pattern in get_resolver().url_patterns:
        segment = str(pattern.pattern).strip("^$/").split("/")[0]
        if segment:
            slugs.add(segment)
    return slugs


class Handlungsfeld(models.Model):
    """A field of action of the Kreis's Integrationskonzept (editable list)."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class KnowledgeIndexPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        parent = getattr(self, "parent_page", None)
        if slug and parent is not None and parent.depth == 2 and slug in reserved_top_level_slugs():
            self.add_error(
                "slug",
                _("Der Kurzname „%(slug)s“ ist für Portalfunktionen reserviert.") % {"slug": slug},
            )
        return cleaned_data


class KnowledgeIndexPage(RoutablePageMixin, Page):
    """The "Wissen" section (or a sub-section): lists the pages below it that the reader may see.

    Also serves the agreement overview and the directory of advice services.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "knowledge.KnowledgeIndexPage"]
    subpage_types = [
        "knowledge.KnowledgeIndexPage",
        "knowledge.GuidancePage",
        "knowledge.HandlungskonzeptPage",
        "knowledge.FaqPage",
    ]
    base_form_class = KnowledgeIndexPageForm

    class Meta:
        verbose_name = _("Wissensbereich")
        verbose_name_plural = _("Wissensbereiche")

    def clean(self):
        super().clean()
        if self.depth == 3 and self.slug in reserved_top_level_slugs():
            raise ValidationError(
                {
                    "slug": _("Der Kurzname „%(slug)s“ ist für Portalfunktionen reserviert.")
                    % {"slug": self.slug}
                }
            )

    def visible_children(self, user):
        return visible_pages(user, self.get_children()).only(
            "title",
            "url_path",
            "path",
            "depth",
            "search_description",
            "last_published_at",
            "content_type",
        )

    @path("")
    def index_route(self, request):
        from knowledge.guidance_filter import GuidanceFilterForm

        form = GuidanceFilterForm(
            request.GET or None,
            guidance=visible_pages(request.user, GuidancePage.objects.child_of(self).live()),
            handlungsfelder=Handlungsfeld.objects.all(),
        )
        context = self.get_context(request)
        context["filter_form"] = form
        if form.active:
            context["entries"] = list(
                form.results().only(
                    "title",
                    "url_path",
                    "path",
                    "depth",
                    "search_description",
                    "last_published_at",
                    "content_type",
                )
            )
            context["filtered"] = True
        else:
            context["entries"] = list(self.visible_children(request.user))
        return TemplateResponse(request, "knowledge/knowledge_index_page.html", context)

    @path("verzeichnis/", name="directory")
    def directory_route(self, request):
        from knowledge.directory import DirectoryFilterForm
        from knowledge.models.reference import Kommune, Organisation

        form = DirectoryFilterForm(
            request.GET or None,
            kommunen=Kommune.objects.all(),
            organisations=Organisation.objects.all(),
            kinds=list(Organisation.Kind.choices),
        )
        context = self.get_context(request)
        context.update(form.result_context())
        context["form"] = form
        return TemplateResponse(request, "knowledge/directory.html", context)

    @path("vereinbarungen/", name="agreements")
    def agreements_route(self, request):
        from knowledge.models.agreements import agreement_overview

        context = self.get_context(request)
        context.update(agreement_overview())
        return TemplateResponse(request, "knowledge/agreement_overview.html", context)

    @path("vereinbarungen/<int:pk>/", name="agreement")
    def agreement_route(self, request, pk: int):
        from knowledge.models.agreements import Kooperationsvereinbarung

        agreement = get_object_or_404(
            Kooperationsvereinbarung.objects.live().select_related(
                "kommune", "organisation", "document"
            ),
            pk=pk,
        )
        context = self.get_context(request)
        context["agreement"] = agreement
        return TemplateResponse(request, "knowledge/agreement_detail.html", context)


class GuidancePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.GuidancePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class GuidancePage(Page):
    """A Leitfaden or an Arbeitshilfe."""

    class Kind(models.TextChoices):
        LEITFADEN = "leitfaden", _("Leitfaden")
        ARBEITSHILFE = "arbeitshilfe", _("Arbeitshilfe")

    kind = models.CharField(
        _("Art"), max_length=20, choices=Kind.choices, default=Kind.ARBEITSHILFE
    )
    intro = models.TextField(_("Kurzbeschreibung"), blank=True, max_length=600)
    body = StreamField(GuidanceBodyBlock(), verbose_name=_("Inhalt"), blank=True)
    handlungsfelder = ParentalManyToManyField(
        Handlungsfeld, verbose_name=_("Handlungsfelder"), blank=True, related_name="+"
    )
    tags = ClusterTaggableManager(
        through=GuidancePageTag, verbose_name=_("Schlagwörter"), blank=True
    )
    responsible_unit = models.CharField(
        _("Verantwortlich"),
        max_length=200,
        blank=True,
        help_text=_("Die zuständige Stelle, z. B. „KIM-Koordination“."),
    )
    import_source = models.CharField(
        _("importiert aus"),
        max_length=500,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Pfad der Datei, aus der import_knowledge die Seite angelegt hat."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("handlungsfelder", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("responsible_unit"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Leitfaden / Arbeitshilfe")
        verbose_name_plural = _("Leitfäden und Arbeitshilfen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["handlungsfelder"] = list(self.handlungsfelder.all())
        context["tags"] = list(self.tags.all())
        return context


@dataclass
class Section:
    number: str
    anchor: str
    title: str
    body: object


@dataclass
class Chapter:
    number: str
    anchor: str
    title: str
    intro: object
    sections: list[Section] = field(default_factory=list)


class HandlungskonzeptPage(RoutablePageMixin, Page):
    """The Kreis's KIM concept: numbered chapters and sections with stable anchors.

    Chapter 3 has the anchor ``#kapitel-3``, its second section ``#kapitel-3-2``.
    """

    stand = models.DateField(_("Stand"), help_text=_("Datum der gültigen Fassung"))
    responsible_unit = models.CharField(
        _("Verantwortlich"), max_length=200, blank=True, default="KIM-Koordination"
    )
    intro = RichTextField(_("Vorbemerkung"), blank=True, features=INTRO_FEATURES)
    body = StreamField(HandlungskonzeptBodyBlock(), verbose_name=_("Kapitel"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("stand"),
        FieldPanel("responsible_unit"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Handlungskonzept")
        verbose_name_plural = _("Handlungskonzepte")

    @cached_property
    def chapters(self) -> list[Chapter]:
        chapters = []
        for chapter_number, block in enumerate(
            (b for b in self.body if b.block_type == "chapter"), start=1
        ):
            value = block.value
            chapter = Chapter(
                number=str(chapter_number),
                anchor=f"kapitel-{chapter_number}",
                title=value["title"],
                intro=value["intro"],
            )
            for section_number, section in enumerate(value["sections"], start=1):
                chapter.sections.append(
                    Section(
                        number=f"{chapter_number}.{section_number}",
                        anchor=f"kapitel-{chapter_number}-{section_number}",
                        title=section["title"],
                        body=section["body"],
                    )
                )
            chapters.append(chapter)
        return chapters

    @path("")
    def full_view(self, request):
        return TemplateResponse(
            request, "knowledge/handlungskonzept_page.html", self.get_context(request)
        )

    @path("druckansicht/", name="print")
    def print_view(self, request):
        return TemplateResponse(
            request, "knowledge/handlungskonzept_print.html", self.get_context(request)
        )

    @path("pdf/", name="pdf")
    def pdf_view(self, request):
        """The full text as PDF (WeasyPrint): title page, table of contents, page numbers."""
        return pdf_response(
            "knowledge/handlungskonzept_pdf.html",
            self.get_context(request),
            request,
            f"{self.slug}.pdf",
        )
