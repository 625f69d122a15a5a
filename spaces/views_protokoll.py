"""Writing the minutes on the Sitzung page: create the Protokoll, Aufgaben, attendance and
comments. Those who may edit minutes are the KIM-Koordination and the Gremium's
Geschäftsführung (spaces.visibility.may_edit_minutes); members comment while the minutes are
circulated. Everything is looked up through ``visible_to(user)`` first (else 404); a refused
action says why in German; a form with errors is shown again with what was entered.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from spaces.forms import AufgabeForm, GaesteForm, KommentarForm, SitzAnwesenheitForm
from spaces.models import (
    Anwesenheit,
    Aufgabe,
    Kommentar,
    KommentarRefused,
    Mitgliedschaft,
    Protokoll,
    ProtokollStatus,
    Sitz,
    Sitzung,
    Tagesordnungspunkt,
)
from spaces.models.protokoll import minutes_refusal
from spaces.views import minutes_context, visible_sitzung
from spaces.visibility import may_edit_minutes

APPROVED_REFUSAL = (
    "Das Protokoll ist genehmigt und bleibt unverändert. Aufgaben vermerken Sie weiter mit "
    "„erledigt“; eine neue Aufgabe gehört in das Protokoll einer neuen Sitzung."
)


def _require_editor(request: HttpRequest, sitzung: Sitzung) -> None:
    if not may_edit_minutes(request.user, sitzung.gremium_id):
        raise PermissionDenied(
            "Das Protokoll schreiben die Geschäftsführung des Gremiums und die KIM-Koordination."
        )


def _protokoll_for(request: HttpRequest, sitzung: Sitzung) -> Protokoll:
    return get_object_or_404(Protokoll.objects.visible_to(request.user), sitzung=sitzung)


@require_POST
def protokoll_anlegen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Start the minutes of a Sitzung as a draft."""
    sitzung = visible_sitzung(request, slug, pk)
    _require_editor(request, sitzung)
    refusal = minutes_refusal(sitzung)
    if refusal and not Protokoll.objects.filter(sitzung=sitzung).exists():
        messages.error(request, refusal)
        return redirect(sitzung.get_absolute_url())
    _protokoll, created = Protokoll.objects.get_or_create(sitzung=sitzung)
    if created:
        messages.success(request, "Das Protokoll ist als Entwurf angelegt.")
    else:
        messages.info(request, "Für diese Sitzung gibt es schon ein Protokoll.")
    return redirect(f"{sitzung.get_absolute_url()}#protokoll-heading")


