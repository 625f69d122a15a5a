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
