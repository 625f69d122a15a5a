"""Pages of the Verteilungsschlüssel.

Readers (``READ``: the Integrationsbeauftragte) see the adopted keys, their history and the
page of their own Kommune; everything else (figures, drafts, scenarios, the adoption,
Zuständigkeiten) is the coordination's (``MANAGE``). A draft or scenario answers 404 to
readers, like a URL that does not exist; a Kommune page of another Kommune says why it is
refused.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.views.decorators.http import require_POST

from knowledge.models import Kommune
from portal.charts import bar_chart
from portal.pdf import pdf_response
from portal.spreadsheets import spreadsheet_response
from portal.transitions import TransitionRefused
from spaces.models import Beschluss
from verteilung import actions, importing
from verteilung.berechnung import berechne, frozen_vzae
from verteilung.forms import BeschlussForm, ErfassenForm, ImportForm, SchluesselForm
from verteilung.models import Indikator, Kennzahl, Verteilungsschluessel, Zustaendigkeit
from verteilung.permissions import may_manage, may_read
from verteilung.transitions import SCHLUESSEL
from verteilung.zuordnung import abweichungen, stunden_als_vzae

IMPORT_SESSION_KEY = "verteilung_import"


def _require_read(request: HttpRequest) -> None:
    if not may_read(request.user):
        raise PermissionDenied(
            "Den Verteilungsschlüssel lesen die KIM-Koordination und die Integrationsbeauftragten."
        )


def _require_manage(request: HttpRequest) -> None:
    if not may_manage(request.user):
        raise Http404


def _schluessel_for(request: HttpRequest, pk: int) -> Verteilungsschluessel:
    _require_read(request)
    qs = Verteilungsschluessel.objects.select_related("beschluss__gremium", "vorlage")
    if not may_manage(request.user):
        qs = qs.beschlossen()
    return get_object_or_404(qs, pk=pk)


def vzae(value: Decimal | None) -> str:
    return "–" if value is None else number_format(value, 2)


def signed(value: Decimal | None) -> str:
    """ "+0,25", "−0,5", "±0" for a difference."""
    if value is None:
        return "–"
    if not value:
        return "±0"
    return ("+" if value > 0 else "−") + number_format(abs(value), 2)


# --- reading ----------------------------------------------------------------------------------


def overview(request: HttpRequest) -> HttpResponse:
    _require_read(request)
    manage = may_manage(request.user)
    keys = list(Verteilungsschluessel.objects.select_related("beschluss"))
    in_kraft = next((k for k in keys if k.status == k.Status.IN_KRAFT), None)
    context = {
        "in_kraft": in_kraft,
        "ergebnis": berechne(in_kraft) if in_kraft else None,
        "historie": [k for k in keys if k.status == k.Status.ABGELOEST],
        "manage": manage,
        "own_kommune": Kommune.objects.of_user(request.user),
    }
    if manage:
        context["entwuerfe"] = [k for k in keys if k.is_entwurf]
        context["abweichungen"] = abweichungen(in_kraft)
    return render(request, "verteilung/overview.html", context)


def _beschluss_link(request: HttpRequest, beschluss: Beschluss | None) -> bool:
    return bool(
        beschluss and Beschluss.objects.visible_to(request.user).filter(pk=beschluss.pk).exists()
    )


def schluessel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    schluessel = _schluessel_for(request, pk)
    manage = may_manage(request.user)
    ergebnis = berechne(schluessel)
    beschluss_form = None
    if manage and schluessel.is_entwurf and not schluessel.annahmen.exists():
        beschluss_form = BeschlussForm()
    return _render_detail(request, schluessel, ergebnis, beschluss_form)


def _render_detail(request, schluessel, ergebnis, beschluss_form, status=200) -> HttpResponse:
    manage = may_manage(request.user)
    in_kraft = Verteilungsschluessel.objects.in_kraft()
    return render(
        request,
        "verteilung/schluessel.html",
        {
            "schluessel": schluessel,
            "ergebnis": ergebnis,
            "manage": manage,
            "gewichtungen": list(schluessel.gewichtungen.select_related("indikator")),
            "annahmen": list(schluessel.annahmen.select_related("indikator", "kommune")),
            "beschluss_form": beschluss_form,
            "beschluss_sichtbar": _beschluss_link(request, schluessel.beschluss),
            "verlauf": list(SCHLUESSEL.history(schluessel)),
            "vergleichbar": manage and in_kraft is not None and in_kraft.pk != schluessel.pk,
        },
        status=status,
    )


def _export_rows(ergebnis):
    headers = ["Kommune", "AGS"]
    headers += [s.name for s in ergebnis.spalten]
    headers += ["Anteil (%)", "exakt (VZÄ)", "VZÄ", "Vorjahr (VZÄ)", "Differenz (VZÄ)"]
    rows = [
        [z.name, z.ags] + list(z.werte) + [z.anteil, z.exakt, z.vzae, z.vorjahr, z.differenz]
        for z in ergebnis.zeilen
    ]
    rows.append(["Summe", ""] + [""] * len(ergebnis.spalten) + ["100", "", ergebnis.summe, "", ""])
    return headers, rows


def schluessel_csv(request: HttpRequest, pk: int) -> HttpResponse:
    schluessel = _schluessel_for(request, pk)
    ergebnis = berechne(schluessel)
    if ergebnis.fehler:
        raise Http404
    headers, rows = _export_rows(ergebnis)
    return spreadsheet_response(
        headers,
        [[_german(v) for v in row] for row in rows],
        filename=f"verteilungsschluessel-{schluessel.datenjahr}-{schluessel.pk}",
        file_format="csv",
    )


def _german(value):
    """Numbers as German Excel reads them in a CSV (decimal comma)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return "" if value is None else value


