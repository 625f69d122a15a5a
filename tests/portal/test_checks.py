"""`check --deploy` warns about a PORTAL_BASE_URL that would break the links in e-mails."""

import pytest
from django.core import checks
from django.test import override_settings

from portal.checks import check_portal_base_url


def warning_ids(**settings) -> list[str]:
    with override_settings(**settings):
        return [message.id for message in check_portal_base_url()]


@pytest.mark.parametrize(
    "base_url", ["", "http://127.0.0.1:8000", "https://localhost", "http://[::1]:8000", "kim"]
)
def test_missing_or_local_base_url_is_reported(base_url):
    assert warning_ids(PORTAL_BASE_URL=base_url, ALLOWED_HOSTS=["*"]) == ["portal.W001"]


def test_plain_http_is_reported():
    ids = warning_ids(PORTAL_BASE_URL="http://kim.example.org", ALLOWED_HOSTS=["kim.example.org"])
    assert ids == ["portal.W002"]


@pytest.mark.parametrize("allowed", [["intranet.example.org"], [".example.com"], []])
def test_a_host_outside_allowed_hosts_is_reported(allowed):
    ids = warning_ids(PORTAL_BASE_URL="https://kim.example.org", ALLOWED_HOSTS=allowed)
    assert ids == ["portal.W003"]


@pytest.mark.parametrize("allowed", [["kim.example.org"], [".example.org"], ["*"]])
def test_a_public_https_address_in_allowed_hosts_passes(allowed):
    assert warning_ids(PORTAL_BASE_URL="https://kim.example.org:8443", ALLOWED_HOSTS=allowed) == []


def test_the_check_runs_only_with_deploy():
    assert check_portal_base_url in checks.registry.registry.get_checks(
        include_deployment_checks=True
    )
    assert check_portal_base_url not in checks.registry.registry.get_checks()
