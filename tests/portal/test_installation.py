"""The production path, for real: an installation built only with the documented commands
(deploy/kim-portal-manage with an environment file, production settings), served by gunicorn,
backed up, destroyed and restored.

The installation gets its own database: a PostgreSQL database "<DATABASE_URL's name>_install"
when the suite runs on PostgreSQL (pg_dump/pg_restore are tested then), an SQLite file
otherwise. Building it takes about a minute (migrations, collectstatic), once per run.
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MANAGE = ROOT / "deploy" / "kim-portal-manage"
PASSWORD = "Koordination-im-Kreis-2026"  # noqa: S105
KREIS = "Kreis Teststadt"
GUIDANCE_TITLE = "Arbeitshilfe Sprachkurse mit Kinderbetreuung"
GUIDANCE_TEXT = "Kurse mit Kinderbetreuung vermittelt die Volkshochschule."
DOCUMENT_BYTES = b"Geschaeftsordnung der Lenkungsgruppe, Stand 2026"
MEDIA_BYTES = b"eine oeffentliche Bilddatei"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the database of the installation ---------------------------------------------------------


class PostgresDatabase:
    def __init__(self, url: str) -> None:
        config = dj_database_url.parse(url)
        self.name = f"{config['NAME']}_install"
        self.url = url.rsplit("/", 1)[0] + "/" + self.name
        self.admin = {
            "host": config["HOST"] or "127.0.0.1",
            "port": config["PORT"] or 5432,
            "user": config["USER"] or "postgres",
            "password": config["PASSWORD"] or None,
            "dbname": "postgres",
            "autocommit": True,
        }

    def create(self) -> None:
        with psycopg.connect(**self.admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with psycopg.connect(**self.admin) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class SqliteDatabase:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "kim-portal.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def create(self) -> None:
        self.path.unlink(missing_ok=True)

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)


# --- the installation -------------------------------------------------------------------------


class Installation:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.var = directory / "var"
        self.backups = directory / "backups"
        url = os.environ.get("DATABASE_URL", "")
        self.database = (
            PostgresDatabase(url) if url.startswith("postgres") else SqliteDatabase(directory)
        )
        self.env_file = directory / "kim-portal.env"
        self.environment = {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "installation-test-" + "k" * 48,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PORTAL_BASE_URL": "http://127.0.0.1:8000",
            "DATABASE_URL": self.database.url,
            "KIM_VAR_DIR": str(self.var),
            "KIM_BACKUP_DIR": str(self.backups),
            "KIM_KREIS_NAME": KREIS,
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # Plain HTTP on loopback, as with `make serve`.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            # The coordinator here has no authenticator app; the two-factor flow under
            # production settings has its own tests (tests/accounts/test_two_factor.py).
            "KIM_TWO_FACTOR_REQUIRED": "0",
        }
        self.env_file.write_text(
            "# written by tests/portal/test_installation.py\n"
            + "".join(f'{name}="{value}"\n' for name, value in self.environment.items())
        )

    def manage(self, *args: str, **extra_env: str) -> str:
        """deploy/kim-portal-manage, as the documentation runs it."""
        environment = {**os.environ, "KIM_ENV_FILE": str(self.env_file), **extra_env}
        environment.pop("DATABASE_URL", None)
        environment.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(MANAGE), *args],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)

    def destroy(self) -> None:
        """The disaster: the database and every uploaded file are gone."""
        self.database.drop()
        self.database.create()
        for child in self.var.iterdir():
            if child.name != "static":
                shutil.rmtree(child)

    @contextmanager
    def gunicorn(self, **overrides: str) -> Iterator[str]:
        port = free_port()
        environment = {
            **os.environ,
            **self.environment,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_ACCESS_LOG": "off",
            **overrides,
        }
        process = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_listening(process, port)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_listening(process: subprocess.Popen, port: int) -> None:
    """Bounded wait for gunicorn's socket (no timing assertion: only a limit for a hang)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped: {process.stderr.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail("gunicorn did not open its port within 60 s")


