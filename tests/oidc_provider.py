"""A real OpenID provider for the single sign-on tests: panva/oidc-provider from the npm
registry (tests/idp, installed by scripts/ensure-system-packages with ``npm ci``), started with
Node.js on a loopback port and stopped by the tests.

Its development interactions show a login form (the account id as login, any password) and a
consent page. Accounts: ``mmuster`` (group kim-koordination) and ``nohne`` (only a group no
role maps to).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

IDP_DIR = Path(__file__).resolve().parent / "idp"
CLIENT_ID = "kim-portal"
CLIENT_SECRET = "kim-portal-test-secret"  # noqa: S105
PORTS = range(int(os.environ.get("KIM_TEST_IDP_PORT", "3895")), 3900)
ACCOUNTS = {
    "mmuster": {
        "preferred_username": "mmuster",
        "given_name": "Maria",
        "family_name": "Muster",
        "email": "maria.muster@kreis.example",
        "email_verified": True,
        "groups": ["kim-koordination", "kantine"],
    },
    "nohne": {
        "preferred_username": "nohne",
        "given_name": "Nora",
        "family_name": "Ohne",
        "email": "nora.ohne@kreis.example",
        "email_verified": True,
        "groups": ["kantine"],
    },
}


def _free_port() -> int:
    for port in PORTS:
        with contextlib.closing(socket.socket()) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS} for the OpenID provider")


@pytest.fixture(scope="module")
def openid_provider(live_server):
    """The provider's issuer URL, with the portal under live_server as its client."""
    node = shutil.which("node")
    if node is None or not (IDP_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail(
            "The single sign-on tests need Node.js and tests/idp/node_modules: "
            "run scripts/ensure-system-packages (make test does).",
            pytrace=False,
        )
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "IDP_PORT": str(port),
        "IDP_CLIENT": json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uri": f"{live_server.url}/konto/sso/rueckkehr/",
            }
        ),
        "IDP_ACCOUNTS": json.dumps(ACCOUNTS),
    }
    process = subprocess.Popen(  # noqa: S603
        [node, "server.mjs"],
        cwd=IDP_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace")
                pytest.fail(f"the OpenID provider did not start: {error}", pytrace=False)
            try:
                discovery = f"{issuer}/.well-known/openid-configuration"
                with urllib.request.urlopen(discovery, timeout=2):  # noqa: S310 - loopback http
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the OpenID provider did not answer within 20 s", pytrace=False)
                time.sleep(0.2)
        yield issuer
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def sso_settings(settings, openid_provider):
    """The portal's settings as docs/operations.md describes them."""
    from accounts import roles

    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{openid_provider}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{openid_provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{openid_provider}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{openid_provider}/jwks"
    settings.OIDC_ROLE_MAP = {"kim-koordination": roles.KOORDINATION}
    settings.AUTHENTICATION_BACKENDS = [
        "accounts.lockout.LockoutBackend",
        "accounts.sso.SSOBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    return settings
