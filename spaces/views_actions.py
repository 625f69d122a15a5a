"""POST actions in the spaces: invite to a Sitzung by e-mail, mark an Aufgabe as done.

Both look the object up through ``visible_to(user)`` first, so anything else answers 404.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.transitions import TransitionRefused
from spaces.models import Aufgabe, Sitzung
from spaces.notifications import InvitationRefused, send_invitation
from spaces.transitions import AUFGABE


@require_POST
def sitzung_einladen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The KIM-Koordination sends the invitation with an .ics file to the current members."""
    sitzung = get_object_or_404(
        Sitzung.objects.visible_to(request.user).select_related("gremium"),
        gremium__slug=slug,
        pk=pk,
    )
    try:
        count = send_invitation(sitzung, request.user)
    except InvitationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            f"Die Einladung mit Kalenderdatei ist an {count} "
            f"{'Mitglied' if count == 1 else 'Mitglieder'} verschickt.",
        )
    return redirect(sitzung.get_absolute_url())


@require_POST
def aufgabe_erledigt(request: HttpRequest, pk: int) -> HttpResponse:
    """The assignee (or the KIM-Koordination) marks a task from the minutes as done."""
    aufgabe = get_object_or_404(
        Aufgabe.objects.visible_to(request.user).select_related("protokoll__sitzung__gremium"),
        pk=pk,
    )
    if not aufgabe.may_be_closed_by(request.user):
        raise Http404
    try:
        AUFGABE.apply(aufgabe, Aufgabe.Status.ERLEDIGT, by=request.user)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Die Aufgabe „{aufgabe}“ ist als erledigt vermerkt.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = aufgabe.protokoll.sitzung.get_absolute_url()
    return redirect(target)
