"""Retention: expired drafts are deleted, reports closed long ago lose free text and
attachments; reports still in the triage keep everything, however old."""

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
        status="abgeschlossen",
        reference="MB-2024-0001",
        submitted_at=now - datetime.timedelta(days=500),
        status_changed_at=now - datetime.timedelta(days=400),
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
        status="nicht_weiterverfolgt",
        reference="MB-2024-0002",
        submitted_at=now - datetime.timedelta(days=900),
        status_changed_at=now - datetime.timedelta(days=800),
        reporter_reason="Das ist Sache der Stadt.",
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

    old.refresh_from_db()
    assert old.reporter_reason == ""
    assert list(old.notizen.values_list("text", flat=True)) == [""]
    assert list(old.rueckfragen.values_list("question", "answer")) == [("", "")]
    [change] = old.verlauf.all()
    assert change.reason == "" and change.by == koordination and change.to_status == "gesichtet"
    # Reports within the retention period keep everything.
    assert list(recent.notizen.values_list("text", flat=True)) == ["Rückruf beim Jobcenter"]
    assert recent.rueckfragen.count() == 2
    assert [c.reason for c in recent.verlauf.all()] == ["Telefonat mit der Beratungsstelle"]


def test_open_reports_are_never_purged_and_the_clock_starts_at_closure(
    case_manager, thema, settings
):
    """Retention counts from the closure: a report still in the triage keeps its text however
    long ago it was submitted, and so does one closed recently."""
    settings.MELDEBOGEN_RETENTION_DAYS = 365
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=1000)
    in_triage = [
        make(
            case_manager,
            thema,
            status=status,
            reference=f"MB-2023-{number:04d}",
            submitted_at=long_ago,
            status_changed_at=long_ago,
        )
        for number, status in enumerate(
            ("eingegangen", "gesichtet", "zurueckgestellt", "thema_zugeordnet", "rekonstruiert"),
            start=1,
        )
    ]
    closed_recently = make(
        case_manager,
        thema,
        status="abgeschlossen",
        reference="MB-2023-0010",
        submitted_at=long_ago,
        status_changed_at=now - datetime.timedelta(days=30),
    )
    closed_long_ago = make(
        case_manager,
        thema,
        status="dublette",
        reference="MB-2023-0011",
        submitted_at=long_ago,
        status_changed_at=now - datetime.timedelta(days=366),
        duplicate_of=closed_recently,
    )

    out = io.StringIO()
    call_command("purge_meldeboegen", "--dry-run", stdout=out)
    listing = out.getvalue()
    assert "Probelauf: Es wird nichts gelöscht." in listing
    assert "MB-2023-0011 (Dublette seit" in listing
    assert "1 Anhänge" not in listing
    for report in (*in_triage, closed_recently):
        assert report.reference not in listing
    # The dry run changed nothing and wrote no log.
    closed_long_ago.refresh_from_db()
    assert closed_long_ago.situation == "Lange Wartezeiten."
    assert not RetentionLog.objects.exists()

    call_command("purge_meldeboegen", stdout=io.StringIO())
    assert RetentionLog.objects.get().references == ["MB-2023-0011"]
    for report in (*in_triage, closed_recently):
        report.refresh_from_db()
        assert report.situation == "Lange Wartezeiten."
        assert report.free_text_deleted_at is None
    closed_long_ago.refresh_from_db()
    assert closed_long_ago.situation == ""


def test_dry_run_lists_expired_drafts_and_attachments(case_manager, thema):
    now = timezone.now()
    draft = make(case_manager, thema, draft_expires_at=now - datetime.timedelta(days=2))
    anhang = Anhang(meldebogen=draft, original_name="a.pdf", content_type="application/pdf", size=5)
    anhang.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    out = io.StringIO()
    call_command("purge_meldeboegen", "--dry-run", stdout=out)
    assert "Entwürfe, die gelöscht würden: 1" in out.getvalue()
    assert "Anhänge insgesamt: 1" in out.getvalue()
    assert Meldebogen.objects.filter(pk=draft.pk).exists()
    assert anhang.file.storage.exists(anhang.file.name)