@require_POST
def aufgabe_neu(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sitzung = visible_sitzung(request, slug, pk)
    _require_editor(request, sitzung)
    protokoll = _protokoll_for(request, sitzung)
    if protokoll.is_approved:
        messages.error(request, APPROVED_REFUSAL)
        return redirect(f"{sitzung.get_absolute_url()}#aufgaben-heading")
    form = AufgabeForm(request.POST, sitzung=sitzung, prefix="neu")
    if not form.is_valid():
        context = minutes_context(request, sitzung, aufgabe_form=form)
        return render(request, "spaces/sitzung.html", context, status=400)
    aufgabe = form.save(commit=False)
    aufgabe.protokoll = protokoll
    last = protokoll.aufgaben.aggregate(last=Max("sort_order"))["last"]
    aufgabe.sort_order = (last or 0) + 1
    aufgabe.save()
    messages.success(request, f"Die Aufgabe „{aufgabe}“ ist im Protokoll eingetragen.")
    return redirect(f"{sitzung.get_absolute_url()}#aufgaben-heading")


@require_http_methods(["GET", "POST"])
def aufgabe_bearbeiten(request: HttpRequest, slug: str, pk: int, aufgabe_pk: int) -> HttpResponse:
    sitzung = visible_sitzung(request, slug, pk)
    _require_editor(request, sitzung)
    protokoll = _protokoll_for(request, sitzung)
    aufgabe = get_object_or_404(Aufgabe, protokoll=protokoll, pk=aufgabe_pk)
    if protokoll.is_approved:
        messages.error(request, APPROVED_REFUSAL)
        return redirect(f"{sitzung.get_absolute_url()}#aufgaben-heading")
    form = AufgabeForm(request.POST or None, instance=aufgabe, sitzung=sitzung)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Die Aufgabe „{aufgabe}“ ist geändert.")
        return redirect(f"{sitzung.get_absolute_url()}#aufgaben-heading")
    return render(
        request,
        "spaces/aufgabe_form.html",
        {"sitzung": sitzung, "gremium": sitzung.gremium, "aufgabe": aufgabe, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def kommentar(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A member comments on circulated minutes (per agenda item or on the whole minutes)."""
    sitzung = visible_sitzung(request, slug, pk)
    protokoll = _protokoll_for(request, sitzung)
    top = None
    top_id = request.POST.get("tagesordnungspunkt", "")
    if top_id:
        top = Tagesordnungspunkt.objects.filter(sitzung=sitzung, pk=top_id).first()
        if top is None:
            messages.error(request, "Diesen Tagesordnungspunkt gibt es in dieser Sitzung nicht.")
            return redirect(f"{sitzung.get_absolute_url()}#protokoll-heading")
    form = KommentarForm(request.POST)
    anchor = f"#top-{top.pk}" if top else "#kommentare-heading"
    try:
        if not form.is_valid():
            raise KommentarRefused(form.errors["text"][0])
        Kommentar.add(protokoll, request.user, form.cleaned_data["text"], top)
    except KommentarRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Ihr Kommentar ist gespeichert.")
    return redirect(sitzung.get_absolute_url() + anchor)


def _holders(sitzung: Sitzung) -> dict[int, str]:
    """Per seat id, who held it on the day of the Sitzung."""
    on = timezone.localdate(sitzung.starts_at)  # the local day, not the UTC one
    return {
        m.sitz_id: m.user.get_full_name() or m.user.get_username()
        for m in Mitgliedschaft.objects.active(on)
        .filter(sitz__gremium_id=sitzung.gremium_id)
        .select_related("user")
    }


def attendance_forms(sitzung: Sitzung, protokoll: Protokoll | None, data):
    """One form per seat (with who held it on the day) and the guests' form; ``protokoll``'s
    ``anwesenheiten`` should be prefetched."""
    existing = {a.sitz_id: a for a in protokoll.anwesenheiten.all()} if protokoll else {}
    holders = _holders(sitzung)
    sitze = list(Sitz.objects.filter(gremium_id=sitzung.gremium_id).order_by("sort_order", "pk"))
    rows = []
    for sitz in sitze:
        line = existing.get(sitz.pk)
        initial = {"status": line.status, "vertreten_durch": line.vertreten_durch} if line else {}
        rows.append(
            SitzAnwesenheitForm(
                data,
                prefix=f"sitz-{sitz.pk}",
                initial=initial,
                sitz=sitz,
                holder=holders.get(sitz.pk, ""),
            )
        )
    guests_initial = (
        "\n".join(a.name for a in protokoll.anwesenheiten.all() if a.is_guest) if protokoll else ""
    )
    return rows, GaesteForm(data, initial={"gaeste": guests_initial})


def save_attendance(protokoll: Protokoll, rows, guests) -> None:
    """Replace the attendance list of (unapproved) minutes with the valid forms' lines."""
    Anwesenheit.objects.filter(protokoll=protokoll).delete()
    lines = [
        Anwesenheit(
            protokoll=protokoll,
            sitz=row.sitz,
            name=row.holder,
            status=row.cleaned_data["status"],
            vertreten_durch=row.cleaned_data["vertreten_durch"],
            sort_order=index,
        )
        for index, row in enumerate(rows)
        if row.cleaned_data["status"]
    ]
    lines += [
        Anwesenheit(
            protokoll=protokoll,
            name=name,
            status=Anwesenheit.Status.ANWESEND,
            sort_order=len(rows) + index,
        )
        for index, name in enumerate(guests.cleaned_data["gaeste"])
    ]
    Anwesenheit.objects.bulk_create(lines)


@require_http_methods(["GET", "POST"])
def anwesenheit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record who attended: per seat anwesend / entschuldigt / vertreten durch / abwesend,
    and guests. Starts the minutes as a draft if there are none yet."""
    sitzung = visible_sitzung(request, slug, pk)
    _require_editor(request, sitzung)
    protokoll = (
        Protokoll.objects.filter(sitzung=sitzung)
        .prefetch_related(
            Prefetch("anwesenheiten", queryset=Anwesenheit.objects.order_by("sort_order", "pk"))
        )
        .first()
    )
    if protokoll is not None and protokoll.is_approved:
        messages.error(
            request,
            "Das Protokoll ist genehmigt; die Anwesenheit bleibt, wie sie festgehalten wurde.",
        )
        return redirect(f"{sitzung.get_absolute_url()}#anwesenheit-heading")
    if protokoll is None and (refusal := minutes_refusal(sitzung)):
        messages.error(request, refusal)
        return redirect(sitzung.get_absolute_url())
    data = request.POST if request.method == "POST" else None
    rows, guests = attendance_forms(sitzung, protokoll, data)
    if data is not None and all(row.is_valid() for row in rows) and guests.is_valid():
        with transaction.atomic():
            protokoll, _created = Protokoll.objects.get_or_create(sitzung=sitzung)
            if protokoll.status == ProtokollStatus.GENEHMIGT:  # approved meanwhile
                messages.error(request, "Das Protokoll ist inzwischen genehmigt.")
                return redirect(sitzung.get_absolute_url())
            save_attendance(protokoll, rows, guests)
        messages.success(request, "Die Anwesenheit ist im Protokoll festgehalten.")
        return redirect(f"{sitzung.get_absolute_url()}#anwesenheit-heading")
    errors = [row for row in rows if row.errors]
    return render(
        request,
        "spaces/anwesenheit.html",
        {
            "sitzung": sitzung,
            "gremium": sitzung.gremium,
            "rows": rows,
            "guests": guests,
            "error_rows": errors,
        },
        status=400 if (errors or guests.errors) else 200,
    )
