"""The portal's icon: named in every page's head and answered at /favicon.ico, without login."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static


@pytest.mark.django_db
def test_browsers_find_the_portal_icon_without_signing_in(client):
    icon_url = static("portal/favicon.svg")
    login_page = client.get("/konto/anmelden/")
    assert f'rel="icon" href="{icon_url}"' in login_page.content.decode()
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"] == icon_url
    assert Path(finders.find("portal/favicon.svg")).read_text().lstrip().startswith("<svg")
