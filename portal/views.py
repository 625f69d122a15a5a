"""Error views and small project-wide views."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 for members; anonymous visitors are sent to the login so URLs reveal nothing."""
    if not request.user.is_authenticated and not request.path_info.startswith("/api/"):
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
