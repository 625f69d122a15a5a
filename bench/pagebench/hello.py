"""The baseline of bench/pages.py: Django's hello world, one view, no middleware, no database.

Settings and URLconf in one module; served by gunicorn as ``pagebench.hello_wsgi:application``
with ``DJANGO_SETTINGS_MODULE=pagebench.hello`` (``--chdir bench``).
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-hello-world-only-never-a-real-secret-key-0123456789abcdef"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "pagebench.hello"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_TZ = True


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, World!", content_type="text/plain")


urlpatterns = [path("", hello)]
