"""The "Verzeichnis von Verarbeitungstätigkeiten" entry (Art. 30 DSGVO) for Meldebögen, shown
to the KIM-Koordination in the admin with the retention settings in force."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forms.attachments import ALLOWED_LABEL, max_attachment_bytes
from forms.models import RetentionLog, draft_days, draft_warning_days, retention_days
from forms.permissions import TRIAGE


def processing_record() -> list[tuple[str, str]]:
    return [
        ("Bezeichnung", "Meldebögen zu Integrationshürden im Kommunalen Integrationsmanagement"),
        (
            "Zweck",
            "Strukturelle Integrationshürden erkennen, nach Themen bündeln, Fälle für "
            "Fallrekonstruktionen auswählen und der Lenkungsgruppe berichten (§ 9 TIntG NRW).",
        ),
        (
            "Betroffene Personen",
            "Meldende (Beschäftigte im KIM-Case Management und bei Partnerorganisationen). "
            "Ratsuchende sind nicht betroffen: Meldebögen beschreiben Situationen, keine Personen; "
            "die Anonymitätsprüfung hält personenbezogene Daten aus den Freitexten fern.",
        ),
        (
            "Datenkategorien",
            "Benutzerkonto und Organisation der meldenden Person, Funktion, Kommunen, Thema, "
            "Zielgruppen, Rechtskreise, Art und Häufigkeit der Hürde, Freitexte, Anhänge "
            f"({ALLOWED_LABEL}, je höchstens {max_attachment_bytes() // (1024 * 1024)} MB), "
            "bestätigte Funde der Anonymitätsprüfung; aus der Sichtung: Statusverlauf (wer, "
            "wann, von, nach, Kommentar), interne Notizen der KIM-Koordination, Rückfragen an "
            "die meldende Person und ihre Antworten.",
        ),
        (
            "Empfänger",
            "KIM-Koordination (Sichtung und Auswertung). Die Lenkungsgruppe erhält nur "
            "zusammengefasste Themen. E-Mails enthalten keine Freitexte. Die meldende Person "
            "sieht Status und Rückfragen zu ihren eigenen Meldebögen, nie Notizen.",
        ),
        (
            "Löschfristen",
            f"Entwürfe: {draft_days()} Tage nach der letzten Änderung (Hinweis "
            f"{draft_warning_days()} Tage vorher). Eingereichte Meldebögen: Freitexte, Anhänge und "
            f"bestätigte Funde nach {retention_days()} Tagen; strukturierte Angaben bleiben für "
            "die Statistik. Jeder Löschlauf wird protokolliert.",
        ),
        (
            "Technische und organisatorische Maßnahmen",
            "Anmeldung erforderlich, rollenbasierte Rechte, Anhänge nur über geprüften Abruf, "
            "zufällige Dateinamen, API nur mit persönlichem Token, Löschkonzept "
            "(docs/deletion-concept.md).",
        ),
    ]


def processing_record_view(request: HttpRequest) -> HttpResponse:
    if not TRIAGE.allows(request.user):
        raise PermissionDenied
    return render(
        request,
        "meldeboegen/admin/processing_record.html",
        {
            "entries": processing_record(),
            "last_run": RetentionLog.objects.first(),
            "page_title": "Verzeichnis von Verarbeitungstätigkeiten: Meldebögen",
        },
    )
