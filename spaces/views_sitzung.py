"""Moving (date, time, place) and cancelling a Sitzung in the portal, for the Gremium's
Geschäftsführung and the KIM-Koordination (``spaces.visibility.may_manage_sitzung``).

Moving saves the Sitzung; ``spaces.calendar_updates`` raises its SEQUENCE and, once invited,
mails the members an update (METHOD:REQUEST, same UID). Cancelling is the Sitzung's transition
"abgesagt" (``spaces.transitions.SITZUNG``, Verlauf row with the reason), which mails
METHOD:CANCEL. Refusals say why, in German; nothing else changes.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from portal.transitions import TransitionRefused
from spaces.forms import SitzungAbsagenForm, SitzungVerlegenForm
from spaces.models import Sitzung
from spaces.transitions import SITZUNG
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
