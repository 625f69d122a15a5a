"""Admin: reference data (Kommunen, Organisationen, Handlungsfelder) and the agreements."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.models import WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge import rich_text
from knowledge.admin_import import FaqImportView, ImportViewSetMixin, faq_export_view
from knowledge.models import (
    Handlungsfeld,
    Kommune,
    Kooperationsvereinbarung,
    Organisation,
    Sprache,
    Zielgruppe,
)
from knowledge.resources import (
    KommuneResource,
    KooperationsvereinbarungResource,
    OrganisationResource,
)
from portal.private_files import serve_private_file


class KommuneViewSet(ImportViewSetMixin, SnippetViewSet):
    import_resource_class = KommuneResource
    model = Kommune
    icon = "site"
    menu_label = _("Kommunen")
    list_display = [
        "name",
        "ags",
        "has_auslaenderbehoerde",
        "has_einbuergerungsbehoerde",
        "has_jugendamt",
    ]
    list_filter = ["has_auslaenderbehoerde", "has_einbuergerungsbehoerde", "has_jugendamt"]
    export_filename = "kommunen"  # columns: the import's (ImportViewSetMixin)
    search_fields = ["name", "ags"]
    ordering = ["name"]


class OrganisationViewSet(ImportViewSetMixin, SnippetViewSet):
    import_resource_class = OrganisationResource
    model = Organisation
    icon = "group"
    menu_label = _("Organisationen")
    list_display = ["name", "kind", "parent_name", "city"]
    list_filter = ["kind", "kommunen"]
    export_filename = "organisationen"  # columns: the import's (ImportViewSetMixin)
    search_fields = ["name", "parent_name", "description"]
    ordering = ["name"]

    def get_queryset(self, request):
        return Organisation.objects.prefetch_related("kommunen", "zielgruppen", "sprachen")


class ZielgruppeViewSet(SnippetViewSet):
    model = Zielgruppe
    icon = "group"
    menu_label = _("Zielgruppen")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


class SpracheViewSet(SnippetViewSet):
    model = Sprache
    icon = "globe"
    menu_label = _("Beratungssprachen")
    list_display = ["name", "slug"]
    ordering = ["name"]


class HandlungsfeldViewSet(SnippetViewSet):
    model = Handlungsfeld
    icon = "tag"
    menu_label = _("Handlungsfelder")
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class KooperationsvereinbarungFilterSet(WagtailFilterSet):
    evaluation = django_filters.ChoiceFilter(
        label=_("Evaluation"),
        choices=[("ueberfaellig", _("überfällig"))],
        empty_label=_("alle"),
        method="filter_evaluation",
    )

    class Meta:
        model = Kooperationsvereinbarung
        fields = ["status", "kommune"]

    def filter_evaluation(self, queryset, name, value):
        if value == "ueberfaellig":
            return queryset.evaluation_overdue()
        return queryset


class KooperationsvereinbarungViewSet(ImportViewSetMixin, SnippetViewSet):
    import_resource_class = KooperationsvereinbarungResource
    model = Kooperationsvereinbarung
    icon = "doc-full-inverse"
    menu_label = _("Kooperationsvereinbarungen")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "__str__",
        "status",
        "signed_on",
        "next_evaluation_on",
        # What waits for the Vier-Augen-Freigabe (after an import or a submission).
        Column(
            "freigabe",
            label=_("Freigabe"),
            accessor=lambda item: _("in Freigabe") if item.in_review else "",
        ),
    ]
    filterset_class = KooperationsvereinbarungFilterSet
    export_filename = "kooperationsvereinbarungen"  # columns: the import's
    ordering = ["kommune__name"]

    def get_queryset(self, request):
        in_review = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Kooperationsvereinbarung),
            object_id=Cast(OuterRef("pk"), CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        return Kooperationsvereinbarung.objects.select_related("kommune", "organisation").annotate(
            in_review=Exists(in_review)
        )


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (
        KommuneViewSet,
        OrganisationViewSet,
        ZielgruppeViewSet,
        SpracheViewSet,
        HandlungsfeldViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Stammdaten")
    menu_name = "stammdaten"


register_snippet(ReferenceDataGroup)
register_snippet(KooperationsvereinbarungViewSet)


@hooks.register("register_admin_urls")
def register_faq_export_url():
    return [
        path("wissen/faq-export/", faq_export_view, name="knowledge_faq_export"),
        path("wissen/faq-import/", FaqImportView.as_view(), name="knowledge_faq_import"),
        path(
            "wissen/abschnitt-auswahl/",
            rich_text.section_chooser,
            name="knowledge_section_chooser",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_faq_export_menu_item():
    return MenuItem(
        _("FAQ exportieren"),
        reverse("knowledge_faq_export"),
        icon_name="download",
        order=260,
    )


@hooks.register("register_admin_menu_item")
def register_faq_import_menu_item():
    return MenuItem(
        _("FAQ importieren"),
        reverse("knowledge_faq_import"),
        icon_name="upload",
        order=261,
    )


@hooks.register("register_rich_text_features")
def register_section_link_feature(features):
    """Rich-text links to a chapter or section of a Handlungskonzept (knowledge/rich_text.py)."""
    features.register_link_type(rich_text.HandlungskonzeptSectionLinkHandler)
    features.register_editor_plugin(
        "draftail",
        rich_text.FEATURE_NAME,
        draftail_features.EntityFeature(
            {
                "type": rich_text.ENTITY_TYPE,
                "icon": "list-ol",
                "description": _("Abschnitt des Handlungskonzepts verlinken"),
                "chooserUrls": {"sectionChooser": reverse_lazy("knowledge_section_chooser")},
            },
            js=["knowledge/js/section-link.js"],
        ),
    )
    features.register_converter_rule(
        "contentstate", rich_text.FEATURE_NAME, rich_text.CONTENTSTATE_RULE
    )


@hooks.register("before_serve_page")
def remember_rich_text_reader(page, request, serve_args, serve_kwargs):
    """Section links in rich text render only for readers who may see the target."""
    rich_text.remember_reader(request.user)


#: Runs after every check (the spaces' guard at -100, Wagtail's collection privacy at 0).
SERVE_DOCUMENT_HOOK_ORDER = 1000


@hooks.register("before_serve_document", order=SERVE_DOCUMENT_HOOK_ORDER)
def serve_private_document(document, request) -> HttpResponse:
    """Wagtail's /documents/<id>/<name>: once every earlier hook let the request through, hand
    the file over from the private storage (streamed, or X-Accel-Redirect / X-Sendfile) with
    the name it was uploaded with. Wagtail's own delivery would stream from the file's path
    only; this keeps one way of delivering private files (portal.private_files)."""
    return serve_private_file(
        request,
        document.file,
        filename=document.filename,
        content_type=document.content_type,
        as_attachment=document.content_disposition != "inline",
    )


class CoordinationPanel(Component):
    """Dashboard panel: new FAQ feedback and overdue evaluations (knowledge.coordination)."""

    name = "kim_coordination"
    order = 50
    template_name = "knowledge/admin/coordination_panel.html"

    def __init__(self, work) -> None:
        self.work = work

    def get_context_data(self, parent_context=None):
        return {"work": self.work}


@hooks.register("construct_homepage_panels")
def add_coordination_panel(request, panels):
    from knowledge.coordination import coordination_work

    work = coordination_work(request.user)
    if work is not None and work.anything:
        panels.append(CoordinationPanel(work))


def _explain_four_eyes(request, obj) -> None:
    """An editor who opens their own change under Vier-Augen-Freigabe learns why „Freigeben“
    is missing (the task refuses it; knowledge.models.review)."""
    from django.contrib import messages

    from knowledge.models.review import OWN_CHANGE_REFUSED, VierAugenFreigabeTask, authors_of_change

    if request.method != "GET":
        return
    task_state = getattr(obj, "current_workflow_task_state", None)
    if task_state is None or not isinstance(task_state.task.specific, VierAugenFreigabeTask):
        return
    if request.user.pk in authors_of_change(obj, task_state):
        messages.info(request, OWN_CHANGE_REFUSED)


@hooks.register("before_edit_page")
def explain_four_eyes_on_pages(request, page):
    _explain_four_eyes(request, page.specific)


@hooks.register("before_edit_snippet")
def explain_four_eyes_on_snippets(request, instance):
    _explain_four_eyes(request, instance)


@hooks.register("construct_snippet_action_menu")
def hide_direct_publish_under_four_eyes(menu_items, request, context):
    """Wagtail's snippet menu asks ``user.has_perm`` only; the permission policy of an agreement
    (``FourEyesPermissionPolicy``) also refuses direct publishing under the Vier-Augen-Freigabe."""
    from wagtail.permissions import policy_registry

    model = context.get("model")
    if model is None:
        return
    policy = policy_registry.get_by_type(model)
    if not policy.user_has_permission(request.user, "publish"):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    """„Import als Entwurf (Konflikt)“ in a page's history, with the import's German note."""
    from wagtail.log_actions import LogFormatter

    @actions.register_action("knowledge.import_conflict")
    class ImportConflict(LogFormatter):
        label = _("Import als Entwurf (Konflikt)")

        def format_message(self, log_entry):
            return log_entry.data.get("note", "")
