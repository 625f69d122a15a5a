"""The Anmeldesperre in the Wagtail admin (Einstellungen > Anmeldesperren): current failure
counters with their lock state, which an administrator lifts by deleting the counter, and the
log of failed logins, through German proxy models of django-axes' ones
(accounts/models.py). Only superusers (the portal's administrators) see either."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import Anmeldesperre, Fehlanmeldung


class AdministratorsPolicy(BasePermissionPolicy):
    """Superusers may do the given actions; nobody else anything."""

    def __init__(self, model: type, actions: Iterable[str]) -> None:
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action: str) -> bool:
        return bool(user.is_active and user.is_superuser and action in self.actions)

    def user_has_any_permission(self, user, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action: str) -> QuerySet:
        return self.users_with_any_permission([action])


def is_locked(attempt: Anmeldesperre) -> bool:
    return attempt.failures_since_start >= settings.KIM_LOGIN_FAILURES_PER_ACCOUNT


class LockStateColumn(Column):
    """ "gesperrt" or "nein" as text (Wagtail's BooleanColumn tells screen readers "True")."""

    def get_value(self, instance: Anmeldesperre) -> str:
        return str(_("gesperrt")) if is_locked(instance) else str(_("nein"))


class LockedOutColumn(Column):
    def get_value(self, instance: Fehlanmeldung) -> str:
        return str(_("ja")) if instance.locked_out else str(_("nein"))


class AccessAttemptViewSet(ModelViewSet):
    model = Anmeldesperre
    icon = "lock"
    menu_label = _("Anmeldesperren")
    name = "anmeldesperren"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        # the first column links to the details, with "Löschen" (lift the lock) in its menu
        "username",
        Column("ip_address", label=_("Adresse"), sort_key="ip_address"),
        Column("failures_since_start", label=_("Fehlversuche"), sort_key="failures_since_start"),
        LockStateColumn("locked", label=_("Gesperrt")),
        DateColumn("attempt_time", label=_("Letzter Versuch"), sort_key="attempt_time"),
        Column("path_info", label=_("Adresse im Portal")),
    ]
    search_fields = ["username", "ip_address"]
    # No add or edit (the policy allows neither); Wagtail still wants the form's fields.
    form_fields = ["username"]
    ordering = ["-attempt_time"]
    inspect_view_fields = [
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "failures_since_start",
        "attempt_time",
    ]


class AccessFailureLogViewSet(ModelViewSet):
    model = Fehlanmeldung
    icon = "list-ul"
    menu_label = _("Fehlgeschlagene Anmeldungen")
    name = "fehlanmeldungen"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "username",
        DateColumn("attempt_time", label=_("Zeitpunkt"), sort_key="attempt_time"),
        Column("ip_address", label=_("Adresse"), sort_key="ip_address"),
        Column("path_info", label=_("Adresse im Portal")),
        LockedOutColumn("locked_out", label=_("Gesperrt")),
    ]
    search_fields = ["username", "ip_address"]
    # No add or edit (the policy allows neither); Wagtail still wants the form's fields.
    form_fields = ["username"]
    ordering = ["-attempt_time"]
    inspect_view_fields = [
        "attempt_time",
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "locked_out",
    ]


register_permission_policy(Anmeldesperre, AdministratorsPolicy(Anmeldesperre, ["view", "delete"]))
register_permission_policy(Fehlanmeldung, AdministratorsPolicy(Fehlanmeldung, ["view"]))


class LockoutViewSetGroup(ModelViewSetGroup):
    menu_label = _("Anmeldesperren")
    menu_icon = "lock"
    menu_order = 620
    add_to_settings_menu = True
    items = (AccessAttemptViewSet, AccessFailureLogViewSet)
