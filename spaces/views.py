"""Pages of the Gremien spaces. Every queryset goes through ``visible_to(user)``.

Content a user may not see answers 404, so URLs never reveal that a space or item exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from portal.models import Verlaufseintrag
from spaces.ical import build_calendar
from spaces.models import (
    Anwesenheit,
    Aufgabe,
    Berichtigung,
    Beschluss,
    Gremium,
    KalenderAbo,
    Kommentar,
    Mitgliedschaft,
    Protokoll,
    Protokollpunkt,
    Sitz,
    Sitzung,
    Tagesordnungspunkt,
    TransitionRefused,
    Zielsystem,
)
from spaces.models.protokoll import minutes_refusal
from spaces.transitions import BESCHLUSS, SITZUNG
from spaces.visibility import may_manage_sitzung, sees_all_spaces

UPCOMING_ON_OVERVIEW = 20
PAST_ON_SPACE_PAGE = 10
# The next Sitzungen on the space page; further ones are in the Sitzungskalender.
UPCOMING_ON_SPACE_PAGE = 10
BESCHLUESSE_ON_SPACE_PAGE = 20
BESCHLUESSE_PER_PAGE = 50


def overview(request: HttpRequest) -> HttpResponse:
    """The spaces the user may open, with their own seat and the next Sitzung."""
    user = request.user
    next_sitzung = (
        Sitzung.objects.filter(gremium=OuterRef("pk"), starts_at__gte=timezone.now())
        .exclude(status=Sitzung.Status.ABGESAGT)
        .order_by("starts_at")
    )
    gremien = (
        Gremium.objects.visible_to(user)
        .annotate(
            next_sitzung_at=Subquery(next_sitzung.values("starts_at")[:1]),
            next_sitzung_id=Subquery(next_sitzung.values("pk")[:1]),
        )
        .select_related("parent")
        .order_by("kind", "name")
    )
    my_seats = (
        {
            m.sitz.gremium_id: m.sitz
            for m in Mitgliedschaft.objects.active().filter(user=user).select_related("sitz")
        }
        if user.is_authenticated
        else {}
    )
    items = [(gremium, my_seats.get(gremium.pk)) for gremium in gremien]
    return render(
        request,
        "spaces/overview.html",
        {
            "mine": [item for item in items if item[1] is not None],
            "others": [item for item in items if item[1] is None],
            # The heading of the other spaces says why they are visible: the KIM-Koordination
            # sees every space; anyone else only those shared with them.
            "sees_all": sees_all_spaces(user),
        },
    )


def gremium_detail(request: HttpRequest, slug: str) -> HttpResponse:
    gremium = get_object_or_404(
        Gremium.objects.visible_to(request.user).select_related(
            "parent", "established_by", "rules_document"
        ),
        slug=slug,
    )
    active = Mitgliedschaft.objects.active().select_related("user")
    sitze = (
        Sitz.objects.filter(gremium=gremium)
        .select_related("organisation", "kommune")
        .prefetch_related(Prefetch("mitgliedschaften", queryset=active, to_attr="current"))
        .order_by("sort_order", "pk")
    )
    sitzungen = Sitzung.objects.visible_to(request.user).filter(gremium=gremium)
    upcoming = list(sitzungen.upcoming()[: UPCOMING_ON_SPACE_PAGE + 1])
    context = {
        "gremium": gremium,
        "sitze": sitze,
        "upcoming": upcoming[:UPCOMING_ON_SPACE_PAGE],
        "more_upcoming": len(upcoming) > UPCOMING_ON_SPACE_PAGE,
        "past": sitzungen.past()[:PAST_ON_SPACE_PAGE],
        "beschluesse": Beschluss.objects.visible_to(request.user)
        .filter(gremium=gremium)
        .select_related("sitzung")[:BESCHLUESSE_ON_SPACE_PAGE],
        "untergremien": Gremium.objects.visible_to(request.user).filter(parent=gremium),
        "zielsysteme": Zielsystem.objects.visible_to(request.user)
        .filter(gremium=gremium)
        .select_related("gremium"),
        "dokumente_count": gremium.dokumente.count(),
        "shared_groups": gremium.shared_groups.order_by("name"),
        "shared_users": gremium.shared_users.order_by("last_name", "first_name", "username"),
    }
    return render(request, "spaces/gremium.html", context)


def minutes_context(request: HttpRequest, sitzung: Sitzung, aufgabe_form=None) -> dict:
    """Everything the Sitzung page shows, with a fixed number of queries.

    The minutes are rendered per agenda item (TOP): the discussion, the Beschlüsse taken under
    it, its Aufgaben and the comments; what belongs to no TOP of this Sitzung follows at the end.
    """
    from spaces.forms import AufgabeForm, KommentarForm
    from spaces.links import agenda_links
    from spaces.visibility import may_edit_minutes, works_in_space

    user = request.user
    tagesordnung = list(
        Tagesordnungspunkt.objects.filter(sitzung=sitzung)
        .select_related("document__collection", "document__gremiumsdokument__gremium", "page")
        .order_by("sort_order", "pk")
    )
    links = agenda_links(request, tagesordnung)
    beschluesse = list(
        Beschluss.objects.visible_to(user).filter(sitzung=sitzung).order_by("sequence")
    )
    protokoll = (
        Protokoll.objects.visible_to(user)
        .filter(sitzung=sitzung)
        .prefetch_related(
            Prefetch(
                "punkte",
                queryset=Protokollpunkt.objects.select_related("tagesordnungspunkt").order_by(
                    "sort_order", "pk"
                ),
            ),
            Prefetch(
                "aufgaben",
                queryset=Aufgabe.objects.select_related("assignee", "tagesordnungspunkt").order_by(
                    "sort_order", "pk"
                ),
            ),
            Prefetch(
                "anwesenheiten",
                queryset=Anwesenheit.objects.select_related("sitz").order_by("sort_order", "pk"),
            ),
            Prefetch(
                "kommentare",
                queryset=Kommentar.objects.select_related("author").order_by("created_at", "pk"),
            ),
            Prefetch("verlauf", queryset=Verlaufseintrag.objects.select_related("by")),
        )
        .first()
    )
    may_edit = may_edit_minutes(user, sitzung.gremium_id)
    may_comment = (
        protokoll is not None
        and protokoll.open_for_comments
        and works_in_space(user, sitzung.gremium_id)
    )
    top_ids = {top.pk for top in tagesordnung}
    sections = [
        {
            "top": top,
            "number": number,
            "links": links.get(top.pk, []),
            "punkte": [],
            "beschluesse": [],
            "aufgaben": [],
            "kommentare": [],
        }
        for number, top in enumerate(tagesordnung, 1)
    ]
    by_top = {section["top"].pk: section for section in sections}
    other = {"punkte": [], "beschluesse": [], "aufgaben": [], "kommentare": []}

    def place(kind: str, item, top_id) -> None:
        target = by_top[top_id] if top_id in top_ids else other
        target[kind].append(item)

    for beschluss in beschluesse:
        place("beschluesse", beschluss, beschluss.tagesordnungspunkt_id)
    if protokoll is not None:
        for punkt in protokoll.punkte.all():
            place("punkte", punkt, punkt.tagesordnungspunkt_id)
        for aufgabe in protokoll.aufgaben.all():
            place("aufgaben", aufgabe, aufgabe.tagesordnungspunkt_id)
        for kommentar in protokoll.kommentare.all():
            place("kommentare", kommentar, kommentar.tagesordnungspunkt_id)
    berichtigungen = []
    if protokoll is not None and protokoll.is_approved:
        berichtigungen = list(
            Berichtigung.objects.filter(protokoll=protokoll)
            .select_related("beschluss", "protokollpunkt__tagesordnungspunkt")
            .order_by("number")
        )
        if not may_edit:
            berichtigungen = [b for b in berichtigungen if b.is_approved]
        corrected: dict[int, list] = {}
        for berichtigung in berichtigungen:
            if berichtigung.is_approved and berichtigung.protokollpunkt_id:
                corrected.setdefault(berichtigung.protokollpunkt_id, []).append(berichtigung)
            if berichtigung.is_approved and berichtigung.beschluss_id:
                corrected.setdefault(-berichtigung.beschluss_id, []).append(berichtigung)
        for punkt in protokoll.punkte.all():
            punkt.approved_berichtigungen = corrected.get(punkt.pk, [])
        for beschluss in beschluesse:
            beschluss.approved_berichtigungen = corrected.get(-beschluss.pk, [])
    may_edit_aufgaben = may_edit and protokoll is not None and not protokoll.is_approved
    if may_edit_aufgaben and aufgabe_form is None:
        aufgabe_form = AufgabeForm(sitzung=sitzung, prefix="neu")
    return {
        "sitzung": sitzung,
        "gremium": sitzung.gremium,
        "tagesordnung": tagesordnung,
        "sections": sections,
        "other": other,
        "has_other": any(other.values()),
        "beschluesse": beschluesse,
        "protokoll": protokoll,
        "may_change_protokoll": may_edit,
        "may_edit_aufgaben": may_edit_aufgaben,
        "berichtigungen": berichtigungen,
        "minutes_refusal": minutes_refusal(sitzung) if protokoll is None and may_edit else "",
        "may_correct": may_edit and protokoll is not None and protokoll.is_approved,
        "may_comment": may_comment,
        "kommentar_form": KommentarForm() if may_comment else None,
        "aufgabe_form": aufgabe_form if may_edit_aufgaben else None,
        "sitzung_verlauf": list(SITZUNG.history(sitzung)),
        "may_manage_sitzung": sitzung.is_upcoming
        and sitzung.status in (Sitzung.Status.GEPLANT, Sitzung.Status.EINGELADEN)
        and may_manage_sitzung(user, sitzung.gremium_id),
        "may_reschedule_sitzung": sitzung.status == Sitzung.Status.ABGESAGT
        and may_manage_sitzung(user, sitzung.gremium_id),
        "may_invite": sitzung.is_upcoming
        and sitzung.status != Sitzung.Status.ABGESAGT
        and user.has_perm("spaces.change_sitzung"),
    }


def visible_sitzung(request: HttpRequest, slug: str, pk: int) -> Sitzung:
    return get_object_or_404(
        Sitzung.objects.visible_to(request.user).select_related("gremium"),
        gremium__slug=slug,
        pk=pk,
    )


def sitzung_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sitzung = visible_sitzung(request, slug, pk)
    return render(request, "spaces/sitzung.html", minutes_context(request, sitzung))


@require_http_methods(["POST"])
def protokoll_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Move the minutes of a Sitzung along the workflow (draft, circulated, approved)."""
    protokoll = get_object_or_404(
        Protokoll.objects.visible_to(request.user).select_related("sitzung__gremium"),
        sitzung__gremium__slug=slug,
        sitzung__pk=pk,
    )
    try:
        protokoll.change_status(request.POST.get("to", ""), request.user)
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Das Protokoll ist jetzt „{protokoll.get_status_display()}“.")
    return redirect(protokoll.sitzung.get_absolute_url())


