"""Admin integration of the search: the promotions menu item under the portal's own name."""

from wagtail import hooks

PROMOTIONS_MENU_LABEL = "Empfohlene Treffer"


@hooks.register("construct_settings_menu")
def rename_promotions_menu_item(request, menu_items) -> None:
    """Wagtail calls them "Hervorgehobene Suchergebnisse"; the portal says "Empfohlene Treffer"."""
    for item in menu_items:
        if item.name == "promoted-search-results":
            item.label = PROMOTIONS_MENU_LABEL
