"""Retention: expired drafts are deleted, old reports lose free text and attachments."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from forms.models import (
    Anhang,
    ConfirmedFinding,
    Meldebogen,
    Notiz,
    RetentionLog,
    Rueckfrage,
)
from forms.tasks import purge_meldeboegen_task


def make(owner, thema, **fields):
    defaults = {
        "owner": owner,
        "thema": thema,
        "situation": "Lange Wartezeiten.",
        "versucht": "Nachgefragt.",
        "vorschlag": "Mehr Kurse.",
        "beteiligte_stellen": "Jobcenter",
        "haeufigkeit": "haeufig",
        "huerden": ["fehlendes_angebot"],
    }
    defaults.update(fields)
    return Meldebogen.objects.create(**defaults)


def test_purge_command(case_manager, thema, settings):
    settings.MELDEBOGEN_RETENTION_DAYS = 365
    now = timezone.now()
    expired = make(case_manager, thema, draft_expires_at=now - datetime.timedelta(days=1))
    fresh_draft = make(case_manager, thema, draft_expires_at=now + datetime.timedelta(days=5))
    old = make(
        case_manager,
        thema,
        status="eingegangen",
        reference="MB-2024-0001",
        submitted_at=now - datetime.timedelta(days=400),
    )
    recent = make(
        case_manager,
        thema,
        status="eingegangen",
        reference="MB-2026-0001",
        submitted_at=now - datetime.timedelta(days=10),
    )
    anhang = Anhang(meldebogen=old, original_name="a.pdf", content_type="application/pdf", size=5)
    anhang.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    stored_name = anhang.file.name
    ConfirmedFinding.objects.create(meldebogen=old, field="situation", kind="name", text="X")

    out = io.StringIO()
    call_command("purge_meldeboegen", stdout=out)
    assert "1 Entwürfe gelöscht, 1 Meldebögen anonymisiert, 1 Anhänge gelöscht" in out.getvalue()

    assert not Meldebogen.objects.filter(pk=expired.pk).exists()
    assert Meldebogen.objects.filter(pk=fresh_draft.pk).exists()
    old.refresh_from_db()
    assert (old.situation, old.versucht, old.vorschlag, old.beteiligte_stellen) == ("",) * 4
    assert old.free_text_deleted_at is not None
    assert old.huerden == ["fehlendes_angebot"]  # structured data stays
    assert old.thema == thema
    assert not Anhang.objects.exists()
    assert not anhang.file.storage.exists(stored_name)
    assert not ConfirmedFinding.objects.exists()
    recent.refresh_from_db()
    assert recent.situation == "Lange Wartezeiten."

    log = RetentionLog.objects.get()
    assert (log.drafts_deleted, log.reports_anonymised, log.attachments_deleted) == (1, 1, 1)
    assert log.references == ["MB-2024-0001"]
    assert log.retention_days == 365

    # Idempotent: a second run finds nothing more to do.
    call_command("purge_meldeboegen", stdout=io.StringIO())
    assert RetentionLog.objects.first().reports_anonymised == 0


def test_task_wraps_the_purge(case_manager, thema):
    make(case_manager, thema, draft_expires_at=timezone.now() - datetime.timedelta(days=1))
    result = purge_meldeboegen_task.enqueue()
    assert result.return_value == {
        "drafts_deleted": 1,
        "reports_anonymised": 0,
        "attachments_deleted": 0,
    }


def test_processing_record_in_admin(client, koordination, partner):
    client.force_login(koordination)
    response = client.get("/admin/meldeboegen/verarbeitungsverzeichnis/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verzeichnis von Verarbeitungstätigkeiten" in html
    assert "Löschfristen" in html
    client.force_login(partner)
    assert client.get("/admin/meldeboegen/verarbeitungsverzeichnis/").status_code in {302, 403}


def test_purge_deletes_the_triage_texts_but_keeps_who_did_what(case_manager, koordination, thema):
    now = timezone.now()
    old = make(
        case_manager,
        thema,
        status="gesichtet",
        reference="MB-2024-0002",
        submitted_at=now - datetime.timedelta(days=800),
    )
    recent = make(
        case_manager,
        thema,
        status="gesichtet",
        reference="MB-2026-0002",
        submitted_at=now - datetime.timedelta(days=10),
    )
    for report in (old, recent):
        Notiz.objects.create(meldebogen=report, author=koordination, text="Rückruf beim Jobcenter")
        Rueckfrage.objects.create(
            meldebogen=report,
            asked_by=koordination,
            question="Welche Stelle war beteiligt?",
            answer="Das Jobcenter Lüdenscheid",
            answered_at=now,
        )
        Rueckfrage.objects.create(meldebogen=report, question="Seit wann besteht das?")
        report.verlauf.create(
            by=koordination,
            from_status="eingegangen",
            to_status="gesichtet",
            reason="Telefonat mit der Beratungsstelle",
        )

    call_command("purge_meldeboegen", stdout=io.StringIO())

    assert list(old.notizen.values_list("text", flat=True)) == [""]
    assert list(old.rueckfragen.values_list("question", "answer")) == [("", "")]
    [change] = old.verlauf.all()
    assert change.reason == "" and change.by == koordination and change.to_status == "gesichtet"
    # Reports within the retention period keep everything.
    assert list(recent.notizen.values_list("text", flat=True)) == ["Rückruf beim Jobcenter"]
    assert recent.rueckfragen.count() == 2
    assert [c.reason for c in recent.verlauf.all()] == ["Telefonat mit der Beratungsstelle"]
