"""The "Verzeichnis von Verarbeitungstätigkeiten" entry (Art. 30 DSGVO) for Meldebögen, shown
to the KIM-Koordination in the admin with the retention settings in force.

Controller, data-protection officer, recipients and transfers are the installation's own
(the Wagtail setting forms.models.Verarbeitungsverzeichnis, filled by ``setup_portal``). The
record says what the anonymity check does and what it cannot promise."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forms.attachments import ALLOWED_LABEL, max_attachment_bytes
from forms.models import (
    RetentionLog,
    Verarbeitungsverzeichnis,
    draft_days,
    draft_warning_days,
    retention_days,
)
from forms.permissions import TRIAGE


def processing_record(settings: Verarbeitungsverzeichnis | None = None) -> list[tuple[str, str]]:
    settings = settings or Verarbeitungsverzeichnis.load()

    def given(name: str) -> str:
        # Empty fields show their default (a placeholder "[bitte ergänzen: …]" where only the
        # installation knows the answer), never a blank.
        return getattr(settings, name).strip() or Verarbeitungsverzeichnis.DEFAULTS[name]

    return [
        ("Bezeichnung", "Meldebögen zu Integrationshürden im Kommunalen Integrationsmanagement"),
        ("Verantwortlicher", given("verantwortlicher")),
        (
            "Kontakt der oder des Datenschutzbeauftragten",
            given("datenschutzbeauftragte"),
        ),
        (
            "Zweck",
            "Strukturelle Integrationshürden erkennen, nach Themen bündeln, Fälle für "
            "Fallrekonstruktionen auswählen und der Lenkungsgruppe berichten (§ 9 TIntG NRW).",
        ),
        (
            "Betroffene Personen",
            "Meldende (Beschäftigte im KIM-Case Management und bei Partnerorganisationen). "
            "Meldebögen sollen Situationen beschreiben, keine Ratsuchenden. Die "
            "Anonymitätsprüfung erkennt verbreitete Muster (Namen mit Anrede, Geburtsdaten, "
            "Telefonnummern, E-Mail-Adressen, IBAN, Steuer- und Aktenzeichen, Anschriften) und "
            "verlangt für jeden Fund eine Bestätigung oder Änderung; sie kann nicht jede Angabe "
            "erkennen, die eine Person bestimmbar macht (etwa eine seltene Lebenslage in einer "
            "kleinen Kommune). Ratsuchende können daher im Einzelfall betroffen sein; die "
            "KIM-Koordination sieht bestätigte Funde in der Sichtung und entfernt dann Text.",
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
            given("empfaenger") + " E-Mails des Portals enthalten keine Freitexte.",
        ),
        (
            "Übermittlungen an Drittländer oder internationale Organisationen",
            given("uebermittlungen"),
        ),
        (
            "Löschfristen",
            f"Entwürfe: {draft_days()} Tage nach der letzten Änderung (Hinweis "
            f"{draft_warning_days()} Tage vorher). Eingereichte Meldebögen: Freitexte, Anhänge, "
            "bestätigte Funde, Notizen, Rückfragen und Begründungen "
            f"{retention_days()} Tage nach dem Abschluss (Status „Abgeschlossen“, „Nicht "
            "weiterverfolgt“ oder „Dublette“, gerechnet ab dieser letzten Statusänderung); "
            "Meldebögen in der Sichtung werden nicht gelöscht. Strukturierte Angaben bleiben "
            "für die Statistik. Jeder Löschlauf wird protokolliert.",
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
