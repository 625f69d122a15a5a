"""WSGI entry of the hello-world baseline (see pagebench.hello)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pagebench.hello")
application = get_wsgi_application()
