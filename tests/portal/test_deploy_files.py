"""The files in deploy/ fit the code: every command a unit or timer runs exists, every job
named in the documentation has a timer, the environment example names what production needs."""

import configparser
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
SYSTEMD = ROOT / "deploy" / "systemd"
PERIODIC_JOBS = {
    "publish_scheduled",
    "send_triage_digest",
    "send_rueckmeldungen",
    "purge_meldeboegen",
    "backup_portal",
    "report_inactive_accounts",
    "send_aufgaben_reminders",
    "send_evaluation_reminders",
    "send_digests",
}


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def test_every_timer_starts_an_existing_command():
    commands = set(get_commands())
    template = SYSTEMD / "kim-portal-job@.service"
    assert "manage.py %i" in unit(template)["Service"]["ExecStart"]
    jobs = set()
    for timer in SYSTEMD.glob("*.timer"):
        target = unit(timer)["Timer"]["Unit"]
        match = re.fullmatch(r"kim-portal-job@(\w+)\.service", target)
        assert match, f"{timer.name} starts {target}"
        assert match.group(1) in commands, f"{timer.name}: no command {match.group(1)}"
        jobs.add(match.group(1))
    assert jobs == PERIODIC_JOBS


@pytest.mark.parametrize("name", ["kim-portal.service", "kim-portal-worker.service"])
def test_services_run_the_production_stack(name):
    service = unit(SYSTEMD / name)["Service"]
    assert service["EnvironmentFile"] == "/etc/kim-portal/kim-portal.env"
    assert service["User"] == "kim-portal"
    command = service["ExecStart"]
    if "manage.py" in command:
        assert command.split("manage.py ")[1].split()[0] in get_commands()
    else:
        assert "gunicorn --config deploy/gunicorn.conf.py" in command


def test_environment_example_sets_what_production_requires():
    example = (ROOT / "deploy" / "kim-portal.env.example").read_text()
    names = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert {
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "PORTAL_BASE_URL",
        "KIM_KREIS_NAME",
        "KIM_VAR_DIR",
        "KIM_BACKUP_DIR",
    } <= names


def test_manage_wrapper_reads_the_environment_file_like_systemd(tmp_path):
    env_file = tmp_path / "kim-portal.env"
    env_file.write_text(
        '# comment\nDJANGO_SETTINGS_MODULE=portal.settings.dev\nKIM_KREIS_NAME="Kreis Unna"\n'
        f"DATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\n"
    )
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "deploy" / "kim-portal-manage"),
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.KIM_KREIS_NAME)",
        ],
        env={"KIM_ENV_FILE": str(env_file), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Kreis Unna"


def test_manage_wrapper_says_when_the_environment_file_is_missing(tmp_path):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "deploy" / "kim-portal-manage"), "check"],
        env={"KIM_ENV_FILE": str(tmp_path / "fehlt.env"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "Umgebungsdatei" in result.stderr