def schluessel_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    schluessel = _schluessel_for(request, pk)
    ergebnis = berechne(schluessel)
    if ergebnis.fehler:
        raise Http404
    return pdf_response(
        "verteilung/schluessel_pdf.html",
        {
            "schluessel": schluessel,
            "ergebnis": ergebnis,
            "gewichtungen": list(schluessel.gewichtungen.select_related("indikator")),
            "erstellt": timezone.localtime(),
        },
        request,
        f"verteilungsschluessel-{schluessel.datenjahr}.pdf",
    )


def kommune_detail(request: HttpRequest, slug: str) -> HttpResponse:
    _require_read(request)
    kommune = get_object_or_404(Kommune, slug=slug)
    manage = may_manage(request.user)
    if not manage:
        own = Kommune.objects.of_user(request.user)
        if own is None or own.pk != kommune.pk:
            raise PermissionDenied(
                "Die Kennzahlen und Zuständigkeiten einer Kommune sehen ihre "
                "Integrationsbeauftragten und die KIM-Koordination."
            )
    in_kraft = Verteilungsschluessel.objects.in_kraft()
    zuteilung = frozen_vzae(in_kraft).get(kommune.pk)
    zustaendigkeiten = list(kommune.zustaendigkeiten.all())
    stunden = sum((z.wochenstunden for z in zustaendigkeiten), Decimal(0))
    kennzahlen = list(
        Kennzahl.objects.filter(kommune=kommune)
        .select_related("indikator")
        .order_by("-jahr", "indikator__reihenfolge")
    )
    jahre: dict[int, list[Kennzahl]] = {}
    for kennzahl in kennzahlen:
        jahre.setdefault(kennzahl.jahr, []).append(kennzahl)
    assigned = stunden_als_vzae(stunden)
    return render(
        request,
        "verteilung/kommune.html",
        {
            "kommune": kommune,
            "in_kraft": in_kraft,
            "zuteilung": zuteilung,
            "zustaendigkeiten": zustaendigkeiten,
            "stunden": stunden,
            "assigned_vzae": assigned,
            "abweichung": zuteilung is not None and assigned != zuteilung,
            "jahre": sorted(jahre.items(), reverse=True),
            "manage": manage,
        },
    )


# --- the coordination's work ----------------------------------------------------------------


