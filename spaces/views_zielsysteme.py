"""Pages of the Zielsysteme: the list, the tree of goals and the monitoring per indicator.

Every queryset goes through ``Zielsystem.objects.visible_to(user)``; anything else is a 404.
"""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from spaces import monitoring
from spaces.models import (
    Aktivitaet,
    Beschluss,
    Ergebnisziel,
    Gremium,
    Grundsatzziel,
    Indikator,
    Messwert,
    Rahmenziel,
    Zielsystem,
)
from spaces.transitions import ZIELSYSTEM


def _links(user, zielsystem: Zielsystem) -> dict:
    """Link into the space and to the adopting Beschluss only where the user may follow them."""
    space_visible = Gremium.objects.visible_to(user).filter(pk=zielsystem.gremium_id).exists()
    beschluss_visible = bool(
        zielsystem.adopted_by_id
        and Beschluss.objects.visible_to(user).filter(pk=zielsystem.adopted_by_id).exists()
    )
    return {"space_visible": space_visible, "beschluss_visible": beschluss_visible}


def zielsysteme(request: HttpRequest) -> HttpResponse:
    """All Zielsysteme the user may see: of their Gremien and those released to all."""
    items = (
        Zielsystem.objects.visible_to(request.user)
        .select_related("gremium")
        .order_by("gremium__name", "title")
    )
    return render(request, "spaces/zielsysteme.html", {"zielsysteme": items})


def zielsystem_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The tree: Grundsatzziele, Rahmenziele, Ergebnisziele with activities and indicators."""
    zielsystem = get_object_or_404(
        Zielsystem.objects.visible_to(request.user).select_related("gremium", "adopted_by"),
        gremium__slug=slug,
        pk=pk,
    )
    ordered = ("sort_order", "pk")
    ergebnisziele = Ergebnisziel.objects.order_by(*ordered).prefetch_related(
        Prefetch(
            "aktivitaeten",
            queryset=Aktivitaet.objects.select_related("organisation").order_by(*ordered),
        ),
        Prefetch(
            "indikatoren",
            queryset=Indikator.objects.order_by(*ordered).prefetch_related(
                Prefetch("messwerte", queryset=Messwert.objects.order_by("measured_on", "pk"))
            ),
        ),
    )
    grundsatzziele = list(
        Grundsatzziel.objects.filter(zielsystem=zielsystem)
        .order_by(*ordered)
        .prefetch_related(
            Prefetch(
                "rahmenziele",
                queryset=Rahmenziel.objects.order_by(*ordered).prefetch_related(
                    Prefetch("ergebnisziele", queryset=ergebnisziele)
                ),
            )
        )
    )
    aktivitaeten = []
    for grundsatzziel in grundsatzziele:
        for rahmenziel in grundsatzziel.rahmenziele.all():
            for ergebnisziel in rahmenziel.ergebnisziele.all():
                aktivitaeten.extend(ergebnisziel.aktivitaeten.all())
                for indikator in ergebnisziel.indikatoren.all():
                    werte = list(indikator.messwerte.all())
                    indikator.latest = werte[-1] if werte else None
                    indikator.progress = monitoring.progress_share(
                        indikator, indikator.latest.value if indikator.latest else None
                    )
    context = {
        "zielsystem": zielsystem,
        "gremium": zielsystem.gremium,
        "grundsatzziele": grundsatzziele,
        "progress": monitoring.activity_progress(aktivitaeten),
        "aktivitaeten_total": len(aktivitaeten),
        "verlauf": list(ZIELSYSTEM.history(zielsystem)),
        **_links(request.user, zielsystem),
    }
    return render(request, "spaces/zielsystem.html", context)


def indikator_detail(request: HttpRequest, slug: str, pk: int, indikator_pk: int) -> HttpResponse:
    """Monitoring of one indicator: values as a table and a line chart; activities' progress."""
    zielsystem = get_object_or_404(
        Zielsystem.objects.visible_to(request.user).select_related("gremium"),
        gremium__slug=slug,
        pk=pk,
    )
    indikator = get_object_or_404(
        Indikator.objects.select_related("ergebnisziel__rahmenziel__grundsatzziel"),
        ergebnisziel__rahmenziel__grundsatzziel__zielsystem=zielsystem,
        pk=indikator_pk,
    )
    messwerte = list(indikator.messwerte.order_by("measured_on", "pk"))
    aktivitaeten = list(
        Aktivitaet.objects.filter(ergebnisziel=indikator.ergebnisziel)
        .select_related("organisation")
        .order_by("sort_order", "pk")
    )
    previous = None
    for messwert in messwerte:
        messwert.change = None if previous is None else messwert.value - previous
        previous = messwert.value
    latest = messwerte[-1] if messwerte else None
    context = {
        "zielsystem": zielsystem,
        "gremium": zielsystem.gremium,
        "indikator": indikator,
        "messwerte": messwerte,
        "latest": latest,
        "progress_share": monitoring.progress_share(indikator, latest.value if latest else None),
        "chart": monitoring.chart(indikator, messwerte),
        "aktivitaeten": aktivitaeten,
        "progress": monitoring.activity_progress(aktivitaeten),
        **_links(request.user, zielsystem),
    }
    return render(request, "spaces/indikator.html", context)
