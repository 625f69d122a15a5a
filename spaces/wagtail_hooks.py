"""Admin for the spaces: the KIM-Koordination manages Gremien, seats, memberships, Sitzungen
and Beschlüsse as snippets (seats and agenda items inline)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from spaces.models import (
    Berichtigung,
    Beschluss,
    Ergebnisziel,
    Gremium,
    Gremiumsdokument,
    Indikator,
    Mitgliedschaft,
    Protokoll,
    Rahmenziel,
    Sitzung,
    Zielsystem,
)
from spaces.models.record import NOTICE_BERICHTIGUNG, NOTICE_BESCHLUSS, NOTICE_PROTOKOLL


class RecordEditView(EditView):
    """The edit view of a part of the official record: once frozen, the form shows read-only
    (its ``is_frozen``) and a German notice says why and what to do instead."""

    frozen_notice = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        if getattr(form, "is_frozen", False):
            messages.warning(self.request, self.frozen_notice)
        return context


class ProtokollEditView(RecordEditView):
    frozen_notice = NOTICE_PROTOKOLL


class BeschlussEditView(RecordEditView):
    frozen_notice = NOTICE_BESCHLUSS


class BerichtigungEditView(RecordEditView):
    frozen_notice = NOTICE_BERICHTIGUNG


class GremiumViewSet(SnippetViewSet):
    model = Gremium
    icon = "group"
    menu_label = _("Gremien")
    list_display = ["name", "kind", "prefix", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "mandate", "theme"]
    ordering = ["name"]


class MitgliedschaftViewSet(SnippetViewSet):
    model = Mitgliedschaft
    icon = "user"
    menu_label = _("Mitgliedschaften")
    list_display = ["user", "sitz", "started_on", "ended_on"]
    list_filter = ["sitz__gremium", "ended_on"]
    list_export = ["user", "sitz", "started_on", "ended_on"]
    export_filename = "mitgliedschaften"
    ordering = ["-started_on"]


class SitzungViewSet(SnippetViewSet):
    model = Sitzung
    icon = "date"
    menu_label = _("Sitzungen")
    list_display = ["title", "gremium", "starts_at", "status"]
    list_filter = ["gremium", "status"]
    search_fields = ["title", "location"]
    ordering = ["-starts_at"]


class BeschlussViewSet(SnippetViewSet):
    model = Beschluss
    icon = "tick-inverse"
    menu_label = _("Beschlüsse")
    list_display = ["number", "title", "gremium", "decided_on", "status", "shared_with_all"]
    list_filter = ["gremium", "status", "shared_with_all"]
    list_export = ["number", "title", "gremium", "decided_on", "status", "shared_with_all"]
    export_filename = "beschluesse"
    search_fields = ["number", "title", "text"]
    ordering = ["-decided_on", "-sequence"]
    edit_view_class = BeschlussEditView


class ProtokollViewSet(SnippetViewSet):
    """Minutes are written here; their status changes on the Sitzung page (with history)."""

    model = Protokoll
    icon = "doc-full"
    menu_label = _("Protokolle")
    list_display = ["sitzung", "status"]
    list_filter = ["status", "sitzung__gremium"]
    ordering = ["-sitzung__starts_at"]
    edit_view_class = ProtokollEditView


class BerichtigungViewSet(SnippetViewSet):
    """Berichtigungen of all Gremien for the KIM-Koordination: listed, inspected, drafts'
    wording editable; made and approved on the Sitzung page (with the diff and the mails)."""

    model = Berichtigung
    icon = "edit"
    menu_label = _("Berichtigungen")
    list_display = [
        Column("number", label=_("Nr."), sort_key="number"),
        "protokoll",
        Column("target_label", label=_("berichtigt")),
        "status",
        "created_at",
        "approved_at",
    ]
    list_filter = ["status", "protokoll__sitzung__gremium"]
    search_fields = ["reason", "new_text", "original_text"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "protokoll",
        "number",
        "status",
        "original_text",
        "new_title",
        "new_text",
        "reason",
        "created_by",
        "created_at",
        "approved_at",
    ]
    edit_view_class = BerichtigungEditView


class ZielsystemViewSet(SnippetViewSet):
    """A Zielsystem with its Grundsatzziele inline; the lower tiers have their own listings."""

    model = Zielsystem
    icon = "site"
    menu_label = _("Zielsysteme")
    list_display = ["title", "gremium", "status", "adopted_by", "shared_with_all"]
    list_filter = ["gremium", "status", "shared_with_all"]
    search_fields = ["title", "description"]
    ordering = ["gremium__name", "title"]


class RahmenzielViewSet(SnippetViewSet):
    """Rahmenziele with their Ergebnisziele inline."""

    model = Rahmenziel
    icon = "list-ul"
    menu_label = _("Rahmenziele")
    list_display = ["title", "grundsatzziel"]
    list_filter = ["grundsatzziel__zielsystem"]
    search_fields = ["title"]
    ordering = ["grundsatzziel__zielsystem__title", "sort_order"]


class ErgebniszielViewSet(SnippetViewSet):
    """Ergebnisziele with their Aktivitäten and Indikatoren inline."""

    model = Ergebnisziel
    icon = "tick"
    menu_label = _("Ergebnisziele und Aktivitäten")
    list_display = ["title", "rahmenziel"]
    list_filter = ["rahmenziel__grundsatzziel__zielsystem"]
    search_fields = ["title"]
    ordering = ["rahmenziel__grundsatzziel__zielsystem__title", "sort_order"]


class IndikatorViewSet(SnippetViewSet):
    """Indikatoren with their Messwerte inline (monitoring data)."""

    model = Indikator
    icon = "table"
    menu_label = _("Indikatoren und Messwerte")
    list_display = ["name", "ergebnisziel", "unit", "baseline", "target"]
    list_filter = ["ergebnisziel__rahmenziel__grundsatzziel__zielsystem"]
    search_fields = ["name"]
    ordering = ["name"]


class GremiumsdokumentViewSet(SnippetViewSet):
    """Documents the members shared in their spaces (the files live in private collections)."""

    model = Gremiumsdokument
    icon = "doc-full-inverse"
    menu_label = _("Dokumente der Gremien")
    list_display = ["document", "gremium", "uploaded_by", "uploaded_at"]
    list_filter = ["gremium"]
    ordering = ["-uploaded_at"]


class GremienGroup(SnippetViewSetGroup):
    items = (
        GremiumViewSet,
        MitgliedschaftViewSet,
        SitzungViewSet,
        ProtokollViewSet,
        BerichtigungViewSet,
        BeschlussViewSet,
        ZielsystemViewSet,
        RahmenzielViewSet,
        ErgebniszielViewSet,
        IndikatorViewSet,
        GremiumsdokumentViewSet,
    )
    menu_icon = "group"
    menu_label = _("Gremien")
    menu_name = "gremien"


register_snippet(GremienGroup)


@hooks.register("before_serve_document", order=-100)
def guard_space_documents(document, request) -> HttpResponse | None:
    """Wagtail's /documents/ URL of a space document: 404 for anyone who may not see the space
    (exactly like a missing file); everyone else is sent to the spaces download view."""
    from spaces.models import Gremium

    entry = Gremiumsdokument.objects.filter(document=document).select_related("gremium").first()
    if entry is None:
        if (
            document.collection_id
            and Gremium.objects.filter(collection_id=document.collection_id).exists()
        ):
            raise Http404  # in a space's collection without a record: never served
        return None
    if not Gremium.objects.visible_to(request.user).filter(pk=entry.gremium_id).exists():
        raise Http404
    return redirect(entry.get_absolute_url())
