"""Aufgaben across Gremien: "Meine Aufgaben" (the user's own, open and done) and, for the
KIM-Koordination, the overview of all open and overdue Aufgaben with counts per Gremium.

Every list starts from ``Aufgabe.objects.visible_to(user)`` (spaces.visibility), so a task of
minutes the user may not read never appears; status changes go through
``spaces.transitions.AUFGABE`` (Verlauf row; the search entry follows).
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from portal.transitions import TransitionRefused
from spaces.models import Aufgabe, Gremium
from spaces.transitions import AUFGABE
from spaces.visibility import sees_all_spaces

#: Rows per list; the filters narrow it down (bounded page, bounded queries).
AUFGABEN_LIMIT = 100

STATUS_CHOICES = (("offen", "offen"), ("erledigt", "erledigt"), ("alle", "alle"))
FAELLIG_CHOICES = (
    ("", "beliebig"),
    ("ueberfaellig", "überfällig"),
    ("7", "in den nächsten 7 Tagen"),
    ("30", "in den nächsten 30 Tagen"),
    ("ohne", "ohne Frist"),
)


def _choice(request: HttpRequest, name: str, choices, default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in {key for key, _label in choices} else default


def _by_due(queryset: QuerySet, faellig: str) -> QuerySet:
    today = timezone.localdate()
    if faellig == "ueberfaellig":
        return queryset.filter(status=Aufgabe.Status.OFFEN, due_on__lt=today)
    if faellig in {"7", "30"}:
        return queryset.filter(
            due_on__gte=today, due_on__lte=today + datetime.timedelta(days=int(faellig))
        )
    if faellig == "ohne":
        return queryset.filter(due_on__isnull=True)
    return queryset


def _ordered(queryset: QuerySet) -> QuerySet:
    """Open tasks first (earliest due date first, no date last), then done ones, the most
    recently done first."""
    return queryset.order_by(
        F("done_at").desc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk"
    )


def _counts(queryset: QuerySet) -> dict:
    today = timezone.localdate()
    return queryset.aggregate(
        offen=Count("pk", filter=Q(status=Aufgabe.Status.OFFEN)),
        ueberfaellig=Count("pk", filter=Q(status=Aufgabe.Status.OFFEN, due_on__lt=today)),
        erledigt=Count("pk", filter=Q(status=Aufgabe.Status.ERLEDIGT)),
    )


def meine_aufgaben(request: HttpRequest) -> HttpResponse:
    """The user's own Aufgaben from minutes they may read, filterable by status, Gremium and
    due date; open ones can be marked done, done ones reopened."""
    mine = Aufgabe.objects.visible_to(request.user).filter(assignee=request.user)
    status = _choice(request, "status", STATUS_CHOICES, "offen")
    faellig = _choice(request, "faellig", FAELLIG_CHOICES, "")
    gremien = list(
        Gremium.objects.filter(pk__in=mine.values("protokoll__sitzung__gremium_id"))
        .order_by("name")
        .only("name", "slug")
    )
    selected_gremium = request.GET.get("gremium", "")
    if selected_gremium not in {g.slug for g in gremien}:
        selected_gremium = ""
    results = mine
    if selected_gremium:
        results = results.filter(protokoll__sitzung__gremium__slug=selected_gremium)
    if status != "alle":
        results = results.filter(status=status)
    results = _ordered(_by_due(results, faellig)).select_related(
        "protokoll__sitzung__gremium", "tagesordnungspunkt"
    )
    aufgaben = list(results[:AUFGABEN_LIMIT])
    return render(
        request,
        "spaces/meine_aufgaben.html",
        {
            "aufgaben": aufgaben,
            "counts": _counts(mine),
            "gremien": gremien,
            "selected_gremium": selected_gremium,
            "status_choices": STATUS_CHOICES,
            "selected_status": status,
            "faellig_choices": FAELLIG_CHOICES,
            "selected_faellig": faellig,
            "limit": AUFGABEN_LIMIT,
            "filtered": bool(selected_gremium or faellig or status != "offen"),
            "sees_all": sees_all_spaces(request.user),
        },
    )


def aufgaben_uebersicht(request: HttpRequest) -> HttpResponse:
    """For the KIM-Koordination: all open Aufgaben across Gremien with counts per Gremium
    (open, overdue), filterable by Gremium and due date."""
    if not sees_all_spaces(request.user):
        raise PermissionDenied(
            "Die Übersicht der Aufgaben aller Gremien ist der KIM-Koordination vorbehalten. "
            "Ihre eigenen Aufgaben finden Sie unter „Meine Aufgaben“."
        )
    today = timezone.localdate()
    visible = Aufgabe.objects.visible_to(request.user)
    open_tasks = visible.open()
    per_gremium = list(
        open_tasks.values(
            gremium_id=F("protokoll__sitzung__gremium_id"),
            gremium_name=F("protokoll__sitzung__gremium__name"),
            gremium_slug=F("protokoll__sitzung__gremium__slug"),
        )
        .annotate(offen=Count("pk"), ueberfaellig=Count("pk", filter=Q(due_on__lt=today)))
        .order_by("gremium_name")
    )
    selected_gremium = request.GET.get("gremium", "")
    if selected_gremium not in {row["gremium_slug"] for row in per_gremium}:
        selected_gremium = ""
    faellig = _choice(request, "faellig", FAELLIG_CHOICES, "")
    results = open_tasks
    if selected_gremium:
        results = results.filter(protokoll__sitzung__gremium__slug=selected_gremium)
    results = (
        _by_due(results, faellig)
        .select_related("protokoll__sitzung__gremium", "tagesordnungspunkt", "assignee")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    return render(
        request,
        "spaces/aufgaben_uebersicht.html",
        {
            "aufgaben": list(results[:AUFGABEN_LIMIT]),
            "per_gremium": per_gremium,
            "totals": {
                "offen": sum(row["offen"] for row in per_gremium),
                "ueberfaellig": sum(row["ueberfaellig"] for row in per_gremium),
            },
            "selected_gremium": selected_gremium,
            "faellig_choices": FAELLIG_CHOICES,
            "selected_faellig": faellig,
            "limit": AUFGABEN_LIMIT,
        },
    )


@require_POST
def aufgabe_wieder_offen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a task marked done by mistake (the assignee, the Geschäftsführung, the
    KIM-Koordination), through the transition with its Verlauf row."""
    aufgabe = get_object_or_404(
        Aufgabe.objects.visible_to(request.user).select_related("protokoll__sitzung__gremium"),
        pk=pk,
    )
    if not aufgabe.may_be_closed_by(request.user):
        raise Http404
    try:
        AUFGABE.apply(aufgabe, Aufgabe.Status.OFFEN, by=request.user)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Die Aufgabe „{aufgabe}“ ist wieder offen.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = aufgabe.protokoll.sitzung.get_absolute_url()
    return redirect(target)
