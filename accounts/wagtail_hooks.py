"""Admin for user profiles. API tokens use Wagtail's own admin (Benutzer > API-Tokens)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.lockout_admin import LockoutViewSetGroup
from accounts.models import Profile


class ProfileViewSet(ModelViewSet):
    model = Profile
    icon = "user"
    menu_label = _("Benutzerprofile")
    menu_order = 610
    add_to_settings_menu = True
    list_display = ["user", "organisation", "kommune", "function"]
    list_filter = ["kommune", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "function"]
    form_fields = ["user", "organisation", "kommune", "function"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ProfileViewSet("profiles")


@hooks.register("register_admin_viewset")
def register_lockout_viewsets():
    return LockoutViewSetGroup()


@hooks.register("register_settings_menu_item")
def register_accounts_menu_item():
    """The KIM-Koordination's account pages (invitations, unused accounts, audit log) live in
    the portal (/konto/einladungen/); the admin links there."""
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from accounts.permissions import MANAGE_ACCOUNTS

    class AccountsMenuItem(MenuItem):
        def is_shown(self, request) -> bool:
            return MANAGE_ACCOUNTS.allows(request.user)

    return AccountsMenuItem(
        _("Einladungen und Konten"), reverse("accounts:invitations"), icon_name="mail", order=605
    )