class Browser:
    """Cookies and the login form, as a browser would use them (urllib, no mocks)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()

    def login(self, username: str, password: str) -> tuple[str, str]:
        _status, _url, form = self.get("/konto/anmelden/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        ).encode()
        request = urllib.request.Request(self.base + "/konto/anmelden/", data=data)  # noqa: S310
        with self.opener.open(request, timeout=60) as response:
            return response.geturl(), response.read().decode()


@pytest.fixture(scope="module")
def installation(tmp_path_factory) -> Iterator[Installation]:
    """A portal installed with the documented steps only (docs/operations.md, "Erster Start")."""
    installation = Installation(tmp_path_factory.mktemp("installation"))
    installation.database.create()
    documents = installation.directory / "arbeitshilfen"
    documents.mkdir()
    (documents / "sprachkurse.md").write_text(f"# {GUIDANCE_TITLE}\n\n{GUIDANCE_TEXT}\n")
    try:
        installation.manage("upgrade_portal")
        installation.manage("setup_portal", "--kreis", KREIS)
        installation.manage(
            "create_coordinator",
            "k.koordination",
            "--email",
            "kim@kreis-teststadt.example",
            "--noinput",
            KIM_COORDINATOR_PASSWORD=PASSWORD,
        )
        installation.manage("import_knowledge", str(documents), "--publish")
        # Files in every place the portal keeps them: a document through its model (whatever
        # storage it uses) and a public file directly in MEDIA_ROOT.
        installation.shell(
            "from django.core.files.base import ContentFile\n"
            "from knowledge.models import KnowledgeDocument\n"
            "document = KnowledgeDocument(title='Geschäftsordnung')\n"
            f"document.file.save('geschaeftsordnung.txt', ContentFile({DOCUMENT_BYTES!r}))\n"
        )
        image = installation.var / "media" / "images" / "wappen.txt"
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(MEDIA_BYTES)
        yield installation
    finally:
        installation.database.drop()


def read_document(installation: Installation) -> str:
    return installation.shell(
        "from knowledge.models import KnowledgeDocument\n"
        "document = KnowledgeDocument.objects.get(title='Geschäftsordnung')\n"
        "print(document.file.open('rb').read().decode())\n"
    ).strip()


def assert_coordinator_reaches_the_guidance(base: str) -> None:
    browser = Browser(base)
    url, home = browser.login("k.koordination", PASSWORD)
    assert url == base + "/", "logged in, on the Startseite"
    assert KREIS in home
    status, _url, index = browser.get("/wissensbasis/")
    assert status == 200
    link = re.search(r'href="(/wissensbasis/[^"]+/)"[^>]*>\s*' + GUIDANCE_TITLE, index)
    assert link, "the imported page is listed"
    status, _url, page = browser.get(link.group(1))
    assert status == 200
    assert GUIDANCE_TEXT in page


def test_gunicorn_with_production_settings_serves_a_logged_in_coordinator(installation):
    with installation.gunicorn() as base:
        browser = Browser(base)
        assert browser.get("/healthz/")[:1] == (200,)
        # Anonymous visitors get the login, never content.
        status, url, _html = browser.get("/wissensbasis/")
        assert status == 200 and "/konto/anmelden/" in url
        # Static files come through whitenoise from the collected, hashed files.
        _status, _url, login = browser.get("/konto/anmelden/")
        css = re.search(r'href="(/static/portal/css/portal\.[0-9a-f]+\.css)"', login)
        assert css, "hashed stylesheet from the manifest"
        assert browser.get(css.group(1))[0] == 200
        assert_coordinator_reaches_the_guidance(base)


def test_healthz_is_503_while_the_database_is_unreachable(installation):
    unreachable = (
        f"postgres://postgres@127.0.0.1:{free_port()}/kim"
        if isinstance(installation.database, PostgresDatabase)
        else "sqlite:////nonexistent-kim-directory/kim-portal.sqlite3"
    )
    with installation.gunicorn(DATABASE_URL=unreachable) as base:
        status, _url, body = Browser(base).get("/healthz/")
    assert status == 503
    assert "Datenbank nicht erreichbar" in body


def test_upgrade_portal_on_an_up_to_date_installation_changes_nothing(installation):
    output = installation.manage("upgrade_portal", "--skip-collectstatic")
    assert "0 Migrationen angewendet" in output
    assert "nichts geändert" in output


def test_backup_destroy_restore_brings_database_and_files_back(installation):
    output = installation.manage("backup_portal")
    assert "Sicherung angelegt" in output
    (backup,) = [p for p in installation.backups.iterdir() if p.name.startswith("kim-portal-")]
    assert (backup / "manifest.json").is_file()
    assert oct(backup.stat().st_mode & 0o777) == "0o700"

    installation.destroy()
    assert not (installation.var / "media").exists()

    output = installation.manage("restore_portal", str(backup))
    assert "wiederhergestellt" in output
    assert read_document(installation) == DOCUMENT_BYTES.decode()
    assert (installation.var / "media" / "images" / "wappen.txt").read_bytes() == MEDIA_BYTES
    with installation.gunicorn() as base:
        assert_coordinator_reaches_the_guidance(base)

    # A second restore over the live data is refused unless asked for explicitly.
    environment = {**os.environ, "KIM_ENV_FILE": str(installation.env_file)}
    refused = subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), "restore_portal", str(backup)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert refused.returncode != 0
    assert "--replace" in refused.stderr
    output = installation.manage("restore_portal", str(backup), "--replace")
    assert read_document(installation) == DOCUMENT_BYTES.decode()
