"""Mail goes out after the commit, in the background, and survives a mail server outage.

Against a real SMTP server on loopback (aiosmtpd) and the production task queue
(django_tasks_db, run by ``db_worker --batch``): with the server down a submission succeeds, the
mail task is retried with backoff, and once the server is up exactly one mail arrives.
"""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from forms.models import Meldebogen, Status
from portal.models import Postausgang

from .conftest import fill_all_steps, start_draft


class Recorder:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """The portal's SMTP settings pointed at a loopback port where no server runs yet."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    recorder = Recorder()
    controllers = []

    def start() -> None:
        controller = Controller(recorder, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)

    recorder.start = start
    yield recorder
    for controller in controllers:
        controller.stop()


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


# Committing transactions (the mails go out after the commit), the migration data kept.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_submission_survives_a_mail_server_outage_and_the_receipt_arrives_once(
    settings, smtp, client, reporter, kommunen, thema
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_MAIL_RETRY_DELAYS = (1, 1, 3600)
    client.force_login(reporter)
    draft = start_draft(client)
    responses = fill_all_steps(client, draft, kommunen, thema)

    # The mail server is down: the report is submitted all the same.
    assert responses["pruefen"].status_code == 302
    meldebogen = Meldebogen.objects.get(pk=draft.pk)
    assert meldebogen.status == Status.EINGEGANGEN and meldebogen.reference
    [receipt] = Postausgang.objects.all()
    assert receipt.kind == "Eingangsbestätigung" and receipt.to == [reporter.email]

    run_worker()  # first attempt: connection refused, recorded, retried later
    receipt.refresh_from_db()
    assert (receipt.attempts, receipt.sent_at, receipt.failed_at) == (1, None, None)
    assert "ConnectionRefusedError" in receipt.last_error
    assert receipt.next_attempt_at is not None

    time.sleep(1.2)
    run_worker()  # the retry fails too
    receipt.refresh_from_db()
    assert receipt.attempts == 2 and receipt.sent_at is None

    smtp.start()
    time.sleep(1.2)
    run_worker()  # the server is back: the receipt goes out
    receipt.refresh_from_db()
    assert receipt.sent_at is not None and receipt.attempts == 3
    assert len(smtp.envelopes) == 1
    assert smtp.envelopes[0].rcpt_tos == [reporter.email]
    assert meldebogen.reference in smtp.envelopes[0].content.decode()

    time.sleep(1.2)
    run_worker()  # nothing is left to send, and nothing is sent twice
    assert len(smtp.envelopes) == 1


def test_a_mail_that_finally_fails_is_shown_and_can_be_sent_again(
    settings, smtp, client, reporter, koordination, kommunen, thema
):
    settings.PORTAL_MAIL_RETRY_DELAYS = ()  # give up after the first attempt
    client.force_login(reporter)
    draft = start_draft(client)
    fill_all_steps(client, draft, kommunen, thema)  # immediate backend: tried at once
    assert Meldebogen.objects.get(pk=draft.pk).status == Status.EINGEGANGEN
    failed = Postausgang.objects.get(kind="Eingangsbestätigung")
    assert failed.failed_at is not None and failed.zustand == "fehlgeschlagen"

    client.force_login(koordination)
    listing = client.get("/admin/e_mail_versand/")
    assert listing.status_code == 200
    assert failed.subject in listing.text and "fehlgeschlagen" in listing.text

    smtp.start()
    response = client.post(f"/admin/e-mail-versand/{failed.pk}/erneut-senden/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert [e.rcpt_tos for e in smtp.envelopes].count([reporter.email]) == 1
