"""Admin of the Verteilungsschlüssel (snippets group "Verteilungsschlüssel": Indikatoren and the
Zuständigkeiten of the case managers; keys and figures are edited in the portal, /verteilung/)
and the panel on the directory's Kommune view (portal/related.py, kind "kommune")."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge.models import Kommune
from verteilung.models import Indikator, Zustaendigkeit
from verteilung.permissions import may_manage, may_read


class IndikatorViewSet(SnippetViewSet):
    model = Indikator
    icon = "table"
    menu_label = _("Indikatoren")
    list_display = ["name", "einheit", "standard", "reihenfolge"]
    ordering = ["reihenfolge", "name"]


class ZustaendigkeitViewSet(SnippetViewSet):
    model = Zustaendigkeit
    icon = "group"
    menu_label = _("Zuständigkeiten Case Management")
    list_display = ["person", "kommune", "wochenstunden", "sprechtage", "ort"]
    list_filter = ["kommune"]
    list_export = ["person", "kontakt", "kommune", "wochenstunden", "sprechtage", "ort"]
    export_filename = "zustaendigkeiten-case-management"
    search_fields = ["person", "sprechtage", "ort"]
    ordering = ["kommune__name", "person"]


class VerteilungGroup(SnippetViewSetGroup):
    menu_label = _("Verteilungsschlüssel")
    menu_icon = "table"
    menu_order = 262
    items = (IndikatorViewSet, ZustaendigkeitViewSet)


register_snippet(VerteilungGroup)


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        _("Verteilungsschlüssel im Portal"),
        reverse("verteilung:overview"),
        icon_name="view",
        order=263,
    )


def kommune_panel(kommune, request) -> str:
    """The case managers of the Kommune with their consultation days and places, shown to
    everyone who reads the directory; the link to the Kommune's page only to those who may
    open it."""
    if not isinstance(kommune, Kommune):
        return ""
    zustaendigkeiten = list(kommune.zustaendigkeiten.all())
    user = request.user
    own = Kommune.objects.of_user(user) if may_read(user) and not may_manage(user) else None
    link = may_manage(user) or (own is not None and own.pk == kommune.pk)
    return render_to_string(
        "verteilung/panels/kommune.html",
        {"kommune": kommune, "zustaendigkeiten": zustaendigkeiten, "link": link},
        request=request,
    )


hooks.register("related_panels_kommune", kommune_panel)
