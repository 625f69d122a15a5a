"""deploy/nginx/kim-portal-files.conf in a real nginx in front of the portal (live server):
private files only through the permission-checked views and X-Accel-Redirect, /media/ only
for images, /_private/ never from outside."""

import getpass
import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.test import Client

from accounts import roles
from knowledge.models import KnowledgeDocument
from spaces.models import Gremiumsdokument, gremium_collection
from tests.spaces.conftest import make_gremium, seat

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SNIPPET = Path(django_settings.BASE_DIR) / "deploy" / "nginx" / "kim-portal-files.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
SECRET = b"Nur fuer die Lenkungsgruppe: Stellenplanung 2027"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(tmp_path, live_server):
    """nginx on loopback with the deploy snippet (its paths pointed at this test's folders),
    passing everything else to the live server."""
    if NGINX is None:
        pytest.skip("nginx is not installed (scripts/ensure-system-packages installs nginx-light)")
    media, private = tmp_path / "media", tmp_path / "private"
    snippet = (
        SNIPPET.read_text()
        .replace("/var/lib/kim-portal/media/", f"{media}/")
        .replace("/var/lib/kim-portal/private/", f"{private}/")
    )
    assert "/var/lib/kim-portal" not in snippet.split("# Public:")[1]
    (tmp_path / "kim-portal-files.conf").write_text(snippet)
    port = free_port()
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"""{user}
daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    server {{
        listen 127.0.0.1:{port};
        include {tmp_path}/kim-portal-files.conf;
        location / {{
            proxy_pass {live_server.url};
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""
    )
    process = subprocess.Popen(  # noqa: S603 - our own binary and configuration
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.05)
    try:
        yield {"port": port, "media": media, "private": private}
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(port: int, path: str, session: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_nginx_delivers_private_files_only_after_the_permission_check(nginx, settings, make_user):
    settings.MEDIA_ROOT = nginx["media"]
    settings.PRIVATE_MEDIA_ROOT = nginx["private"]
    settings.PRIVATE_FILES_SERVE = "nginx"
    gremium = make_gremium("Lenkungsgruppe", "lenkungsgruppe", "LG")
    member = make_user("mitglied", roles.INTEGRATIONSBEAUFTRAGTE)
    seat(gremium, member)
    outsider = make_user("aussen", roles.INTEGRATIONSBEAUFTRAGTE)
    document = KnowledgeDocument.objects.create(
        title="Protokoll",
        file=ContentFile(SECRET, name="Protokoll März.txt"),
        collection=gremium_collection(gremium),
    )
    entry = Gremiumsdokument.objects.create(gremium=gremium, document=document)
    handout = KnowledgeDocument.objects.create(
        title="Handreichung", file=ContentFile(b"Handreichung", name="handreichung.txt")
    )
    (nginx["media"] / "original_images").mkdir(parents=True)
    (nginx["media"] / "original_images" / "logo.png").write_bytes(b"\x89PNG logo")
    (nginx["media"] / "documents").mkdir()
    (nginx["media"] / "documents" / "Protokoll_alt.txt").write_bytes(SECRET)
    port, url = nginx["port"], entry.get_absolute_url()
    member_session, outsider_session = session_of(member), session_of(outsider)

    response = get(port, url, member_session)
    assert response.status == 200
    assert response.body == SECRET
    assert response.getheader("Content-Disposition") == (
        "attachment; filename*=utf-8''Protokoll%20M%C3%A4rz.txt"
    )
    assert response.getheader("Cache-Control") == "private, no-store"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Content-Security-Policy") == "default-src 'none'"
    assert response.getheader("X-Accel-Redirect") is None
    assert get(port, handout.url, outsider_session).body == b"Handreichung"

    assert get(port, url, outsider_session).status == 404
    assert get(port, document.url, outsider_session).status == 404
    anonymous = get(port, url)
    assert anonymous.status == 302 and "/konto/" in anonymous.getheader("Location")
    for path in (
        f"/_private/{document.file.name}",
        f"/media/{document.file.name}",
        "/media/documents/Protokoll_alt.txt",
        "/media/original_images/../documents/Protokoll_alt.txt",
    ):
        for session in (member_session, None):
            response = get(port, path, session)
            assert response.status == 404, path
            assert SECRET not in response.body, path
    assert get(port, "/media/original_images/logo.png").body == b"\x89PNG logo"
