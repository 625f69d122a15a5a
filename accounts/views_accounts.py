"""The KIM-Koordination's account pages: invitations (/konto/einladungen/), unused accounts
(/konto/konten/) and the audit log (/konto/protokoll/); and the invited person's page that
accepts an invitation (/konto/einladung/<uid>/<token>/)."""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import invitations, leavers
from accounts.forms import AcceptInvitationForm, DeactivateForm, InvitationForm
from accounts.models import Einladung, Kontoereignis
from accounts.permissions import MANAGE_ACCOUNTS, READ_ACCOUNT_LOG
from accounts.tokens import Verdict, invitation_tokens

RECENT_INVITATIONS = 20
LOG_PAGE_SIZE = 50


def _require(capability, request: HttpRequest) -> None:
    if not capability.allows(request.user):
        raise PermissionDenied(f"Dafür fehlt Ihnen die Berechtigung: {capability.label}.")


def _posted(request: HttpRequest):
    """The submitted data of a POST (also an empty one, so it gets its error), else None."""
    return request.POST if request.method == "POST" else None


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def invitation_list(request: HttpRequest) -> HttpResponse:
    _require(MANAGE_ACCOUNTS, request)
    related = ("role", "kommune", "organisation", "invited_by")
    pending = list(Einladung.objects.pending().select_related(*related))
    done = list(
        Einladung.objects.exclude(pk__in=[i.pk for i in pending])
        .select_related(*related, "user")
        .order_by("-created_at")[:RECENT_INVITATIONS]
    )
    for invitation in [*pending, *done]:
        invitation.extra_labels = invitations.describe_extras(invitation)
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "pending": pending,
            "done": done,
            "valid_days": settings.KIM_INVITATION_VALID_DAYS,
            "may_read_log": READ_ACCOUNT_LOG.allows(request.user),
        },
    )


def invitation_create(request: HttpRequest) -> HttpResponse:
    _require(MANAGE_ACCOUNTS, request)
    form = InvitationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in InvitationForm.Meta.fields}
        invitation = invitations.invite(
            invited_by=request.user, base_url=_base_url(request), extras=form.extras(), **data
        )
        messages.success(
            request,
            f"Die Einladung an {invitation.full_name} ({invitation.email}) ist unterwegs. "
            f"Der Link gilt {settings.KIM_INVITATION_VALID_DAYS} Tage.",
        )
        return redirect("accounts:invitations")
    return render(request, "accounts/invitation_form.html", {"form": form})


def _pending_or_message(request: HttpRequest, pk: int) -> Einladung | None:
    invitation = get_object_or_404(Einladung, pk=pk)
    if not invitation.is_pending:
        state = "angenommen" if invitation.accepted_at else "zurückgezogen"
        messages.error(
            request, f"Die Einladung an {invitation.email} wurde bereits {state}; nichts geändert."
        )
        return None
    return invitation


@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    _require(MANAGE_ACCOUNTS, request)
    invitation = _pending_or_message(request, pk)
    if invitation is not None:
        invitations.resend(invitation, by=request.user, base_url=_base_url(request))
        messages.success(
            request,
            f"Die Einladung an {invitation.email} wurde erneut gesendet. Frühere Links gelten "
            f"nicht mehr; der neue gilt {settings.KIM_INVITATION_VALID_DAYS} Tage.",
        )
    return redirect("accounts:invitations")


@require_POST
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    _require(MANAGE_ACCOUNTS, request)
    invitation = _pending_or_message(request, pk)
    if invitation is not None:
        invitations.withdraw(invitation, by=request.user)
        messages.success(
            request,
            f"Die Einladung an {invitation.email} wurde zurückgezogen; ihr Link gilt nicht mehr.",
        )
    return redirect("accounts:invitations")


