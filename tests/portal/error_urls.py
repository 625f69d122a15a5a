"""A URLconf for the error-page tests: the portal's URLs plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import handler400, handler403, handler404, handler500
from portal.urls import urlpatterns as portal

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def crash(request):
    raise RuntimeError("Absichtlicher Fehler für den Test")


def refuse_without_reason(request):
    raise PermissionDenied


urlpatterns = [
    path("test-fehler/absturz/", crash),
    path("test-fehler/verweigert/", refuse_without_reason),
    path("api/v1/test-absturz/", crash),
    *portal,
]
