"""Moving (date, time, place) and cancelling a Sitzung in the portal, for the Gremium's
Geschäftsführung and the KIM-Koordination (``spaces.visibility.may_manage_sitzung``).

Moving saves the Sitzung; ``spaces.calendar_updates`` raises its SEQUENCE and, once invited,
mails the members an update (METHOD:REQUEST, same UID). Cancelling is the Sitzung's transition
"abgesagt" (``spaces.transitions.SITZUNG``, Verlauf row with the reason), which mails
METHOD:CANCEL. "Wieder ansetzen" gives a cancelled Sitzung a new (future) date and is the
transition back to "eingeladen" if the cancellation came after the invitation (the members get
the entry back: METHOD:REQUEST, higher SEQUENCE) or to "geplant" otherwise. Refusals say why, in
German; nothing else changes.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from portal.transitions import TransitionRefused
from spaces.forms import (
    SitzungAbsagenForm,
    SitzungAngabenForm,
    SitzungVerlegenForm,
    SitzungWiederAnsetzenForm,
    TopFormSet,
)
from spaces.models import Protokoll, Sitzung
from spaces.transitions import SITZUNG, cancelled_after_invitation
from spaces.views import visible_sitzung
from spaces.visibility import may_manage_sitzung

UNCHANGED_MESSAGE = "Termin und Ort sind unverändert; niemand wurde benachrichtigt."


def change_refusal(sitzung: Sitzung) -> str:
    """Why date, time and place cannot change now ("" if they can)."""
    if sitzung.status == Sitzung.Status.ABGESAGT:
        return "Die Sitzung ist abgesagt; Termin und Ort ändern sich nicht mehr."
    if sitzung.status == Sitzung.Status.DURCHGEFUEHRT or not sitzung.is_upcoming:
        return (
            "Die Sitzung hat schon begonnen oder stattgefunden; Termin und Ort bleiben, wie sie "
            "waren."
        )
    return ""


def cancel_refusal(sitzung: Sitzung) -> str:
    if sitzung.status == Sitzung.Status.ABGESAGT:
        return "Die Sitzung ist bereits abgesagt."
    if sitzung.status == Sitzung.Status.DURCHGEFUEHRT or not sitzung.is_upcoming:
        return "Die Sitzung hat schon begonnen oder stattgefunden und wird nicht mehr abgesagt."
    return ""


def reschedule_refusal(sitzung: Sitzung) -> str:
    if sitzung.status != Sitzung.Status.ABGESAGT:
        return "Nur eine abgesagte Sitzung kann wieder angesetzt werden."
    return ""


def _reschedule(request: HttpRequest, sitzung: Sitzung, data: dict) -> str:
    """The new date, then the transition out of "abgesagt", in one transaction; returns the
    confirmation. Raises ``TransitionRefused`` (then nothing changed)."""
    invited = cancelled_after_invitation(sitzung)
    target = Sitzung.Status.EINGELADEN if invited else Sitzung.Status.GEPLANT
    with transaction.atomic():
        sitzung.starts_at = data["starts_at"]
        sitzung.ends_at = data["ends_at"]
        sitzung.location = data["ort"].strip()
        sitzung.save(update_fields=["starts_at", "ends_at", "location"])
        SITZUNG.apply(sitzung, target, by=request.user, reason=data["hinweis"])
    if invited:
        return (
            "Die Sitzung ist wieder angesetzt; die Einladung gilt wieder. Die eingeladenen "
            "Mitglieder erhalten eine E-Mail mit der Kalenderdatei, die den Termin wieder in "
            "ihren Kalender einträgt."
        )
    return (
        "Die Sitzung ist wieder angesetzt (Status: geplant). Es war noch niemand eingeladen; "
        "es wurde keine E-Mail verschickt."
    )


def _initial(sitzung: Sitzung) -> dict:
    start = timezone.localtime(sitzung.starts_at)
    end = timezone.localtime(sitzung.ends_at) if sitzung.ends_at else None
    return {
        "datum": start.date(),
        "beginn": start.time().replace(second=0, microsecond=0),
        "ende": end.time().replace(second=0, microsecond=0) if end else None,
        "ort": sitzung.location,
    }


@require_http_methods(["GET", "POST"])
def sitzung_aendern(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sitzung = visible_sitzung(request, slug, pk)
    if not may_manage_sitzung(request.user, sitzung.gremium_id):
        raise Http404
    verlegen = SitzungVerlegenForm(initial=_initial(sitzung))
    absagen = SitzungAbsagenForm()
    wieder = SitzungWiederAnsetzenForm(initial=_initial(sitzung))
    status = 200
    if request.method == "POST":
        action = request.POST.get("aktion")
        if action == "verlegen":
            verlegen = SitzungVerlegenForm(request.POST)
            refusal = change_refusal(sitzung)
            if refusal:
                messages.error(request, refusal)
                status = 400
            elif verlegen.is_valid():
                data = verlegen.cleaned_data
                new = (data["starts_at"], data["ends_at"], data["ort"].strip())
                if new == (sitzung.starts_at, sitzung.ends_at, sitzung.location):
                    messages.info(request, UNCHANGED_MESSAGE)
                    return redirect(sitzung.get_absolute_url())
                sitzung.starts_at, sitzung.ends_at, sitzung.location = new
                sitzung.save(update_fields=["starts_at", "ends_at", "location"])
                messages.success(request, _moved_message(sitzung))
                return redirect(sitzung.get_absolute_url())
            else:
                status = 400
        elif action == "absagen":
            absagen = SitzungAbsagenForm(request.POST)
            refusal = cancel_refusal(sitzung)
            if refusal:
                messages.error(request, refusal)
                status = 400
            elif absagen.is_valid():
                was_invited = sitzung.status == Sitzung.Status.EINGELADEN
                try:
                    SITZUNG.apply(
                        sitzung,
                        Sitzung.Status.ABGESAGT,
                        by=request.user,
                        reason=absagen.cleaned_data["begruendung"],
                    )
                except TransitionRefused as error:
                    messages.error(request, error.message)
                    status = 400
                else:
                    messages.success(
                        request,
                        "Die Sitzung ist abgesagt."
                        + (
                            " Die eingeladenen Mitglieder erhalten die Absage mit Kalenderdatei."
                            if was_invited
                            else ""
                        ),
                    )
                    return redirect(sitzung.get_absolute_url())
            else:
                status = 400
        elif action == "wieder_ansetzen":
            wieder = SitzungWiederAnsetzenForm(request.POST)
            refusal = reschedule_refusal(sitzung)
            if refusal:
                messages.error(request, refusal)
                status = 400
            elif wieder.is_valid():
                try:
                    confirmation = _reschedule(request, sitzung, wieder.cleaned_data)
                except TransitionRefused as error:
                    sitzung.refresh_from_db()
                    messages.error(request, error.message)
                    status = 400
                else:
                    messages.success(request, confirmation)
                    return redirect(sitzung.get_absolute_url())
            else:
                status = 400
        else:
            status = 400
    return render(
        request,
        "spaces/sitzung_aendern.html",
        {
            "sitzung": sitzung,
            "gremium": sitzung.gremium,
            "verlegen": verlegen,
            "absagen": absagen,
            "wieder": wieder,
            "reschedule_refusal": reschedule_refusal(sitzung),
            "invited_before": sitzung.status == Sitzung.Status.ABGESAGT
            and cancelled_after_invitation(sitzung),
            "change_refusal": change_refusal(sitzung),
            "cancel_refusal": cancel_refusal(sitzung),
        },
        status=status,
    )


def _moved_message(sitzung: Sitzung) -> str:
    if sitzung.status == Sitzung.Status.EINGELADEN:
        return (
            "Termin und Ort sind gespeichert. Die eingeladenen Mitglieder erhalten eine "
            "E-Mail mit der aktualisierten Kalenderdatei."
        )
    return "Termin und Ort sind gespeichert."


def agenda_refusal(sitzung: Sitzung) -> str:
    """Why title, agenda and video link cannot change now ("" if they can)."""
    if Protokoll.objects.filter(sitzung=sitzung).exists():
        return (
            "Zu dieser Sitzung gibt es ein Protokoll; Titel, Tagesordnung und Videokonferenz "
            "bleiben, wie sie waren. Änderungen am genehmigten Protokoll nur per Berichtigung."
        )
    if sitzung.status == Sitzung.Status.ABGESAGT:
        return (
            "Die Sitzung ist abgesagt. Setzen Sie sie wieder an, bevor Sie die Tagesordnung ändern."
        )
    if sitzung.status == Sitzung.Status.DURCHGEFUEHRT or not sitzung.is_upcoming:
        return (
            "Die Sitzung hat schon begonnen oder stattgefunden; Titel, Tagesordnung und "
            "Videokonferenz bleiben, wie sie waren."
        )
    return ""


@require_http_methods(["GET", "POST"])
def sitzung_tagesordnung(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """ "Tagesordnung bearbeiten": title, video link and the TOPs (Thema, Erläuterung,
    Berichterstattung; position, streichen, one new TOP per round) of an upcoming Sitzung.
    All or nothing; on an error every input is shown again (400). A changed title after the
    invitation mails the calendar update (``spaces.calendar_updates``); agenda changes are not
    mailed (the Sitzung page always shows the current agenda)."""
    sitzung = visible_sitzung(request, slug, pk)
    if not may_manage_sitzung(request.user, sitzung.gremium_id):
        raise Http404
    refusal = agenda_refusal(sitzung)
    angaben = SitzungAngabenForm(instance=sitzung, prefix="sitzung")
    tops = TopFormSet(instance=sitzung, prefix="top")
    status = 200
    if request.method == "POST":
        angaben = SitzungAngabenForm(request.POST, instance=sitzung, prefix="sitzung")
        tops = TopFormSet(request.POST, instance=sitzung, prefix="top")
        if refusal:
            messages.error(request, refusal)
            status = 400
        elif angaben.is_valid() and tops.is_valid():
            title_changed = "title" in angaben.changed_data
            with transaction.atomic():
                angaben.save()
                for form in tops.deleted_forms:
                    if form.instance.pk:
                        form.instance.delete()
                for position, form in enumerate(tops.ordered_forms):
                    top = form.save(commit=False)
                    top.sitzung = sitzung
                    top.sort_order = position
                    top.save()
            message = "Titel, Tagesordnung und Videokonferenz sind gespeichert."
            if sitzung.status == Sitzung.Status.EINGELADEN:
                message += (
                    " Den geänderten Titel erhalten die eingeladenen Mitglieder mit der "
                    "aktualisierten Kalenderdatei."
                    if title_changed
                    else " Die Mitglieder sehen die Tagesordnung auf der Seite der Sitzung; "
                    "es wird keine E-Mail verschickt."
                )
            messages.success(request, message)
            return redirect(sitzung.get_absolute_url())
        else:
            status = 400
    forms_with_errors = [f for f in [angaben, *tops.forms] if f.errors]
    return render(
        request,
        "spaces/sitzung_tagesordnung.html",
        {
            "sitzung": sitzung,
            "gremium": sitzung.gremium,
            "angaben": angaben,
            "tops": tops,
            "error_forms": forms_with_errors,
            "refusal": refusal,
        },
        status=status,
    )