def schluessel_neu(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    form = SchluesselForm(
        request.POST or None, initial={"datenjahr": timezone.localdate().year - 1}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.erstellt_von = request.user
            schluessel = form.save()
        messages.success(request, f"Der Entwurf „{schluessel.titel}“ ist angelegt.")
        return redirect(schluessel)
    return render(request, "verteilung/schluessel_form.html", {"form": form, "schluessel": None})


def schluessel_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    schluessel = get_object_or_404(Verteilungsschluessel, pk=pk)
    if not schluessel.is_entwurf:
        raise PermissionDenied(
            "Ein beschlossener Verteilungsschlüssel wird nicht mehr geändert. Kopieren Sie ihn "
            "als Szenario und lassen Sie den neuen Schlüssel beschließen."
        )
    form = SchluesselForm(request.POST or None, instance=schluessel)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Die Änderungen sind gespeichert.")
        return redirect(schluessel)
    return render(
        request, "verteilung/schluessel_form.html", {"form": form, "schluessel": schluessel}
    )


@require_POST
def schluessel_kopieren(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    schluessel = get_object_or_404(Verteilungsschluessel, pk=pk)
    kopie = actions.kopieren(schluessel, by=request.user)
    messages.success(request, "Das Szenario ist angelegt. Ändern Sie Gewichte oder Zahlen.")
    return redirect("verteilung:bearbeiten", pk=kopie.pk)


@require_POST
def schluessel_beschliessen(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    schluessel = get_object_or_404(Verteilungsschluessel, pk=pk)
    form = BeschlussForm(request.POST)
    if form.is_valid():
        try:
            actions.beschliessen(
                schluessel,
                form.cleaned_data["beschluss"],
                form.cleaned_data["in_kraft_seit"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(
                None,
                error.messages
                if not hasattr(error, "error_dict")
                else sum(error.message_dict.values(), []),
            )
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                f"„{schluessel.titel}“ ist in Kraft und für alle Integrationsbeauftragten "
                "veröffentlicht.",
            )
            return redirect(schluessel)
    return _render_detail(request, schluessel, berechne(schluessel), form, status=400)


def vergleich(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manage(request)
    schluessel = get_object_or_404(Verteilungsschluessel, pk=pk)
    in_kraft = Verteilungsschluessel.objects.in_kraft()
    if in_kraft is None or in_kraft.pk == schluessel.pk:
        raise Http404
    links, rechts = berechne(in_kraft, mit_vorjahr=False), berechne(schluessel, mit_vorjahr=False)
    beschlossen = {z.kommune_id: z for z in links.zeilen}
    zeilen = [
        (
            z,
            beschlossen.get(z.kommune_id),
            z.vzae - beschlossen[z.kommune_id].vzae if z.kommune_id in beschlossen else None,
        )
        for z in rechts.zeilen
    ]
    chart = None
    if not rechts.fehler:
        chart = bar_chart(
            "vergleich-chart",
            f"VZÄ je Kommune im Szenario „{schluessel.titel}“",
            [
                (
                    z.name,
                    _Cell(
                        z.vzae, f"{vzae(z.vzae)} ({signed(d)})" if d is not None else vzae(z.vzae)
                    ),
                )
                for z, _b, d in zeilen
            ],
            category_axis_label="Kommune",
            value_axis_label="VZÄ (in Klammern: Differenz zum beschlossenen Schlüssel)",
            horizontal=True,
            unit="VZÄ",
        )
    return render(
        request,
        "verteilung/vergleich.html",
        {
            "schluessel": schluessel,
            "in_kraft": in_kraft,
            "links": links,
            "rechts": rechts,
            "zeilen": zeilen,
            "chart": chart,
        },
    )


class _Cell:
    """A bar of portal.charts: the VZÄ as number, its German text."""

    is_hidden = False

    def __init__(self, value: Decimal, display: str) -> None:
        self.count = float(value)
        self.display = display


def daten(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    jahre = sorted(set(Kennzahl.objects.values_list("jahr", flat=True)), reverse=True)
    try:
        jahr = int(
            request.GET.get("jahr") or (jahre[0] if jahre else timezone.localdate().year - 1)
        )
    except ValueError:
        jahr = jahre[0] if jahre else timezone.localdate().year - 1
    indikatoren = list(Indikator.objects.all())
    table = Kennzahl.objects.table(jahr)
    kommunen = list(Kommune.objects.order_by("name"))
    zeilen = [(k, [table.get(k.pk, {}).get(i.pk) for i in indikatoren]) for k in kommunen]
    quellen: dict[int, set[tuple[str, object]]] = {}
    for row in table.values():
        for kennzahl in row.values():
            quellen.setdefault(kennzahl.indikator_id, set()).add((kennzahl.quelle, kennzahl.stand))
    nachweise = [
        (i, sorted(quellen[i.pk], key=lambda q: (q[1], q[0])))
        for i in indikatoren
        if i.pk in quellen
    ]
    return render(
        request,
        "verteilung/daten.html",
        {
            "jahr": jahr,
            "jahre": jahre,
            "indikatoren": indikatoren,
            "zeilen": zeilen,
            "nachweise": nachweise,
        },
    )


def erfassen(request: HttpRequest, jahr: int, indikator: str) -> HttpResponse:
    _require_manage(request)
    indikator = get_object_or_404(Indikator, slug=indikator)
    kommunen = list(Kommune.objects.order_by("name"))
    bestehend = {k.kommune_id: k for k in Kennzahl.objects.filter(jahr=jahr, indikator=indikator)}
    initial = {}
    if bestehend:
        any_value = next(iter(bestehend.values()))
        initial = {"quelle": any_value.quelle, "stand": any_value.stand}
    form = ErfassenForm(
        request.POST or None,
        kommunen=kommunen,
        werte={pk: k.wert for pk, k in bestehend.items()},
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            count = 0
            for kommune in kommunen:
                wert = form.cleaned_data[f"wert_{kommune.pk}"]
                if wert is None:
                    Kennzahl.objects.filter(
                        jahr=jahr, indikator=indikator, kommune=kommune
                    ).delete()
                    continue
                Kennzahl.objects.update_or_create(
                    jahr=jahr,
                    indikator=indikator,
                    kommune=kommune,
                    defaults={
                        "wert": wert,
                        "quelle": form.cleaned_data["quelle"],
                        "stand": form.cleaned_data["stand"],
                        "geaendert_von": request.user,
                    },
                )
                count += 1
        messages.success(request, f"{count} Werte „{indikator.name}“ {jahr} sind gespeichert.")
        return redirect(f"{reverse('verteilung:daten')}?jahr={jahr}")
    return render(
        request, "verteilung/erfassen.html", {"form": form, "jahr": jahr, "indikator": indikator}
    )


def importieren(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    if request.method == "POST" and "bestaetigen" in request.POST:
        data = request.session.pop(IMPORT_SESSION_KEY, None)
        if not data:
            messages.error(
                request, "Die Vorschau ist abgelaufen. Bitte laden Sie die Datei erneut hoch."
            )
            return redirect("verteilung:import")
        vorschau = importing.Vorschau.from_data(data)
        count = importing.apply(vorschau, by=request.user)
        messages.success(request, f"{count} Werte für {vorschau.jahr} sind übernommen.")
        return redirect(f"{reverse('verteilung:daten')}?jahr={vorschau.jahr}")
    form = ImportForm(
        request.POST or None, request.FILES or None, initial={"jahr": timezone.localdate().year - 1}
    )
    fehler: list[str] = []
    vorschau = None
    if request.method == "POST" and form.is_valid():
        datei = form.cleaned_data["datei"]
        file_format = "xlsx" if datei.name.lower().endswith(".xlsx") else "csv"
        try:
            vorschau = importing.parse(
                datei.read(),
                file_format,
                jahr=form.cleaned_data["jahr"],
                quelle=form.cleaned_data["quelle"],
                stand=form.cleaned_data["stand"],
            )
        except importing.ImportFehler as error:
            fehler = error.messages
        else:
            request.session[IMPORT_SESSION_KEY] = vorschau.as_data()
    return render(
        request,
        "verteilung/import.html",
        {"form": form, "fehler": fehler, "vorschau": vorschau},
        status=400 if fehler else 200,
    )


def zustaendigkeiten(request: HttpRequest) -> HttpResponse:
    _require_manage(request)
    in_kraft = Verteilungsschluessel.objects.in_kraft()
    return render(
        request,
        "verteilung/zustaendigkeiten.html",
        {
            "in_kraft": in_kraft,
            "kommunen": abweichungen(in_kraft, nur_abweichend=False),
            "zustaendigkeiten": list(Zustaendigkeit.objects.select_related("kommune")),
        },
    )
