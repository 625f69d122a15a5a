"""Page types of the knowledge base: the "Wissen" section, guidance and the Handlungskonzept."""

from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.urls import get_resolver
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
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
from knowledge.fragments import FRAGMENT_TIMEOUT, fragment_key, render_fragment
from knowledge.models.review import (
    FourEyesPagePermissionTester,
    change_note_field,
    four_eyes_workflow,
)
from portal.pdf import pdf_response
from portal.privacy import can_open_document, visible_pages

INTRO_FEATURES = ["bold", "italic", "link"]

# Where the directory's cached fragment gets the live panels of other apps for the chosen Kommune.
_PANELS_PLACEHOLDER = "<!-- kim-related-panels -->"
_FROM_QUERY = object()


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

    @staticmethod
    def with_stand(queryset):
        """Annotate ``stand``: the Handlungskonzept's own "Stand" field, so the listing shows
        the same date as the document (other pages: their last publication)."""
        stand = HandlungskonzeptPage.objects.filter(pk=models.OuterRef("pk")).values("stand")
        return queryset.annotate(stand=models.Subquery(stand[:1]))

    def visible_children(self, user):
        return self.with_stand(visible_pages(user, self.get_children())).only(
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
                self.with_stand(form.results()).only(
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

    def directory_form(self, request, data=_FROM_QUERY):
        """The directory's filter form for ``data`` (default: the request's query, or the
        reader's own Kommune when nothing was chosen, ``directory.directory_data``)."""
        from knowledge.directory import DirectoryFilterForm, directory_data
        from knowledge.models.reference import Kommune, Organisation, Sprache, Zielgruppe

        if data is _FROM_QUERY:
            data = directory_data(request.GET, lambda: Kommune.objects.of_user(request.user))
        return DirectoryFilterForm(
            data,
            kommunen=Kommune.objects.all(),
            organisations=Organisation.objects.for_directory(),
            kinds=list(Organisation.Kind.choices),
            zielgruppen=Zielgruppe.objects.all(),
            sprachen=Sprache.objects.all(),
        )

    @path("verzeichnis/", name="directory")
    def directory_route(self, request):
        """The filter form, the quick links and the entries, cached per filter (the reader's own
        Kommune preselected when nothing is chosen) until the page tree or the reference data
        change (knowledge/fragments.py); only a valid filter is stored. The panels other apps
        add for the chosen Kommune (portal/related.py) stay live: they depend on the reader."""
        from knowledge.directory import directory_data, filter_digest
        from knowledge.models.reference import Kommune
        from portal.related import related_panels

        data = directory_data(request.GET, lambda: Kommune.objects.of_user(request.user))
        key = fragment_key(request, self, f"directory:{filter_digest(data)}")
        entry = cache.get(key) if key is not None else None
        if entry is None:
            form = self.directory_form(request, data)
            context = {"page": self, "request": request, "form": form, **form.result_context()}
            context["panels_placeholder"] = mark_safe(_PANELS_PLACEHOLDER)  # noqa: S308
            directory_url = self.get_url(request)
            for _kind, _label, organisations in context["groups"]:
                for organisation in organisations:
                    organisation.entry_url = directory_url + self.reverse_subpage(
                        "directory_entry", args=[organisation.pk]
                    )
            chosen = form.chosen_kommune
            entry = (
                get_template("knowledge/_directory_body.html").render(context),
                (chosen.pk, chosen.name, chosen.slug) if chosen is not None else None,
            )
            if key is not None and (not form.is_bound or form.is_valid()):
                cache.set(key, entry, FRAGMENT_TIMEOUT)
        html, chosen = entry
        panels = ""
        if chosen is not None:
            kommune = Kommune.from_db(None, ["id", "name", "slug"], chosen)
            panels = related_panels("kommune", kommune, request)
        context = self.get_context(request)
        context["body_html"] = mark_safe(html.replace(_PANELS_PLACEHOLDER, panels))  # noqa: S308
        return TemplateResponse(request, "knowledge/directory.html", context)

    @path("verzeichnis/druckansicht/", name="directory_print")
    def directory_print_route(self, request):
        """The filtered list with every contact detail, for printing (e.g. one Kommune)."""
        form = self.directory_form(request)
        context = self.get_context(request)
        context.update(form.result_context())
        context["form"] = form
        return TemplateResponse(request, "knowledge/directory_print.html", context)

    @path("verzeichnis/<int:pk>/", name="directory_entry")
    def directory_entry_route(self, request, pk: int):
        """One advice service with its contact details (the search links here)."""
        from knowledge.models.reference import Kommune, Organisation

        organisation = get_object_or_404(Organisation.objects.for_directory(), pk=pk)
        context = self.get_context(request)
        context["organisation"] = organisation
        context["own_kommune"] = Kommune.objects.of_user(request.user)
        return TemplateResponse(request, "knowledge/directory_entry.html", context)

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
        # The signed version's title and link only for readers who may open it.
        context["document_visible"] = agreement.document is not None and can_open_document(
            request.user, agreement.document
        )
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
        # Breadcrumb, text, links and classification, the same for every reader with the same
        # visibility rule until the page, the page tree (also renewed by Handlungsfelder and
        # tags, knowledge/apps.py) or a document changes; previews render the edited revision.
        context["body_html"] = render_fragment(
            request, self, "guidance", "knowledge/_guidance_body.html", self._body_context
        )
        return context

    def _body_context(self) -> dict:
        handlungsfelder, tags = self._classification()
        return {"handlungsfelder": handlungsfelder, "tags": tags}

    def _classification(self) -> tuple[list[str], list[str]]:
        return (
            [str(feld) for feld in self.handlungsfelder.all()],
            [str(tag) for tag in self.tags.all()],
        )


@dataclass
class Section:
    number: str
    anchor: str
    title: str
    body: object
    block_id: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class Chapter:
    number: str
    anchor: str
    title: str
    intro: object
    sections: list[Section] = field(default_factory=list)
    block_id: str = ""
    aliases: list[str] = field(default_factory=list)


class HandlungskonzeptPageForm(WagtailAdminPageForm):
    """Warns before a chapter or section is removed that other content links to: the save is
    refused once, naming the sections and the linking pages, until the editor confirms."""

    confirm_section_removal = forms.BooleanField(
        label=_("Verlinkte Abschnitte trotzdem entfernen"),
        required=False,
        help_text=_(
            "Nur ankreuzen, wenn Sie Kapitel oder Abschnitte entfernen, auf die andere Seiten "
            "verlinken. Diese Links führen danach nur noch auf den Anfang des Handlungskonzepts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if (
            instance.pk
            and instance.live
            and not self.is_bound
            and instance.live_revision_id
            and instance.live_revision_id == instance.latest_revision_id
        ):
            # A new version starts with an empty note; the published one stays in the log.
            self.initial["change_note"] = ""

    def clean(self):
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        if body is None or not self.instance.pk or cleaned_data.get("confirm_section_removal"):
            return cleaned_data
        linked = self.instance.linked_sections_removed_by(body)
        if linked:
            lines = [
                _("„%(section)s“ wird verlinkt von: %(sources)s")
                % {"section": section, "sources": ", ".join(sources)}
                for section, sources in linked
            ]
            self.add_error(
                "confirm_section_removal",
                _(
                    "Sie entfernen Abschnitte, auf die andere Inhalte verlinken: %(lines)s. "
                    "Passen Sie die Links an oder bestätigen Sie das Entfernen."
                )
                % {"lines": "; ".join(lines)},
            )
        return cleaned_data


class HandlungskonzeptPage(RoutablePageMixin, Page):
    """The Kreis's KIM concept: numbered chapters and sections with stable anchors.

    Anchors come from the blocks' ids, not their position (``knowledge.sections``): a section
    keeps ``#abschnitt-3f2a9c1e`` when chapters are inserted or reordered. The old numbered
    anchors (``#kapitel-3-2``) stay as aliases of the block they meant (``legacy_anchors``).
    """

    stand = models.DateField(_("Stand"), help_text=_("Datum der gültigen Fassung"))
    responsible_unit = models.CharField(
        _("Verantwortlich"), max_length=200, blank=True, default="KIM-Koordination"
    )
    intro = RichTextField(_("Vorbemerkung"), blank=True, features=INTRO_FEATURES)
    body = StreamField(HandlungskonzeptBodyBlock(), verbose_name=_("Kapitel"), blank=True)
    legacy_anchors = models.JSONField(
        _("frühere Sprungmarken"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Nummerierte Sprungmarken (kapitel-5-2) -> Block-ID, aufgezeichnet beim "
            "ersten Speichern; alte Links führen so weiter auf ihren Abschnitt."
        ),
    )
    change_note = change_note_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("stand"),
        FieldPanel("responsible_unit"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("confirm_section_removal"),
        FieldPanel("change_note"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    base_form_class = HandlungskonzeptPageForm

    class Meta:
        verbose_name = _("Handlungskonzept")
        verbose_name_plural = _("Handlungskonzepte")

    def get_workflow(self):
        """The Vier-Augen-Freigabe when it is active (also for Handlungskonzepte created after
        the migration that set it up), otherwise the workflow of the page tree."""
        return four_eyes_workflow() or super().get_workflow()

    def permissions_for_user(self, user):
        return FourEyesPagePermissionTester(user, self)

    def save(self, *args, **kwargs):
        from knowledge.sections import ensure_block_ids, positional_anchors

        ensure_block_ids(self.body)
        if self.legacy_anchors is None:
            self.legacy_anchors = positional_anchors(self.body)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "legacy_anchors"}
        return super().save(*args, **kwargs)

    @cached_property
    def chapters(self) -> list[Chapter]:
        from knowledge.sections import anchor_names, blocks_in_order, ensure_block_ids

        ensure_block_ids(self.body)
        ordered = blocks_in_order(self.body)
        names = anchor_names(
            [chapter_id for _n, chapter_id, _v, _s in ordered]
            + [section_id for *_c, sections in ordered for _n, section_id, _v in sections]
        )
        aliases: dict[str, list[str]] = {}
        for old, block_id in sorted((self.legacy_anchors or {}).items()):
            aliases.setdefault(block_id, []).append(old)
        chapters = []
        for number, chapter_id, value, sections in ordered:
            chapter = Chapter(
                number=number,
                anchor=names[chapter_id],
                title=value["title"],
                intro=value["intro"],
                block_id=chapter_id,
                aliases=aliases.get(chapter_id, []),
            )
            for section_number, section_id, section in sections:
                chapter.sections.append(
                    Section(
                        number=section_number,
                        anchor=names[section_id],
                        title=section["title"],
                        body=section["body"],
                        block_id=section_id,
                        aliases=aliases.get(section_id, []),
                    )
                )
            chapters.append(chapter)
        return chapters

    def all_sections(self) -> list[Chapter | Section]:
        return [item for c in self.chapters for item in (c, *c.sections)]

    def anchor_for(self, anchor: str) -> str | None:
        """The current anchor of a stored one (a stable anchor or an old numbered alias);
        None if that chapter or section no longer exists."""
        for item in self.all_sections():
            if anchor == item.anchor or anchor in item.aliases:
                return item.anchor
        return None

    def linked_sections_removed_by(self, new_body) -> list[tuple[str, list[str]]]:
        """("5.2 Titel", [linking page titles]) for each chapter or section of this page that
        ``new_body`` no longer has and that other content links to (Wagtail's reference
        index finds the content linking to this page; its text is searched for the anchor)."""
        from wagtail.models import ReferenceIndex

        from knowledge.sections import anchor_pattern, ensure_block_ids

        ensure_block_ids(new_body)
        kept = {chapter.id for chapter in new_body}
        for chapter in new_body:
            if chapter.block_type == "chapter":
                kept.update(item.id for item in chapter.value["sections"].bound_blocks)
        removed = [item for item in self.all_sections() if item.block_id not in kept]
        if not removed:
            return []
        sources = []
        for source, _references in ReferenceIndex.get_references_to(self).group_by_source_object():
            if source is None or getattr(source, "pk", None) == self.pk:
                continue
            source = source.specific if isinstance(source, Page) else source
            data = source.serializable_data() if hasattr(source, "serializable_data") else {}
            sources.append((str(source), str(data)))
        linked = []
        for item in removed:
            patterns = [anchor_pattern(a) for a in (item.anchor, *item.aliases)]
            names = [name for name, text in sources if any(p.search(text) for p in patterns)]
            if names:
                linked.append((f"{item.number} {item.title}", names))
        return linked

    @path("")
    def full_view(self, request):
        context = self.get_context(request)
        # Table of contents, chapters and change log, cached per visibility rule like a
        # guidance page's text (knowledge/fragments.py).
        context["body_html"] = render_fragment(
            request, self, "handlungskonzept", "knowledge/_handlungskonzept_body.html"
        )
        return TemplateResponse(request, "knowledge/handlungskonzept_page.html", context)

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