def beschluesse(request: HttpRequest) -> HttpResponse:
    """The register: every Beschluss the user may see, filterable by Gremium and status."""
    visible = Beschluss.objects.visible_to(request.user)
    gremien = Gremium.objects.filter(pk__in=visible.values("gremium_id")).order_by("name")
    selected_gremium = request.GET.get("gremium", "")
    selected_status = request.GET.get("status", "")
    results = visible.select_related("gremium", "sitzung")
    if selected_gremium:
        results = results.filter(gremium__slug=selected_gremium)
    if selected_status in Beschluss.Status.values:
        results = results.filter(status=selected_status)
    else:
        selected_status = ""
    context = {
        "beschluesse": results[:BESCHLUESSE_PER_PAGE],
        "gremien": gremien,
        "statuses": Beschluss.Status.choices,
        "selected_gremium": selected_gremium,
        "selected_status": selected_status,
        "limit": BESCHLUESSE_PER_PAGE,
    }
    return render(request, "spaces/beschluesse.html", context)


def beschluss_detail(request: HttpRequest, number: str) -> HttpResponse:
    beschluss = get_object_or_404(
        Beschluss.objects.visible_to(request.user).select_related("gremium", "sitzung"),
        number=number,
    )
    # Links to the space and the Sitzung only where the user may follow them.
    from spaces.models.record import word_diff
    from spaces.visibility import may_edit_minutes

    space_visible = Gremium.objects.visible_to(request.user).filter(pk=beschluss.gremium_id)
    versionen = list(beschluss.versionen.select_related("berichtigung").order_by("number"))
    previous = None
    for version in versionen:
        version.diff = word_diff(previous.text, version.text) if previous else None
        version.title_changed = previous is not None and previous.title != version.title
        previous = version
    may_approve = (
        may_edit_minutes(request.user, beschluss.gremium_id) and not beschluss.approval_refusal()
    )
    return render(
        request,
        "spaces/beschluss.html",
        {
            "beschluss": beschluss,
            "space_visible": space_visible.exists(),
            "verlauf": list(BESCHLUSS.history(beschluss)),
            "versionen": versionen,
            "may_approve": may_approve,
        },
    )


