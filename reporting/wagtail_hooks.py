"""A menu item in the Wagtail admin that leads the KIM-Koordination to the reporting dashboard
(the dashboard holds the exports and the Sachstandsbericht)."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reporting.permissions import may_view_reports


class BerichteMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_view_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_berichte_menu_item():
    return BerichteMenuItem(
        "Berichte und Exporte",
        reverse("reporting:dashboard"),
        icon_name="table",
        order=270,
    )
