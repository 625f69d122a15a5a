"""System checks of the portal's own settings (run by ``manage.py check``).

``check --deploy`` warns when PORTAL_BASE_URL, the address in every link the portal sends by
e-mail (and Wagtail's WAGTAILADMIN_BASE_URL), is missing or local, not https, or names a host
that ALLOWED_HOSTS would refuse: the recipients would click links that lead nowhere.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register
from django.http.request import validate_host

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 (host names, no bind)

HINT = (
    "Set the environment variable PORTAL_BASE_URL to the portal's public address, "
    "e.g. https://kim.example.org (see docs/configuration.md)."
)


@register(Tags.security, deploy=True)
def check_portal_base_url(app_configs=None, **kwargs) -> list[CheckMessage]:
    base_url = getattr(settings, "PORTAL_BASE_URL", "") or ""
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if not base_url or not host or host in LOCAL_HOSTS:
        return [
            Warning(
                f"PORTAL_BASE_URL is missing or points to this machine ({base_url or 'empty'}): "
                "links in e-mails will not reach the portal.",
                hint=HINT,
                id="portal.W001",
            )
        ]
    messages = []
    if parts.scheme != "https":
        messages.append(
            Warning(
                f"PORTAL_BASE_URL ({base_url}) does not use https: links in e-mails would "
                "send users to the portal unencrypted.",
                hint="Use the https address of the portal.",
                id="portal.W002",
            )
        )
    if not validate_host(host, settings.ALLOWED_HOSTS):
        messages.append(
            Warning(
                f"The host of PORTAL_BASE_URL ({host}) is not in ALLOWED_HOSTS: the portal would "
                "answer the links in its own e-mails with 400 Bad Request.",
                hint="Add the host to ALLOWED_HOSTS or correct PORTAL_BASE_URL.",
                id="portal.W003",
            )
        )
    return messages
