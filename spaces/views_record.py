"""The official record on the Sitzung page: Berichtigungen of approved minutes (create,
approve) and the approval of a Beschluss recorded after its minutes were approved.

Approved minutes and their Beschlüsse are frozen in the models (spaces/models/record.py); the
only way to correct them is a numbered Berichtigung with its own approval
(``spaces.transitions.BERICHTIGUNG``). Editors are the Gremium's Geschäftsführung and the
KIM-Koordination (``may_edit_minutes``); everything is looked up through ``visible_to`` first.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from portal.transitions import TransitionRefused, machine_for
from search.registry import reindex_later
from spaces.forms import BerichtigungForm
from spaces.models import (
    Berichtigung,
    Beschluss,
    Protokoll,
    Protokollpunkt,
    ProtokollStatus,
)
from spaces.views import visible_sitzung
from spaces.visibility import may_edit_minutes


def _approved_protokoll(request: HttpRequest, slug: str, pk: int) -> Protokoll:
    sitzung = visible_sitzung(request, slug, pk)
    if not may_edit_minutes(request.user, sitzung.gremium_id):
        raise PermissionDenied(
            "Berichtigungen legen die Geschäftsführung des Gremiums und die KIM-Koordination an."
        )
    return get_object_or_404(
        Protokoll.objects.visible_to(request.user).select_related("sitzung__gremium"),
        sitzung=sitzung,
    )


def _target(protokoll: Protokoll, ziel: str):
    """``punkt-<id>`` or ``beschluss-<id>`` of these minutes, else 404."""
    kind, _sep, raw = ziel.partition("-")
    if not raw.isdigit():
        raise Http404
    if kind == "punkt":
        return get_object_or_404(
            Protokollpunkt.objects.select_related("tagesordnungspunkt"),
            pk=raw,
            protokoll=protokoll,
        )
    if kind == "beschluss":
        return get_object_or_404(Beschluss, pk=raw, sitzung_id=protokoll.sitzung_id)
    raise Http404


@require_http_methods(["GET", "POST"])
def berichtigung_neu(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    protokoll = _approved_protokoll(request, slug, pk)
    sitzung = protokoll.sitzung
    if protokoll.status != ProtokollStatus.GENEHMIGT:
        messages.error(
            request,
            "Berichtigt wird nur ein genehmigtes Protokoll; einen Entwurf oder ein verteiltes "
            "Protokoll ändern Sie direkt.",
        )
        return redirect(sitzung.get_absolute_url())
    ziel = request.GET.get("ziel") or request.POST.get("ziel", "")
    target = _target(protokoll, ziel)
    is_beschluss = isinstance(target, Beschluss)
    draft = Berichtigung(
        protokoll=protokoll,
        beschluss=target if is_beschluss else None,
        protokollpunkt=None if is_beschluss else target,
    )
    current = draft.current_target_text()
    if request.method == "POST":
        form = BerichtigungForm(request.POST, is_beschluss=is_beschluss)
        if form.is_valid():
            draft.new_title = form.cleaned_data.get("new_title", "")
            draft.new_text = form.cleaned_data["new_text"]
            draft.reason = form.cleaned_data["reason"]
            draft.created_by = request.user
            try:
                draft.full_clean(exclude=["number", "original_text"])
                draft.save()
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    f"Berichtigung Nr. {draft.number} ist als Entwurf angelegt. Sie gilt, "
                    "sobald sie genehmigt ist.",
                )
                return redirect(f"{sitzung.get_absolute_url()}#berichtigung-{draft.number}")
    else:
        initial = {"new_text": current}
        if is_beschluss:
            initial["new_title"] = target.title
        form = BerichtigungForm(initial=initial, is_beschluss=is_beschluss)
    return render(
        request,
        "spaces/berichtigung_form.html",
        {
            "sitzung": sitzung,
            "gremium": sitzung.gremium,
            "protokoll": protokoll,
            "form": form,
            "ziel": ziel,
            "target_label": draft.target_label,
            "current": current,
            "is_rich": not is_beschluss,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def berichtigung_genehmigen(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    protokoll = _approved_protokoll(request, slug, pk)
    berichtigung = get_object_or_404(
        Berichtigung.objects.select_related("protokoll__sitzung__gremium", "beschluss"),
        protokoll=protokoll,
        number=number,
    )
    try:
        machine_for(Berichtigung).apply(
            berichtigung, Berichtigung.Status.GENEHMIGT, by=request.user
        )
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            f"Berichtigung Nr. {berichtigung.number} ist genehmigt; die Mitglieder werden "
            "per E-Mail informiert.",
        )
    return redirect(f"{protokoll.sitzung.get_absolute_url()}#berichtigung-{berichtigung.number}")


@require_POST
def beschluss_genehmigen(request: HttpRequest, number: str) -> HttpResponse:
    """Approve a Beschluss recorded after its minutes were approved (or without a Sitzung):
    it becomes part of the record, frozen and distributed like those of approved minutes."""
    from spaces.notifications import send_beschluss_approved

    beschluss = get_object_or_404(
        Beschluss.objects.visible_to(request.user).select_related("gremium", "sitzung"),
        number=number,
    )
    if not may_edit_minutes(request.user, beschluss.gremium_id):
        raise PermissionDenied(
            "Beschlüsse genehmigen die Geschäftsführung des Gremiums und die KIM-Koordination."
        )
    refusal = beschluss.approval_refusal()
    if refusal:
        messages.error(request, refusal)
        return redirect(beschluss.get_absolute_url())
    with transaction.atomic():
        now = timezone.now()
        if Beschluss.objects.filter(pk=beschluss.pk, festgestellt_am__isnull=True).update(
            festgestellt_am=now
        ):
            beschluss.festgestellt_am = now
            transaction.on_commit(lambda: reindex_later("spaces.beschluss", beschluss.pk))
            transaction.on_commit(lambda: send_beschluss_approved(beschluss))
    messages.success(
        request, f"Der Beschluss {beschluss.number} ist genehmigt und wird jetzt verteilt."
    )
    return redirect(beschluss.get_absolute_url())
