"""/healthz/: 200 while the database answers, 503 when it does not; no login, no data, no cache."""

import copy
import socket
from contextlib import contextmanager

from django.db import connections
from django.db.utils import load_backend


def closed_port() -> int:
    """A loopback port nobody listens on (bound once by us, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def unreachable_database():
    """Point the default connection at a database that cannot be reached, for real: PostgreSQL
    on a closed port, SQLite in a directory that does not exist."""
    original = connections["default"]
    settings_dict = copy.deepcopy(original.settings_dict)
    if original.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        settings_dict["NAME"] = "/nonexistent-kim-directory/kim-portal.sqlite3"
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = broken
    try:
        yield
    finally:
        broken.close()
        connections["default"] = original


def test_healthz_answers_ok_without_login(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def test_healthz_answers_503_when_the_database_is_unreachable(client, db):
    with unreachable_database():
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert "Datenbank nicht erreichbar" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # The reason stays in the log: nothing about the database leaks into the answer.
    assert "127.0.0.1" not in response.content.decode()
    # And the portal answers again once the database is back.
    assert client.get("/healthz/").status_code == 200


def test_healthz_only_reads(client, db):
    assert client.post("/healthz/").status_code == 405
