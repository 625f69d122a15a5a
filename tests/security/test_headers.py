"""Security headers: Content-Security-Policy the pages pass, framing, referrer, features."""

import base64
import hashlib
import re

from django.test import Client, override_settings

from portal import views


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    result = {}
    for part in policy.split(";"):
        name, *values = part.split()
        result[name] = values
    return result


def test_portal_pages_allow_only_own_scripts_and_no_framing(client, db):
    response = client.get("/konto/anmelden/")
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_has_its_own_relaxed_policy_but_loads_nothing_from_elsewhere(client, koordination):
    client.force_login(koordination)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the preview panel frames admin pages
    assert "gravatar" not in response.content.decode()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


PAGES = [
    "/konto/anmelden/",
    "/konto/passwort-vergessen/",
    "/",
    "/suche/?q=Sprachkurs",
    "/meldeboegen/meine/",
    "/gibt-es-nicht/",
]


def test_portal_pages_have_no_inline_script_or_style_element(client, demo):
    """Inline scripts, event handler attributes and <style> elements would be blocked by the
    policy: the page would lose its behaviour or look."""
    for path in PAGES:
        if path == "/":
            client.login(username="ib-balve", password="kim-demo-2026")
        response = client.get(path, follow=True)
        html = response.content.decode()
        assert "Content-Security-Policy" in response.headers, path
        assert not INLINE_SCRIPT.search(html), (path, INLINE_SCRIPT.search(html).group(0))
        assert not EVENT_HANDLER.search(html), (path, EVENT_HANDLER.search(html).group(0))
        assert "<style" not in html, path


@override_settings(ROOT_URLCONF="tests.portal.error_urls")
def test_the_500_page_allows_exactly_its_own_inline_styles(db, partner):
    client = Client(raise_request_exception=False)
    client.force_login(partner)
    response = client.get("/test-fehler/absturz/")
    assert response.status_code == 500
    block = re.search(rb"<style>(.*?)</style>", response.content, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(block).digest()).decode()
    assert directives(response)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert "'unsafe-inline'" not in directives(response)["style-src"]


def test_the_400_page_keeps_its_styles_too(rf):
    response = views.bad_request(rf.get("/"))
    assert response._csp_update["style-src"][0].startswith("'sha256-")


@override_settings(
    SECURITY_CONTACT="sicherheit@kreis.example", PORTAL_BASE_URL="https://kim.example"
)
def test_security_txt_names_the_contact_without_login(client, db):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:sicherheit@kreis.example" in lines
    assert "Canonical: https://kim.example/.well-known/security.txt" in lines
    assert any(line.startswith("Expires: 20") and line.endswith("Z") for line in lines)


@override_settings(SECURITY_CONTACT="")
def test_without_a_contact_there_is_no_security_txt(client, make_user):
    client.force_login(make_user("m.muster"))
    assert client.get("/.well-known/security.txt").status_code == 404
