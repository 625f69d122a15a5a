"""A real OpenLDAP server for the directory sign-in tests: Debian's slapd (installed by
scripts/ensure-system-packages) with a throwaway configuration and database in a temporary
directory, on a loopback port, started and stopped by the tests; like PostgreSQL in CI.

The directory (dc=kreis,dc=example) has people under ou=people and groups of names under
ou=gruppen; :class:`Slapd` adds, changes and deletes entries as its administrator.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import ldap3
import pytest

SLAPD = Path("/usr/sbin/slapd")
SCHEMAS = Path("/etc/ldap/schema")
BASE = "dc=kreis,dc=example"
PEOPLE = f"ou=people,{BASE}"
GROUPS = f"ou=gruppen,{BASE}"
ADMIN_DN = f"cn=admin,{BASE}"
ADMIN_PASSWORD = "slapd-admin-secret"  # noqa: S105
# the lead's port range for this project's test servers; the first free one is used
PORTS = range(int(os.environ.get("KIM_TEST_LDAP_PORT", "3890")), 3900)

CONFIG = """\
include {schemas}/core.schema
include {schemas}/cosine.schema
include {schemas}/inetorgperson.schema
include {schemas}/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {tmp}/slapd.pid
database mdb
maxsize 10485760
suffix "{base}"
rootdn "{admin}"
rootpw {password}
directory {tmp}/data
access to attrs=userPassword by anonymous auth by self write by * none
access to * by users read by * none
"""


def _free_port() -> int:
    for port in PORTS:
        with contextlib.closing(socket.socket()) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS} for slapd")


class Slapd:
    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="kim-slapd-"))
        self.port = _free_port()
        self.uri = f"ldap://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        if not SLAPD.exists():
            pytest.fail(
                f"The directory tests need Debian's slapd at {SLAPD}: "
                "run scripts/ensure-system-packages (make test does).",
                pytrace=False,
            )
        (self.tmp / "data").mkdir()
        conf = self.tmp / "slapd.conf"
        conf.write_text(
            CONFIG.format(
                schemas=SCHEMAS, tmp=self.tmp, base=BASE, admin=ADMIN_DN, password=ADMIN_PASSWORD
            )
        )
        # -d: stay in the foreground (a child of the tests); "0": log nothing
        self.process = subprocess.Popen(  # noqa: S603
            [str(SLAPD), "-f", str(conf), "-h", f"{self.uri}/", "-d", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode(errors="replace")
                pytest.fail(f"slapd did not start: {error}", pytrace=False)
            try:
                with self.admin() as connection:
                    connection.add(
                        BASE, ["dcObject", "organization"], {"o": "Kreis", "dc": "kreis"}
                    )
                    connection.add(PEOPLE, ["organizationalUnit"], {"ou": "people"})
                    connection.add(GROUPS, ["organizationalUnit"], {"ou": "gruppen"})
                return
            except ldap3.core.exceptions.LDAPSocketOpenError:
                time.sleep(0.1)
        pytest.fail("slapd did not answer within 15 seconds", pytrace=False)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)

    @contextlib.contextmanager
    def admin(self):
        connection = ldap3.Connection(
            ldap3.Server(self.uri), ADMIN_DN, ADMIN_PASSWORD, auto_bind=True, raise_exceptions=True
        )
        try:
            yield connection
        finally:
            connection.unbind()

    def add_person(self, uid: str, password: str, given: str, surname: str, **extra) -> str:
        dn = f"uid={uid},{PEOPLE}"
        with self.admin() as connection:
            connection.add(
                dn,
                ["inetOrgPerson"],
                {
                    "uid": uid,
                    "cn": f"{given} {surname}",
                    "givenName": given,
                    "sn": surname,
                    "mail": f"{uid}@kreis.example",
                    "userPassword": password,
                    **extra,
                },
            )
        return dn

    def add_group(self, cn: str, *member_dns: str) -> str:
        dn = f"cn={cn},{GROUPS}"
        with self.admin() as connection:
            # groupOfNames needs a member; the group's own DN stands in for an empty group
            connection.add(dn, ["groupOfNames"], {"cn": cn, "member": list(member_dns) or [dn]})
        return dn

    def modify(self, dn: str, changes: dict) -> None:
        with self.admin() as connection:
            connection.modify(dn, changes)

    def delete(self, dn: str) -> None:
        with self.admin() as connection:
            connection.delete(dn)


@pytest.fixture(scope="module")
def slapd():
    """A running slapd with Maria Muster (KIM-Koordination), Carl Case (Case Management) and
    Nora Ohne (in a group no role maps to); passwords: ``<uid>-Passwort-1``."""
    server = Slapd()
    server.start()
    try:
        muster = server.add_person("mmuster", "mmuster-Passwort-1", "Maria", "Muster")
        case = server.add_person("ccase", "ccase-Passwort-1", "Carl", "Case")
        ohne = server.add_person("nohne", "nohne-Passwort-1", "Nora", "Ohne")
        server.groups = {
            "koordination": server.add_group("kim-koordination", muster),
            "case": server.add_group("case-management", case),
            "kantine": server.add_group("kantine", ohne, muster),
        }
        server.people = {"mmuster": muster, "ccase": case, "nohne": ohne}
        yield server
    finally:
        server.stop()


@pytest.fixture
def directory_settings(settings, slapd):
    """The portal's settings as docs/operations.md describes them for OpenLDAP."""
    from accounts import roles

    settings.LDAP_SERVER_URI = slapd.uri
    settings.LDAP_AUTH_URL = [slapd.uri]
    settings.LDAP_AUTH_SEARCH_BASE = PEOPLE
    settings.LDAP_GROUP_SEARCH_BASE = GROUPS
    settings.LDAP_USER_FILTER = "(!(description=deaktiviert))"
    settings.LDAP_ROLE_GROUPS = {
        slapd.groups["koordination"]: roles.KOORDINATION,
        slapd.groups["case"]: roles.CASE_MANAGEMENT,
    }
    settings.AUTHENTICATION_BACKENDS = [
        "accounts.lockout.LockoutBackend",
        "accounts.directory.DirectoryBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    return settings