LINK_PROBLEMS = {
    "invalid": (
        "Einladungslink ungültig",
        "Dieser Einladungslink ist ungültig. Bitte prüfen Sie, ob Sie den vollständigen Link "
        "aus der neuesten Einladungs-E-Mail verwendet haben: Wurde die Einladung erneut "
        "gesendet, gilt nur der neueste Link. Andernfalls bitten Sie die KIM-Koordination um "
        "eine neue Einladung.",
    ),
    "expired": (
        "Einladungslink abgelaufen",
        "Dieser Einladungslink ist abgelaufen: Er galt {days} Tage. Bitte bitten Sie die "
        "KIM-Koordination, Ihnen die Einladung erneut zu senden.",
    ),
    "used": (
        "Einladung bereits angenommen",
        "Mit dieser Einladung wurde bereits ein Konto angelegt; ein Einladungslink gilt nur "
        "einmal. Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an. Haben Sie "
        "das Passwort vergessen, können Sie ein neues festlegen.",
    ),
    "withdrawn": (
        "Einladung zurückgezogen",
        "Die KIM-Koordination hat diese Einladung zurückgezogen; der Link gilt nicht mehr. "
        "Bei Fragen wenden Sie sich bitte an die KIM-Koordination.",
    ),
}


def _link_state(invitation: Einladung | None, token: str) -> str:
    if invitation is None:
        return "invalid"
    # The token is checked first, against the invitation as it was sent: the state of an
    # invitation is told only to someone holding its genuine link.
    as_sent = copy.copy(invitation)
    as_sent.accepted_at = as_sent.withdrawn_at = None
    verdict = invitation_tokens.verdict(as_sent, token)
    if verdict is Verdict.INVALID:
        return "invalid"
    if invitation.accepted_at is not None:
        return "used"
    if invitation.withdrawn_at is not None:
        return "withdrawn"
    if verdict is Verdict.EXPIRED:
        return "expired"
    return "valid"


@login_not_required
@never_cache
def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        pk = None
    invitation = Einladung.objects.select_related("role").filter(pk=pk).first() if pk else None
    state = _link_state(invitation, token)
    if state != "valid":
        title, text = LINK_PROBLEMS[state]
        return render(
            request,
            "accounts/invitation_problem.html",
            {
                "title": title,
                "text": text.format(days=settings.KIM_INVITATION_VALID_DAYS),
                "state": state,
            },
            status=410 if state in ("expired", "used", "withdrawn") else 404,
        )
    form = AcceptInvitationForm(invitation, _posted(request))
    if request.method == "POST" and form.is_valid():
        if invitations.account_exists(invitation.email):
            messages.error(
                request,
                "Für diese E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich an.",
            )
            return redirect("accounts:login")
        user = invitations.accept(invitation, password=form.cleaned_data["new_password1"])
        login(request, user, backend="accounts.backends.ModelBackend")
        messages.success(
            request,
            f"Willkommen im KIM-Portal, {user.get_full_name()}! Ihr Konto ist angelegt; "
            f"Sie melden sich künftig mit {user.get_username()} an.",
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


@login_not_required
def terms(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/terms.html",
        {"version": settings.KIM_TERMS_VERSION, "kreis": settings.KIM_KREIS_NAME},
    )


def unused_accounts(request: HttpRequest) -> HttpResponse:
    _require(MANAGE_ACCOUNTS, request)
    queryset = leavers.unused_accounts()
    form = DeactivateForm(queryset, _posted(request))
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["users"])
        count = leavers.deactivate(chosen)
        messages.success(
            request,
            f"{count} Konto deaktiviert." if count == 1 else f"{count} Konten deaktiviert.",
        )
        return redirect("accounts:unused")
    return render(
        request,
        "accounts/unused_accounts.html",
        {
            "form": form,
            "accounts": list(queryset),
            "days": settings.KIM_INACTIVE_ACCOUNT_DAYS,
            "may_read_log": READ_ACCOUNT_LOG.allows(request.user),
        },
    )


def audit_log(request: HttpRequest) -> HttpResponse:
    _require(READ_ACCOUNT_LOG, request)
    entries = Kontoereignis.objects.select_related("user", "actor")
    kind = request.GET.get("art", "")
    if kind in Kontoereignis.Art.values:
        entries = entries.filter(kind=kind)
    else:
        kind = ""
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(username__icontains=query)
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "accounts/audit_log.html",
        {"page": page, "kinds": Kontoereignis.Art.choices, "kind": kind, "query": query},
    )
