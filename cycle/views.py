"""Pages of the KIM cycle for the KIM-Koordination: overview, a theme, a reconstruction and the
trace of a report, with their actions. Creating and editing happens in the admin (snippets).

Everyone else gets a 404, like a URL that does not exist. A refused action re-renders the page
with the German reason next to the form and the input kept.
"""

from django import forms
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cycle import actions
from cycle.actions import ActionRefused
from cycle.models import Fallrekonstruktion, GenerativesThema, Kettenglied, Teilnahme
from cycle.notifications import send_invitations
from cycle.panels import koordination_context
from cycle.permissions import is_coordination
from cycle.trace import THEMA_CHAIN, meldeboegen_by_thema, meldebogen_trace, thema_traces
from cycle.transitions import FALLREKONSTRUKTION, GENERATIVES_THEMA
from forms.models import Meldebogen
from spaces.models import Beschluss, Gremium, Sitzung, Zielsystem

# --- forms -----------------------------------------------------------------------------------


class MeldebogenField(forms.CharField):
    """A submitted report, entered by its reference number (e.g. MB-2026-0042)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Meldebogen-Nummer")
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", "z. B. MB-2026-0042")
        super().__init__(**kwargs)

    def clean(self, value):
        reference = super().clean(value).strip().upper()
        meldebogen = Meldebogen.objects.submitted().filter(reference=reference).first()
        if meldebogen is None:
            raise forms.ValidationError(
                f"Es gibt keinen eingegangenen Meldebogen mit der Nummer „{reference}“."
            )
        return meldebogen


class MeldebogenForm(forms.Form):
    meldebogen = MeldebogenField()


class RekonstruktionChoiceForm(forms.Form):
    rekonstruktion = forms.ModelChoiceField(
        label="Fallrekonstruktion",
        queryset=Fallrekonstruktion.objects.none(),
        empty_label="– bitte wählen –",
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rekonstruktion"].queryset = queryset


class ThemaChoiceForm(forms.Form):
    thema = forms.ModelChoiceField(
        label="Generatives Thema",
        queryset=GenerativesThema.objects.open(),
        empty_label="– bitte wählen –",
    )


class TagesordnungForm(forms.Form):
    sitzung = forms.ModelChoiceField(
        label="Sitzung der Lenkungsgruppe",
        queryset=Sitzung.objects.none(),
        empty_label="– bitte wählen –",
    )
    presenter = forms.CharField(
        label="Berichterstattung",
        max_length=200,
        required=False,
        help_text="Leer lassen: „KIM-Koordination“.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sitzung"].queryset = actions.lenkungsgruppe_sitzungen()


class BeschlussForm(forms.Form):
    beschluss = forms.ModelChoiceField(
        label="Beschluss der Lenkungsgruppe",
        queryset=Beschluss.objects.filter(gremium__kind=Gremium.Kind.LENKUNGSGRUPPE)
        .exclude(status=Beschluss.Status.AUFGEHOBEN)
        .select_related("gremium"),
        empty_label="– bitte wählen –",
    )
    arbeitsgruppe = forms.ModelChoiceField(
        label="Arbeitsgruppe (falls eingesetzt oder beauftragt)",
        queryset=Gremium.objects.filter(kind=Gremium.Kind.ARBEITSGRUPPE),
        required=False,
        empty_label="– keine –",
    )
    zielsystem = forms.ModelChoiceField(
        label="Zielsystem (falls beschlossen oder in Arbeit)",
        queryset=Zielsystem.objects.select_related("gremium"),
        required=False,
        empty_label="– keines –",
    )


class ThemaStatusForm(forms.Form):
    status = forms.ChoiceField(label="Neuer Status", choices=GenerativesThema.Status.choices)
    reason = forms.CharField(
        label="Begründung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Nötig, wenn ein gelöstes oder nicht lösbares Thema wieder aufgenommen wird; "
        "steht im Verlauf.",
    )


# --- helpers ---------------------------------------------------------------------------------


def _require_coordination(request: HttpRequest) -> None:
    if not is_coordination(request.user):
        raise Http404


def _admin_edit_url(obj) -> str:
    name = f"wagtailsnippets_cycle_{obj._meta.model_name}:edit"
    try:
        return reverse(name, args=[obj.pk])
    except NoReverseMatch:
        return ""


def _admin_add_url(model) -> str:
    try:
        return reverse(f"wagtailsnippets_cycle_{model._meta.model_name}:add")
    except NoReverseMatch:
        return ""


def _refuse(form: forms.Form, exc: ActionRefused) -> None:
    form.add_error(None, str(exc))


# --- overview --------------------------------------------------------------------------------


def overview(request: HttpRequest) -> HttpResponse:
    _require_coordination(request)
    themen = list(
        GenerativesThema.objects.select_related("beschluss", "arbeitsgruppe")
        .annotate(
            n_meldeboegen=Count("meldeboegen", distinct=True),
            n_rekonstruktionen=Count("fallrekonstruktionen", distinct=True),
        )
        .order_by("title")
    )
    by_status = [
        (label, [t for t in themen if t.status == value])
        for value, label in GenerativesThema.Status.choices
    ]
    rekonstruktionen = (
        Fallrekonstruktion.objects.select_related("moderator")
        .annotate(n_meldeboegen=Count("meldeboegen"))
        .order_by("-date", "-pk")
    )
    return render(
        request,
        "cycle/overview.html",
        {
            "by_status": by_status,
            "n_themen": len(themen),
            "rekonstruktionen": rekonstruktionen,
            "add_thema_url": _admin_add_url(GenerativesThema),
            "add_rekonstruktion_url": _admin_add_url(Fallrekonstruktion),
        },
    )


# --- theme -----------------------------------------------------------------------------------


def _thema_context(thema: GenerativesThema, **bound) -> dict:
    trace = thema_traces([thema])[0]
    meldeboegen = meldeboegen_by_thema([thema.pk])[thema.pk]
    rekonstruktionen = list(thema.fallrekonstruktionen.order_by("-date"))
    linked = {r.pk for r in rekonstruktionen}
    return {
        "thema": thema,
        "trace": trace,
        "meldeboegen": meldeboegen,
        "rekonstruktionen": rekonstruktionen,
        "stellen": list(thema.stellen.all()),
        "edit_url": _admin_edit_url(thema),
        "meldebogen_form": bound.get("meldebogen_form") or MeldebogenForm(prefix="mb"),
        "rekonstruktion_form": bound.get("rekonstruktion_form")
        or RekonstruktionChoiceForm(
            prefix="rek", queryset=Fallrekonstruktion.objects.exclude(pk__in=linked)
        ),
        "tagesordnung_form": bound.get("tagesordnung_form") or TagesordnungForm(prefix="to"),
        "beschluss_form": bound.get("beschluss_form")
        or BeschlussForm(
            prefix="be",
            initial={
                "beschluss": thema.beschluss_id,
                "arbeitsgruppe": thema.arbeitsgruppe_id,
                "zielsystem": thema.zielsystem_id,
            },
        ),
        "status_form": bound.get("status_form")
        or ThemaStatusForm(prefix="st", initial={"status": thema.status}),
        "verlauf": list(GENERATIVES_THEMA.history(thema)),
    }


def _get_thema(pk: int) -> GenerativesThema:
    return get_object_or_404(GenerativesThema.objects.select_related(*THEMA_CHAIN), pk=pk)


def thema_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    thema = _get_thema(pk)
    return render(request, "cycle/thema.html", _thema_context(thema))


def _thema_invalid(request, thema, **bound) -> HttpResponse:
    return render(request, "cycle/thema.html", _thema_context(thema, **bound), status=400)


@require_POST
def thema_meldebogen(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    thema = _get_thema(pk)
    form = MeldebogenForm(request.POST, prefix="mb")
    if form.is_valid():
        meldebogen = form.cleaned_data["meldebogen"]
        try:
            actions.assign_to_thema(thema, meldebogen, by=request.user)
        except ActionRefused as exc:
            _refuse(form, exc)
        else:
            messages.success(
                request,
                f"Der Meldebogen {meldebogen.reference} ist dem Thema zugeordnet "
                "(Status: einem Thema zugeordnet).",
            )
            return redirect(thema.get_absolute_url())
    return _thema_invalid(request, thema, meldebogen_form=form)


@require_POST
def thema_rekonstruktion(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    thema = _get_thema(pk)
    form = RekonstruktionChoiceForm(
        request.POST, prefix="rek", queryset=Fallrekonstruktion.objects.all()
    )
    if form.is_valid():
        rekonstruktion = form.cleaned_data["rekonstruktion"]
        try:
            assigned = actions.add_rekonstruktion_to_thema(thema, rekonstruktion, by=request.user)
        except ActionRefused as exc:
            _refuse(form, exc)
        else:
            messages.success(
                request,
                f"Die Fallrekonstruktion „{rekonstruktion.title}“ gehört jetzt zum Thema; "
                f"{assigned} rekonstruierte Meldebögen wurden dem Thema zugeordnet.",
            )
            return redirect(thema.get_absolute_url())
    return _thema_invalid(request, thema, rekonstruktion_form=form)


@require_POST
def thema_tagesordnung(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    thema = _get_thema(pk)
    form = TagesordnungForm(request.POST, prefix="to")
    if form.is_valid():
        sitzung = form.cleaned_data["sitzung"]
        try:
            actions.put_on_agenda(
                thema, sitzung, by=request.user, presenter=form.cleaned_data["presenter"]
            )
        except ActionRefused as exc:
            _refuse(form, exc)
        else:
            messages.success(
                request,
                f"Das Thema steht auf der Tagesordnung: {sitzung}. "
                "Status: der Lenkungsgruppe vorgelegt.",
            )
            return redirect(thema.get_absolute_url())
    return _thema_invalid(request, thema, tagesordnung_form=form)


@require_POST
def thema_beschluss(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    thema = _get_thema(pk)
    form = BeschlussForm(request.POST, prefix="be")
    if form.is_valid():
        try:
            sent = actions.link_beschluss(
                thema,
                form.cleaned_data["beschluss"],
                by=request.user,
                arbeitsgruppe=form.cleaned_data["arbeitsgruppe"],
                zielsystem=form.cleaned_data["zielsystem"],
            )
        except ActionRefused as exc:
            _refuse(form, exc)
        else:
            beschluss = form.cleaned_data["beschluss"]
            text = f"Der Beschluss {beschluss.number} ist verknüpft."
            if beschluss.decided_on > timezone.localdate():
                text += (
                    f" Er ist auf den {beschluss.decided_on:%d.%m.%Y} datiert: Die meldenden "
                    "Personen erfahren davon an diesem Tag."
                )
            elif sent:
                text += f" {sent} meldende Personen wurden per E-Mail benachrichtigt."
            messages.success(request, text)
            return redirect(thema.get_absolute_url())
    return _thema_invalid(request, thema, beschluss_form=form)


@require_POST
def thema_status(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    thema = _get_thema(pk)
    form = ThemaStatusForm(request.POST, prefix="st")
    if form.is_valid():
        try:
            actions.set_status(
                thema,
                form.cleaned_data["status"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"Neuer Status: {thema.get_status_display()}.")
            return redirect(thema.get_absolute_url())
    return _thema_invalid(request, thema, status_form=form)


# --- reconstruction --------------------------------------------------------------------------


def _get_rekonstruktion(pk: int) -> Fallrekonstruktion:
    return get_object_or_404(
        Fallrekonstruktion.objects.select_related("moderator").prefetch_related(
            Prefetch(
                "teilnahmen",
                queryset=Teilnahme.objects.select_related("organisation").order_by(
                    "sort_order", "pk"
                ),
            ),
            Prefetch(
                "schritte",
                queryset=Kettenglied.objects.select_related("organisation").order_by(
                    "sort_order", "pk"
                ),
            ),
        ),
        pk=pk,
    )


def _rekonstruktion_context(rekonstruktion: Fallrekonstruktion, **bound) -> dict:
    return {
        "rekonstruktion": rekonstruktion,
        "meldeboegen": list(rekonstruktion.meldeboegen.order_by("reference")),
        "themen": list(rekonstruktion.generative_themen.order_by("title")),
        "edit_url": _admin_edit_url(rekonstruktion),
        "meldebogen_form": bound.get("meldebogen_form") or MeldebogenForm(prefix="mb"),
        "invite_error": bound.get("invite_error", ""),
        "complete_error": bound.get("complete_error", ""),
        "verlauf": list(FALLREKONSTRUKTION.history(rekonstruktion)),
    }


def rekonstruktion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    rekonstruktion = _get_rekonstruktion(pk)
    return render(request, "cycle/rekonstruktion.html", _rekonstruktion_context(rekonstruktion))


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_POST
def rekonstruktion_meldebogen(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    rekonstruktion = _get_rekonstruktion(pk)
    form = MeldebogenForm(request.POST, prefix="mb")
    if form.is_valid():
        meldebogen = form.cleaned_data["meldebogen"]
        try:
            actions.add_to_rekonstruktion(rekonstruktion, meldebogen, by=request.user)
        except ActionRefused as exc:
            _refuse(form, exc)
        else:
            messages.success(
                request,
                f"Der Meldebogen {meldebogen.reference} gehört jetzt zur Fallrekonstruktion "
                "(Status: zur Fallrekonstruktion vorgesehen).",
            )
            return redirect(_next_url(request, rekonstruktion.get_absolute_url()))
    if request.POST.get("next"):
        # Sent from a report's panel: show the reason there.
        for error in form.non_field_errors() + form.errors.get("meldebogen", []):
            messages.error(request, error)
        return redirect(_next_url(request, rekonstruktion.get_absolute_url()))
    return render(
        request,
        "cycle/rekonstruktion.html",
        _rekonstruktion_context(rekonstruktion, meldebogen_form=form),
        status=400,
    )


@require_POST
def rekonstruktion_einladen(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    rekonstruktion = _get_rekonstruktion(pk)
    try:
        sent, without_address = send_invitations(rekonstruktion, by=request.user)
    except ActionRefused as exc:
        return render(
            request,
            "cycle/rekonstruktion.html",
            _rekonstruktion_context(rekonstruktion, invite_error=str(exc)),
            status=400,
        )
    text = f"{sent} Einladungen wurden per E-Mail verschickt."
    if without_address:
        text += " Ohne E-Mail-Adresse, daher nicht eingeladen: " + ", ".join(without_address) + "."
    messages.success(request, text)
    return redirect(rekonstruktion.get_absolute_url())


@require_POST
def rekonstruktion_abschliessen(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    rekonstruktion = _get_rekonstruktion(pk)
    try:
        moved = actions.complete_rekonstruktion(rekonstruktion, by=request.user)
    except ActionRefused as exc:
        return render(
            request,
            "cycle/rekonstruktion.html",
            _rekonstruktion_context(rekonstruktion, complete_error=str(exc)),
            status=400,
        )
    messages.success(
        request,
        f"Die Fallrekonstruktion ist abgeschlossen; {moved} Meldebögen sind jetzt „rekonstruiert“.",
    )
    return redirect(rekonstruktion.get_absolute_url())


# --- the trace of a report -------------------------------------------------------------------


def meldebogen_spur(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordination(request)
    meldebogen = get_object_or_404(
        Meldebogen.objects.submitted().select_related("thema").prefetch_related("kommunen"),
        pk=pk,
    )
    return render(
        request,
        "cycle/spur.html",
        {**koordination_context(meldebogen, request), "trace": meldebogen_trace(meldebogen)},
    )


@require_POST
def meldebogen_thema(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign a report to a theme from the report's panel (suggestion or list)."""
    _require_coordination(request)
    meldebogen = get_object_or_404(Meldebogen.objects.submitted(), pk=pk)
    back = _next_url(request, reverse("cycle:spur", kwargs={"pk": meldebogen.pk}))
    form = ThemaChoiceForm(request.POST, prefix="th")
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie ein offenes generatives Thema aus.")
        return redirect(back)
    thema = form.cleaned_data["thema"]
    try:
        actions.assign_to_thema(thema, meldebogen, by=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"Der Meldebogen {meldebogen.reference} gehört jetzt zum Thema „{thema}“."
        )
    return redirect(back)


@require_POST
def meldebogen_rekonstruktion(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a report to a planned reconstruction from the report's panel."""
    _require_coordination(request)
    meldebogen = get_object_or_404(Meldebogen.objects.submitted(), pk=pk)
    back = _next_url(request, reverse("cycle:spur", kwargs={"pk": meldebogen.pk}))
    raw = request.POST.get("rekonstruktion", "")
    rekonstruktion = Fallrekonstruktion.objects.filter(pk=raw).first() if raw.isdigit() else None
    if rekonstruktion is None:
        messages.error(request, "Bitte wählen Sie eine geplante Fallrekonstruktion aus.")
        return redirect(back)
    try:
        actions.add_to_rekonstruktion(rekonstruktion, meldebogen, by=request.user)
    except ActionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Der Meldebogen {meldebogen.reference} gehört jetzt zur Fallrekonstruktion "
            f"„{rekonstruktion.title}“ (Status: zur Fallrekonstruktion vorgesehen).",
        )
    return redirect(back)