def kalender(request: HttpRequest) -> HttpResponse:
    """Upcoming Sitzungen across all spaces the user may see, grouped by month."""
    sitzungen = (
        Sitzung.objects.visible_to(request.user)
        .upcoming()
        .select_related("gremium")[: UPCOMING_ON_OVERVIEW * 5]
    )
    return render(request, "spaces/kalender.html", {"sitzungen": sitzungen})


@require_http_methods(["GET", "POST"])
def kalender_abo(request: HttpRequest) -> HttpResponse:
    """Make, renew or revoke the personal feed address; the address is shown only once."""
    feed_url = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "erzeugen":
            token = KalenderAbo.issue(request.user)
            feed_url = request.build_absolute_uri(
                reverse("spaces:kalender_feed", kwargs={"token": token})
            )
            messages.success(
                request,
                "Ihre neue Kalenderadresse ist erzeugt. Eine frühere Adresse gilt nicht mehr.",
            )
        elif action == "widerrufen":
            KalenderAbo.revoke(request.user)
            messages.success(
                request, "Ihre Kalenderadresse ist widerrufen. Sie liefert keine Termine mehr."
            )
            return redirect("spaces:kalender_abo")
        else:
            messages.error(
                request, "Diese Aktion gibt es nicht. Bitte wählen Sie eine Schaltfläche."
            )
            return redirect("spaces:kalender_abo")
    abo = KalenderAbo.objects.filter(user=request.user).first()
    return render(request, "spaces/kalender_abo.html", {"abo": abo, "feed_url": feed_url})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def kalender_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal feed; the secret token takes the place of the login."""
    user = KalenderAbo.user_for(token)
    if user is None:
        raise Http404
    response = HttpResponse(build_calendar(request, user), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="kim-sitzungen.ics"'
    response["Cache-Control"] = "private, no-cache"
    return response
