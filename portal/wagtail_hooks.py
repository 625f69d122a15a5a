"""Wagtail hooks that enforce the intranet login rule on pages."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from wagtail import hooks

from portal.login_required import page_requires_login


@hooks.register("before_serve_page")
def require_login_for_pages(page, request, serve_args, serve_kwargs):
    if request.user.is_authenticated or not page_requires_login(page.specific_class):
        return None
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
