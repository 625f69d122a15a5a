"""Admin for the spaces: the KIM-Koordination manages Gremien, seats, memberships, Sitzungen
and Beschlüsse as snippets (seats and agenda items inline)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from spaces.models import Beschluss, Gremium, Mitgliedschaft, Protokoll, Sitzung


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


class ProtokollViewSet(SnippetViewSet):
    """Minutes are written here; their status changes on the Sitzung page (with history)."""

    model = Protokoll
    icon = "doc-full"
    menu_label = _("Protokolle")
    list_display = ["sitzung", "status"]
    list_filter = ["status", "sitzung__gremium"]
    ordering = ["-sitzung__starts_at"]


class GremienGroup(SnippetViewSetGroup):
    items = (
        GremiumViewSet,
        MitgliedschaftViewSet,
        SitzungViewSet,
        ProtokollViewSet,
        BeschlussViewSet,
    )
    menu_icon = "group"
    menu_label = _("Gremien")
    menu_name = "gremien"


register_snippet(GremienGroup)
