"""Views of the Meldebogen: "Meine Meldebögen", the wizard, confirmation, detail, attachments.

Plain Django views under /meldeboegen/ (not a Wagtail page): who may report is a role rule,
not page privacy, and the URLs must be stable for receipts and the API (docs/apps/forms.md).
"""

from django.contrib import messages
from django.core.files.storage import InMemoryStorage
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView

from accounts.models import Profile
from forms.anonymity import KIND_LABELS
from forms.anonymity_guard import confirmed_for, describe_findings, record_confirmations
from forms.models import Anhang, Meldebogen, Rueckfrage, draft_days
from forms.notifications import send_answer_notice
from forms.permissions import may_report, may_review, reporting_group_names
from forms.receipt import render_receipt_pdf
from forms.reference_data import missing_reference_data
from forms.steps import STEP_TITLES, STEPS, StepForm
from forms.submission import NotReadyToSubmit, missing_fields, submit
from forms.triage_forms import AntwortForm
from forms.workflow import reporter_status_text
from portal.private_files import serve_private_file


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meldeboegen/forbidden.html",
        {"roles": reporting_group_names()},
        status=403,
    )


def reporter_required(view):
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not may_report(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def step_urls(meldebogen: Meldebogen) -> list[dict]:
    return [
        {
            "name": name,
            "title": STEP_TITLES[name],
            "url": reverse("forms:step", kwargs={"pk": meldebogen.pk, "step": name}),
        }
        for name, _form in STEPS
    ]


@reporter_required
def meldeboegen_list(request: HttpRequest) -> HttpResponse:
    """Meine Meldebögen: the user's drafts and submitted reports."""
    reports = list(
        Meldebogen.objects.owned_by(request.user)
        .select_related("thema")
        .annotate(
            offene_rueckfragen=Count("rueckfragen", filter=Q(rueckfragen__answered_at__isnull=True))
        )
    )
    drafts = [m for m in reports if m.is_draft]
    return render(
        request,
        "meldeboegen/list.html",
        {
            "drafts": drafts,
            "submitted": [m for m in reports if not m.is_draft],
            "expiring": [m for m in drafts if m.expires_soon()],
            "draft_days": draft_days(),
        },
    )


@require_POST
@reporter_required
def start(request: HttpRequest) -> HttpResponse:
    """Create a draft, prefilled from the profile, and open its first step."""
    profile = Profile.objects.select_related("organisation").filter(user=request.user).first()
    draft = Meldebogen(owner=request.user)
    if profile is not None:
        draft.organisation = profile.organisation
        draft.organisation_name = profile.organisation.name if profile.organisation else ""
        draft.rolle = profile.function
    draft.touch_draft()
    draft.save()
    if profile is not None and profile.kommune_id:
        draft.kommunen.add(profile.kommune_id)
    return redirect("forms:step", pk=draft.pk, step=STEPS[0][0])


@reporter_required
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Continue a draft at its first incomplete step."""
    draft = get_object_or_404(Meldebogen.objects.owned_by(request.user).drafts(), pk=pk)
    missing = missing_fields(draft)
    step = next(iter(missing), STEPS[-1][0])
    return redirect("forms:step", pk=draft.pk, step=step)


@reporter_required
def delete_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (GET: a confirmation page that works without JavaScript), delete on POST."""
    draft = get_object_or_404(Meldebogen.objects.owned_by(request.user).drafts(), pk=pk)
    if request.method != "POST":
        return render(
            request,
            "meldeboegen/delete_confirm.html",
            {"draft": draft, "anhaenge": list(draft.anhaenge.all())},
        )
    for anhang in draft.anhaenge.all():
        anhang.delete_file()
    draft.delete()
    messages.success(request, "Der Entwurf wurde gelöscht.")
    return redirect("forms:list")


def _own_submitted(request: HttpRequest, pk: int) -> Meldebogen:
    return get_object_or_404(
        Meldebogen.objects.owned_by(request.user)
        .select_related("thema")
        .prefetch_related("kommunen", "anhaenge"),
        pk=pk,
    )


def _render_detail(
    request: HttpRequest, meldebogen: Meldebogen, bound: AntwortForm | None = None, status=200
) -> HttpResponse:
    """The reporter's page: the report, its status in plain German and the coordination's
    questions (never notes, never who asked)."""
    rueckfragen = list(
        meldebogen.rueckfragen.only(
            "pk", "asked_at", "question", "answer", "answered_at", "meldebogen_id"
        )
    )
    for rueckfrage in rueckfragen:
        if rueckfrage.is_open:
            prefix = f"frage{rueckfrage.pk}"
            if bound is not None and bound.prefix == prefix:
                rueckfrage.form = bound
            else:
                rueckfrage.form = AntwortForm(prefix=prefix)
    return render(
        request,
        "meldeboegen/detail.html",
        {
            "meldebogen": meldebogen,
            "status_text": reporter_status_text(meldebogen.status),
            "rueckfragen": rueckfragen,
            "status_mails_possible": bool(request.user.email),
        },
        status=status,
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A submitted report, read-only, for its owner (the coordination uses the triage view)."""
    meldebogen = _own_submitted(request, pk)
    if meldebogen.is_draft:
        return redirect("forms:resume", pk=meldebogen.pk)
    return _render_detail(request, meldebogen)


@require_POST
def status_mails(request: HttpRequest, pk: int) -> HttpResponse:
    """The reporter switches the e-mails on status changes of one report on or off."""
    meldebogen = _own_submitted(request, pk)
    if meldebogen.is_draft:
        raise Http404
    wanted = request.POST.get("status_mails") == "an"
    Meldebogen.objects.filter(pk=meldebogen.pk).update(status_mails=wanted)
    if wanted:
        messages.success(
            request,
            f"Sie erhalten wieder E-Mails, wenn sich der Status von {meldebogen.reference} ändert.",
        )
    else:
        messages.success(
            request,
            f"Sie erhalten keine E-Mails mehr über Statusänderungen von {meldebogen.reference}. "
            "Den Stand sehen Sie weiterhin hier.",
        )
    return redirect(meldebogen.get_absolute_url() + "#benachrichtigung")


@require_POST
def answer(request: HttpRequest, pk: int, frage: int) -> HttpResponse:
    """The reporter answers a question of the coordination on their own report page."""
    meldebogen = _own_submitted(request, pk)
    if meldebogen.is_draft:
        raise Http404
    rueckfrage = get_object_or_404(meldebogen.rueckfragen.all(), pk=frage)
    if not rueckfrage.is_open:
        messages.info(request, "Diese Rückfrage haben Sie bereits beantwortet.")
        return redirect(meldebogen.get_absolute_url() + "#rueckfragen")
    form = AntwortForm(request.POST, prefix=f"frage{rueckfrage.pk}")
    if not form.is_valid():
        return _render_detail(request, meldebogen, bound=form, status=400)
    with transaction.atomic():
        answered = Rueckfrage.objects.filter(pk=rueckfrage.pk, answered_at__isnull=True).update(
            answer=form.cleaned_data["answer"], answered_at=timezone.now()
        )
        if answered:
            record_confirmations(meldebogen, form.confirmations, request.user)
            rueckfrage.refresh_from_db()
            # Queued with the answer, sent after the commit (portal.mail).
            send_answer_notice(rueckfrage)
    if answered:
        messages.success(
            request, "Vielen Dank, Ihre Antwort ist bei der KIM-Koordination eingegangen."
        )
    else:
        messages.info(request, "Diese Rückfrage haben Sie bereits beantwortet.")
    return redirect(meldebogen.get_absolute_url() + "#rueckfragen")


def confirmation(request: HttpRequest, pk: int) -> HttpResponse:
    meldebogen = get_object_or_404(Meldebogen.objects.owned_by(request.user).submitted(), pk=pk)
    return render(request, "meldeboegen/confirmation.html", {"meldebogen": meldebogen})


def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The reporter's PDF receipt of a submitted report (owner only, like the report itself)."""
    meldebogen = get_object_or_404(
        Meldebogen.objects.owned_by(request.user)
        .submitted()
        .select_related("thema", "owner")
        .prefetch_related("kommunen", "anhaenge"),
        pk=pk,
    )
    response = HttpResponse(render_receipt_pdf(meldebogen, request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{meldebogen.reference}.pdf"'
    return response


def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve an attachment to the report's owner or, once the report is submitted, to the
    coordination; never publicly. A draft and its attachments belong to their author only."""
    anhang = get_object_or_404(Anhang.objects.select_related("meldebogen"), pk=pk)
    if anhang.meldebogen.owner_id != request.user.pk and (
        anhang.meldebogen.is_draft or not may_review(request.user)
    ):
        raise Http404
    return serve_private_file(
        request, anhang.file, filename=anhang.original_name, content_type=anhang.content_type
    )


class RequestStorage(BaseStorage):
    """formtools' wizard state for one request only. The wizard needs none across requests:
    the draft holds the answers and the URL names the step (``get`` and ``post`` set the
    current step from it). formtools' session storage marked the session as changed on every
    read, so every showing of a step wrote the session row (an UPDATE and a commit)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_data()


class MeldebogenWizard(NamedUrlWizardView):
    """The five steps on one draft. The database is the source of truth: every valid step is
    saved into the draft at once, "Zurück" and "Entwurf speichern" save what is valid, and a
    step shown by GET is filled from the draft, so a lost session loses nothing. The wizard
    keeps nothing in the session (``RequestStorage``)."""

    storage_name = "forms.views.RequestStorage"
    form_list = STEPS
    template_name = "meldeboegen/wizard.html"
    SAVE_DRAFT = "entwurf_speichern"
    # Required by formtools for forms with files; never written to, because uploads are saved
    # into the draft's attachments at once (process_step_files returns nothing to keep).
    file_storage = InMemoryStorage()

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_report(request.user):
            return forbidden(request)
        own = Meldebogen.objects.owned_by(request.user)
        if request.method == "POST" and kwargs.get("step") == STEPS[0][0]:
            # The first step compares the organisation's name with the directory's.
            own = own.select_related("organisation")
        meldebogen = get_object_or_404(own, pk=kwargs["pk"])
        if not meldebogen.is_draft:
            return redirect(meldebogen.get_absolute_url())
        self.draft = meldebogen
        self._partial = False
        self._confirmed = None
        return super().dispatch(request, *args, **kwargs)

    def get_prefix(self, request, *args, **kwargs) -> str:
        # The management form names the draft, so two drafts in two tabs do not mix.
        return f"meldebogen_{kwargs['pk']}"

    def get_step_url(self, step: str) -> str:
        return reverse(self.url_name, kwargs={"pk": self.draft.pk, "step": step})

    def get_form_instance(self, step):
        return self.draft

    def get_form_kwargs(self, step=None) -> dict:
        form_class = self.get_form_list()[step or self.steps.current]
        if not form_class.guarded_fields:
            # No free text on this step: the confirmed findings are not needed.
            return {"confirmed": {}, "partial": self._partial}
        if self._confirmed is None:
            self._confirmed = confirmed_for(self.draft)
        return {"confirmed": self._confirmed, "partial": self._partial}

    def get(self, request, *args, **kwargs) -> HttpResponse:
        step = kwargs.get("step")
        if step in self.get_form_list():
            self.storage.current_step = step
            return self.render(self.get_form())
        if step == self.done_step_name:
            return redirect(self.get_step_url(self.steps.last))
        return redirect("forms:resume", pk=self.draft.pk)

    def post(self, *args, **kwargs) -> HttpResponse:
        step = kwargs.get("step")
        if step not in self.get_form_list():
            return redirect("forms:resume", pk=self.draft.pk)
        # The URL names the step being submitted, whatever the session remembers.
        self.storage.current_step = step
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.get_form_list() or self.SAVE_DRAFT in self.request.POST:
            form = self._save_partial()
            if form.errors:
                # Nothing may be lost silently: stay on the step and say what was not kept.
                messages.error(
                    self.request,
                    "Die markierten Angaben wurden nicht gespeichert, alle anderen sind im "
                    "Entwurf gespeichert. Bitte korrigieren Sie die markierten Angaben (eine "
                    "abgelehnte Datei wählen Sie bitte neu aus) und speichern Sie erneut.",
                )
                return self.render(form)
            if goto in self.get_form_list():
                return redirect(self.get_step_url(goto))
            messages.success(
                self.request,
                "Ihr Entwurf ist gespeichert. Sie können ihn unter „Meine Meldebögen“ fortsetzen.",
            )
            return redirect("forms:list")
        return super().post(*args, **kwargs)

    def _save_partial(self) -> StepForm:
        """Save what is valid on the step; return the bound form with any errors."""
        self._partial = True
        form = self.get_form(data=self.request.POST, files=self.request.FILES)
        self._partial = False
        self.draft.touch_draft()
        form.save_partial()
        return form

    def process_step(self, form) -> dict:
        self.draft.touch_draft()
        form.save()
        record_confirmations(self.draft, form.confirmations, self.request.user)
        self._confirmed = None
        # The draft holds the answers; the session keeps nothing of the report.
        return {}

    def process_step_files(self, form) -> dict:
        return {}

    def render_done(self, form, **kwargs) -> HttpResponse:
        if self.request.method != "POST":
            return redirect(self.get_step_url(self.steps.last))
        try:
            meldebogen = submit(self.draft)
        except NotReadyToSubmit as problem:
            if problem.missing:
                step = next(iter(problem.missing))
                messages.error(
                    self.request,
                    f"Der Meldebogen ist noch nicht vollständig. Bitte ergänzen Sie den Schritt "
                    f"„{STEP_TITLES[step]}“.",
                )
            else:
                field, findings = next(iter(problem.findings.items()))
                step = next(name for name, f in STEPS if field in f.base_fields)
                messages.error(
                    self.request,
                    "Bitte prüfen Sie mögliche personenbezogene Daten: "
                    f"{describe_findings(findings)}.",
                )
            return redirect(self.get_step_url(step))
        self.storage.reset()
        return redirect("forms:confirmation", pk=meldebogen.pk)

    def get_context_data(self, form, **kwargs) -> dict:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context.update(
            {
                "meldebogen": self.draft,
                "step_title": STEP_TITLES[step],
                "step_links": step_urls(self.draft),
                "guard": form.guard_context(),
                "save_draft_name": self.SAVE_DRAFT,
                # Kommunen and Themen are chosen on the first steps; say there what is missing.
                "missing_reference": missing_reference_data()
                if step in ("wer", "situation")
                else [],
                # The live hint's labels (anonymity-hint.js), defined once in forms/anonymity.py.
                "anonymity_labels": KIND_LABELS,
            }
        )
        if step == self.steps.last:
            context["missing"] = missing_fields(self.draft)
            context["edit_links"] = {link["name"]: link["url"] for link in step_urls(self.draft)}
        return context
