"""Admin for the reference data: Kommunen and Organisationen as snippets with export."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge.models import Kommune, Organisation


class KommuneViewSet(SnippetViewSet):
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
    list_export = [
        "name",
        "ags",
        "has_auslaenderbehoerde",
        "has_einbuergerungsbehoerde",
        "has_jugendamt",
    ]
    export_filename = "kommunen"
    search_fields = ["name", "ags"]
    ordering = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisationen")
    list_display = ["name", "kind", "parent_name", "city"]
    list_filter = ["kind", "kommunen"]
    list_export = [
        "name",
        "kind",
        "parent_name",
        "street",
        "postcode",
        "city",
        "phone",
        "email",
        "website",
    ]
    export_filename = "organisationen"
    search_fields = ["name", "parent_name", "description"]
    ordering = ["name"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (KommuneViewSet, OrganisationViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Stammdaten")
    menu_name = "stammdaten"


register_snippet(ReferenceDataGroup)
