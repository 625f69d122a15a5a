import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x7#kq2!vz9@m4pl8n3$w6r1t5y0u2i8o4p6a3s9d7f1g5h2j8k0l",
        ALLOWED_HOSTS="kim.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PORTAL_BASE_URL="https://kim.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_secret_key(tmp_path):
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="",
        ALLOWED_HOSTS="kim.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PORTAL_BASE_URL="https://kim.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7#kq2!vz9@m4pl8n3$w6r1t5y0u2i8o4p6a3s9d7f1g5h2j8k0l",
    "ALLOWED_HOSTS": "kim.example.org",
}


def production_env(tmp_path, **overrides: str) -> dict[str, str]:
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **overrides}
    return {name: value for name, value in env.items() if value is not None}


def test_production_settings_refuse_a_missing_portal_base_url(tmp_path):
    """Without it, every link in the portal's e-mails pointed to http://127.0.0.1:8000."""
    for value in ("", "kim.example.org"):
        result = run_manage("check", **production_env(tmp_path, PORTAL_BASE_URL=value))
        assert result.returncode != 0
        assert "ImproperlyConfigured: PORTAL_BASE_URL must be the portal's public address" in (
            result.stderr
        )


def test_production_links_in_mails_use_the_portal_base_url(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        **production_env(tmp_path, PORTAL_BASE_URL="https://kim.example.org/"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://kim.example.org"


def test_deploy_check_warns_about_a_plain_http_portal_base_url(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        **production_env(
            tmp_path, PORTAL_BASE_URL="http://kim.example.org", SECURE_SSL_REDIRECT="on"
        ),
    )
    assert "portal.W002" in result.stderr + result.stdout
    assert "does not use https" in result.stderr + result.stdout


def test_interface_is_german_in_berlin_time():
    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.USE_TZ


def test_database_comes_from_database_url():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    )
    assert settings.DATABASES["default"]["ENGINE"].endswith(expected)
