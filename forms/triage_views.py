"""The coordination's triage in the portal: the work list and the triage view of one report.

A dedicated staff view rather than the Wagtail admin (docs/apps/forms.md, "Entscheidungen"):
filters that are plain URLs (bookmarkable, saved per person), bulk actions with a result per
report, and the report, its history, notes, questions and similar reports on one accessible page.
Access: the coordination (``meldeboegen.view_meldebogen``); changes need the permissions the
state machine and the forms below check.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forms.models import (
    GespeicherterFilter,
    Meldebogen,
    Notiz,
    Rueckfrage,
)
from forms.notifications import send_question_notice
from forms.permissions import ASK_REPORTER, WRITE_NOTES, may_review
from forms.service_levels import days_overdue
from forms.similarity import similar_reports
from forms.triage_forms import (
    BulkForm,
    FilterSpeichernForm,
    NotizForm,
    RueckfrageForm,
    StatusForm,
)
from forms.workflow import (
    MELDEBOGEN,
    TransitionRefused,
    allowed_transitions,
    change_status,
    label,
    may_change_status,
)
from forms.worklist import (
    BULK_ACTIONS,
    BULK_ACTIONS_BY_NAME,
    WorklistFilter,
    parse_selection,
    run_bulk_action,
    worklist_page_rows,
    worklist_queryset,
    worklist_rows,
)

PAGE_SIZE = 50
PAGE_PARAM = "seite"


def coordination_required(view):
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not may_review(request.user):
            return render(request, "meldeboegen/triage/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _filter_query(request: HttpRequest) -> str:
    """The current filter as a query string (without the page number)."""
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return params.urlencode()


@coordination_required
def worklist(request: HttpRequest) -> HttpResponse:
    """Submitted reports with filters, sorting, saved filters, bulk actions, overdue marks."""
    bulk_form = BulkForm()
    save_form = FilterSpeichernForm(initial={"query": _filter_query(request)})
    status_code = 200
    if request.method == "POST":
        if "filter_speichern" in request.POST:
            save_form = FilterSpeichernForm(request.POST)
            if save_form.is_valid():
                GespeicherterFilter.objects.update_or_create(
                    user=request.user,
                    name=save_form.cleaned_data["name"],
                    defaults={"query": save_form.cleaned_data["query"]},
                )
                messages.success(
                    request, f"Der Filter „{save_form.cleaned_data['name']}“ ist gespeichert."
                )
                return redirect(reverse("forms:worklist") + "?" + save_form.cleaned_data["query"])
            status_code = 400
        else:
            bulk_form = BulkForm(request.POST)
            if not may_change_status(request.user):
                bulk_form.add_error(
                    None, "Nur die KIM-Koordination darf den Status von Meldebögen ändern."
                )
            if bulk_form.is_valid():
                action = BULK_ACTIONS_BY_NAME[bulk_form.cleaned_data["aktion"]]
                results = run_bulk_action(
                    action,
                    parse_selection(bulk_form.cleaned_data["auswahl"]),
                    request.user,
                    bulk_form.cleaned_data["begruendung"],
                    bulk_form.cleaned_data["begruendung_meldende"],
                )
                for result in results:
                    if result.ok:
                        messages.success(request, f"{result.reference}: {result.message}")
                    else:
                        messages.error(request, f"{result.reference}: {result.message}")
                if not results:
                    messages.error(request, "Keiner der ausgewählten Meldebögen wurde gefunden.")
                return redirect(request.get_full_path())
            status_code = 400

    filterset = WorklistFilter(request.GET, queryset=worklist_queryset())
    page = Paginator(worklist_page_rows(filterset.qs), PAGE_SIZE).get_page(
        request.GET.get(PAGE_PARAM)
    )
    selected = set(bulk_form.data.getlist("auswahl")) if bulk_form.is_bound else set()
    may_change = may_change_status(request.user)
    rows = worklist_rows(list(page.object_list), selected, with_selection=may_change)
    query = _filter_query(request)
    return render(
        request,
        "meldeboegen/triage/worklist.html",
        {
            "filterset": filterset,
            "page": page,
            "rows": rows,
            "bulk_form": bulk_form,
            "bulk_actions": BULK_ACTIONS,
            "save_form": save_form,
            "saved_filters": GespeicherterFilter.objects.filter(user=request.user),
            "filter_query": query,
            "page_query": urlencode({k: v for k, v in request.GET.items() if k != PAGE_PARAM}),
            "may_change": may_change,
        },
        status=status_code,
    )


@require_POST
@coordination_required
def delete_saved_filter(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(GespeicherterFilter, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, f"Der Filter „{saved.name}“ wurde gelöscht.")
    return redirect("forms:worklist")


def _timeline(meldebogen: Meldebogen) -> list[dict]:
    rows = []
    for change in MELDEBOGEN.history(meldebogen):
        if change.by_id is not None and change.by_id == meldebogen.owner_id:
            who = "meldende Person"
        elif change.by is not None:
            who = change.by.get_full_name() or change.by.get_username()
        else:
            who = "unbekannt"
        rows.append({"change": change, "who": who})
    return rows


@coordination_required
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    """One report for the coordination: status change, history, questions, notes, similar."""
    meldebogen = get_object_or_404(
        Meldebogen.objects.submitted()
        .select_related("thema", "organisation")
        .prefetch_related("kommunen", "anhaenge"),
        pk=pk,
    )
    url = reverse("forms:triage", args=[meldebogen.pk])
    transitions = allowed_transitions(meldebogen.status, request.user)
    status_form = StatusForm(
        transitions=transitions, meldebogen=meldebogen, initial={"version": meldebogen.version}
    )
    notiz_form = NotizForm()
    rueckfrage_form = RueckfrageForm()
    status_code = 200

    if request.method == "POST":
        which = request.POST.get("formular")
        if which == "status":
            status_form = StatusForm(request.POST, transitions=transitions, meldebogen=meldebogen)
            if status_form.is_valid():
                target = status_form.cleaned_data["neuer_status"]
                try:
                    change_status(
                        meldebogen,
                        target,
                        by=request.user,
                        comment=status_form.cleaned_data["kommentar"],
                        expected_version=status_form.cleaned_data["version"],
                        reporter_reason=status_form.cleaned_data["begruendung_meldende"],
                        duplicate_of=status_form.cleaned_data["duplicate_of"],
                    )
                except TransitionRefused as refused:
                    status_form.add_error(None, str(refused))
                    status_code = 409 if refused.code == "conflict" else 400
                    # Show what is possible now; the typed comment stays in the bound form.
                    meldebogen.refresh_from_db()
                    status_form.offer(allowed_transitions(meldebogen.status, request.user))
                    status_form.data = status_form.data.copy()
                    status_form.data["version"] = str(meldebogen.version)
                else:
                    messages.success(
                        request,
                        f"Der Meldebogen {meldebogen.reference} ist jetzt „{label(target)}“.",
                    )
                    return redirect(url + "#status")
            else:
                status_code = 400
        elif which == "notiz":
            notiz_form = NotizForm(request.POST)
            if not WRITE_NOTES.allows(request.user):
                notiz_form.add_error(None, "Sie dürfen keine Notizen anlegen.")
            if notiz_form.is_valid():
                Notiz.objects.create(
                    meldebogen=meldebogen, author=request.user, text=notiz_form.cleaned_data["text"]
                )
                messages.success(request, "Die Notiz ist gespeichert.")
                return redirect(url + "#notizen")
            status_code = 400
        elif which == "rueckfrage":
            rueckfrage_form = RueckfrageForm(request.POST)
            if not ASK_REPORTER.allows(request.user):
                rueckfrage_form.add_error(None, "Sie dürfen keine Rückfragen stellen.")
            if meldebogen.owner_id is None:
                rueckfrage_form.add_error(
                    None,
                    "Die meldende Person hat kein Konto mehr im Portal; eine Rückfrage kann "
                    "sie nicht erreichen.",
                )
            if rueckfrage_form.is_valid():
                rueckfrage = Rueckfrage.objects.create(
                    meldebogen=meldebogen,
                    asked_by=request.user,
                    question=rueckfrage_form.cleaned_data["question"],
                )
                # Queued with the question, sent after the commit (portal.mail).
                send_question_notice(rueckfrage)
                messages.success(
                    request,
                    "Die Rückfrage ist gestellt. Die meldende Person erhält eine E-Mail "
                    "ohne den Text der Frage.",
                )
                return redirect(url + "#rueckfragen")
            status_code = 400

    return render(
        request,
        "meldeboegen/triage/detail.html",
        {
            "meldebogen": meldebogen,
            "status_form": status_form,
            "notiz_form": notiz_form,
            "rueckfrage_form": rueckfrage_form,
            "may_change": bool(transitions),
            "may_note": WRITE_NOTES.allows(request.user),
            "may_ask": ASK_REPORTER.allows(request.user),
            "timeline": _timeline(meldebogen),
            "notizen": meldebogen.notizen.select_related("author"),
            "rueckfragen": meldebogen.rueckfragen.select_related("asked_by"),
            "findings": meldebogen.confirmed_findings.select_related("confirmed_by"),
            "similar": similar_reports(meldebogen, limit=5),
            "days_overdue": days_overdue(meldebogen),
            "is_final": meldebogen.is_closed,
            "dubletten": meldebogen.dubletten.order_by("reference").only("pk", "reference"),
            "original": meldebogen.duplicate_of,
        },
        status=status_code,
    )
