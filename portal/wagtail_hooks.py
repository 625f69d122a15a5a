"""Wagtail hooks: the intranet login rule on pages; the "E-Mail-Versand" (portal.mail's outbox)
with its resend action."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.login_required import page_requires_login
from portal.mail import resend
from portal.models import Postausgang


@hooks.register("before_serve_page")
def require_login_for_pages(page, request, serve_args, serve_kwargs):
    if request.user.is_authenticated or not page_requires_login(page.specific_class):
        return None
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


# --- E-Mail-Versand: the outbox of portal.mail ---------------------------------------------


class PostausgangPermissionPolicy(ModelPermissionPolicy):
    """Mails are looked at, and failed ones sent again ("change"); never added or deleted."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Postausgang, PostausgangPermissionPolicy(Postausgang))


class PostausgangIndexView(IndexView):
    def get_base_queryset(self):
        # Failed mails first: they are what the KIM-Koordination has to act on.
        return Postausgang.objects.order_by(
            F("failed_at").desc(nulls_last=True), F("sent_at").asc(nulls_first=True), "-pk"
        ).defer("message")


class PostausgangInspectView(InspectView):
    def get_erneut_senden_display_value(self):
        if self.object.sent_at is not None:
            return "–"
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return "–"
        return format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="{}"><button type="submit" class="button">Erneut senden</button></form>',
            reverse("portal_mail_resend", args=[self.object.pk]),
            get_token(self.request),
        )

    def get_field_label(self, field_name, field):
        if field_name == "erneut_senden":
            return "Erneut senden"
        if field_name == "zustand":
            return "Zustand"
        return super().get_field_label(field_name, field)

    def get_zustand_display_value(self):
        return self.object.zustand


class PostausgangViewSet(ModelViewSet):
    model = Postausgang
    icon = "mail"
    menu_label = "E-Mail-Versand"
    menu_order = 860
    add_to_admin_menu = True
    index_view_class = PostausgangIndexView
    inspect_view_class = PostausgangInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["subject", "kind", "zustand", "attempts", "created_at", "last_error"]
    list_filter = ["kind"]
    search_fields = ["subject", "kind"]
    form_fields = ["kind"]
    inspect_view_fields = [
        "kind",
        "subject",
        "to",
        "zustand",
        "created_at",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
        "failed_at",
        "erneut_senden",
    ]


@hooks.register("register_admin_viewset")
def register_postausgang_viewset():
    return PostausgangViewSet("e_mail_versand")


@require_POST
def resend_mail(request, pk: int):
    policy = PostausgangPermissionPolicy(Postausgang)
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied("Nur die KIM-Koordination sendet E-Mails erneut.")
    row = get_object_or_404(Postausgang, pk=pk)
    if resend([row]):
        messages.success(request, f"Die E-Mail „{row.subject}“ wird erneut gesendet.")
    else:
        messages.info(request, f"Die E-Mail „{row.subject}“ ist bereits versendet.")
    return redirect("e_mail_versand:index")


@hooks.register("register_admin_urls")
def register_mail_urls():
    return [path("e-mail-versand/<int:pk>/erneut-senden/", resend_mail, name="portal_mail_resend")]
