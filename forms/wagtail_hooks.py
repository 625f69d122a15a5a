"""Admin: Meldebögen (read-only: the triage happens in the portal, forms/triage_views.py),
Themen, Löschprotokolle, the "Verzeichnis von Verarbeitungstätigkeiten" entry and a link to the
triage's work list, grouped under "Meldebögen". The service levels (Bearbeitungsfristen) are a
Wagtail setting (forms.models)."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forms import processing_record
from forms.anonymity import KIND_LABELS
from forms.models import Meldebogen, RetentionLog, Thema
from forms.permissions import TRIAGE


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view": reports and logs are not edited or deleted in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Meldebogen, ReadOnlyPermissionPolicy(Meldebogen))
register_permission_policy(RetentionLog, ReadOnlyPermissionPolicy(RetentionLog))


# Drafts belong to their authors; the coordination sees submitted reports only.
class MeldebogenIndexView(IndexView):
    def get_base_queryset(self):
        return Meldebogen.objects.submitted().select_related("thema")


class MeldebogenInspectView(InspectView):
    EXTRA_LABELS = {
        "sichtung": _("Sichtung"),
        "bestaetigte_funde": _("Bestätigte Funde der Anonymitätsprüfung"),
        "anhaenge_liste": _("Anhänge"),
    }

    def get_object(self, queryset=None):
        return get_object_or_404(Meldebogen.objects.submitted(), pk=unquote(str(self.pk)))

    def get_field_label(self, field_name, field):
        if field_name in self.EXTRA_LABELS:
            return self.EXTRA_LABELS[field_name]
        return super().get_field_label(field_name, field)

    def get_zielgruppen_display_value(self):
        return ", ".join(self.object.zielgruppen_labels()) or "-"

    def get_rechtskreise_display_value(self):
        return ", ".join(self.object.rechtskreise_labels()) or "-"

    def get_huerden_display_value(self):
        return ", ".join(self.object.huerden_labels()) or "-"

    def get_bestaetigte_funde_display_value(self):
        findings = self.object.confirmed_findings.select_related("confirmed_by")
        return (
            "; ".join(
                f"{finding.field}: „{finding.text}“ ({KIND_LABELS.get(finding.kind, finding.kind)})"
                for finding in findings
            )
            or "-"
        )

    def get_sichtung_display_value(self):
        return format_html(
            '<a href="{}">In der Sichtung öffnen (Status, Verlauf, Notizen, Rückfragen)</a>',
            reverse("forms:triage", args=[self.object.pk]),
        )

    def get_anhaenge_liste_display_value(self):
        links = [
            format_html('<a href="{}">{}</a>', anhang.get_absolute_url(), anhang.original_name)
            for anhang in self.object.anhaenge.all()
        ]
        return format_html_join(", ", "{}", ((link,) for link in links)) or "-"


class MeldebogenViewSet(ModelViewSet):
    model = Meldebogen
    index_view_class = MeldebogenIndexView
    inspect_view_class = MeldebogenInspectView
    icon = "form"
    menu_label = _("Eingegangene Meldebögen")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["reference", "thema", "status", "frist", "submitted_at", "haeufigkeit"]
    list_filter = ["status", "thema", "haeufigkeit", "kommunen"]
    search_fields = ["reference", "organisation_name"]
    form_fields = ["status"]
    inspect_view_fields = [
        "reference",
        "sichtung",
        "status",
        "frist",
        "submitted_at",
        "organisation_name",
        "rolle",
        "kommunen",
        "thema",
        "zielgruppen",
        "rechtskreise",
        "situation",
        "huerden",
        "beteiligte_stellen",
        "versucht",
        "haeufigkeit",
        "vorschlag",
        "fallrekonstruktion",
        "anhaenge_liste",
        "bestaetigte_funde",
        "free_text_deleted_at",
    ]
    list_export = ["reference", "status", "frist", "submitted_at", "thema", "haeufigkeit"]
    export_filename = "meldeboegen"


class ThemaViewSet(SnippetViewSet):
    model = Thema
    icon = "tag"
    menu_label = _("Themen")
    list_display = ["name", "sort_order", "active"]
    ordering = ["sort_order", "name"]


class RetentionLogViewSet(ModelViewSet):
    model = RetentionLog
    icon = "bin"
    menu_label = _("Löschprotokoll")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "run_at",
        "drafts_deleted",
        "reports_anonymised",
        "attachments_deleted",
    ]
    form_fields = ["draft_days"]


class MeldeboegenGroup(ViewSetGroup):
    menu_label = _("Meldebögen")
    menu_icon = "form"
    menu_order = 250
    items = (
        MeldebogenViewSet("meldeboegen"),
        ThemaViewSet,
        RetentionLogViewSet("meldebogen_loeschprotokoll"),
    )


# register_snippet also registers the group's plain model viewsets.
register_snippet(MeldeboegenGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "meldeboegen/verarbeitungsverzeichnis/",
            processing_record.processing_record_view,
            name="meldeboegen_processing_record",
        )
    ]


class ProcessingRecordMenuItem(MenuItem):
    def is_shown(self, request):
        return TRIAGE.allows(request.user)


@hooks.register("register_settings_menu_item")
def register_processing_record_menu_item():
    return ProcessingRecordMenuItem(
        _("Verarbeitungsverzeichnis Meldebögen"),
        reverse("meldeboegen_processing_record"),
        icon_name="doc-full",
        order=900,
    )


class WorklistMenuItem(MenuItem):
    def is_shown(self, request):
        return TRIAGE.allows(request.user)


@hooks.register("register_admin_menu_item")
def register_worklist_menu_item():
    return WorklistMenuItem(
        _("Sichtung der Meldebögen"),
        reverse("forms:worklist"),
        icon_name="tasks",
        order=251,
    )
