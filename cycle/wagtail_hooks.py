"""Admin for the cycle (snippets group "KIM-Zyklus": Fallrekonstruktionen with participants and
the Dienstleistungskette inline, generative Themen with revisions) and the panels on report and
Beschluss pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cycle.models import Fallrekonstruktion, GenerativesThema
from cycle.panels import beschluss_panel, meldebogen_panel
from cycle.permissions import is_coordination


class FallrekonstruktionViewSet(SnippetViewSet):
    model = Fallrekonstruktion
    icon = "clipboard-list"
    menu_label = _("Fallrekonstruktionen")
    list_display = ["title", "date", "moderator", "status"]
    list_filter = ["status"]
    search_fields = ["title", "purpose", "findings"]
    ordering = ["-date"]


class GenerativesThemaViewSet(SnippetViewSet):
    model = GenerativesThema
    icon = "resubmit"
    menu_label = _("Generative Themen")
    list_display = ["title", "status", "beschluss", "arbeitsgruppe", "updated_at"]
    list_filter = ["status"]
    list_export = ["title", "status", "beschluss", "arbeitsgruppe", "zielsystem", "updated_at"]
    export_filename = "generative-themen"
    search_fields = ["title", "description"]
    ordering = ["title"]


class CycleGroup(SnippetViewSetGroup):
    menu_label = _("KIM-Zyklus")
    menu_icon = "resubmit"
    menu_order = 260
    items = (FallrekonstruktionViewSet, GenerativesThemaViewSet)


register_snippet(CycleGroup)


class OverviewMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordination(request.user)


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    return OverviewMenuItem(
        _("KIM-Zyklus im Portal"), reverse("cycle:overview"), icon_name="view", order=261
    )


hooks.register("related_panels_meldebogen", meldebogen_panel)
hooks.register("related_panels_beschluss", beschluss_panel)


@hooks.register("meldebogen_api_feedback")
def meldebogen_api_feedback(meldeboegen, user) -> dict[int, list[dict]]:
    """The reporter's feedback per report for the partner API's list of own reports
    (forms.api.list_meldeboegen): the themes as ``reporter_feedback`` shows them."""
    from cycle.feedback import reporter_feedback

    result = {}
    for meldebogen in meldeboegen:
        themen = reporter_feedback(meldebogen, user)["themen"]
        result[meldebogen.pk] = [
            {
                "thema": thema.title,
                "status": thema.status,
                "text": thema.status_text,
                "beschluss": thema.beschluss.title if thema.beschluss else "",
            }
            for thema in themen
        ]
    return result
