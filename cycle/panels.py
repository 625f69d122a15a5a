"""Panels the cycle adds to pages of lower apps (portal/related.py): on a report's page and on a
Beschluss page. Each applies its own visibility rule for the requesting user."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from cycle.feedback import reporter_feedback
from cycle.models import Fallrekonstruktion, GenerativesThema
from cycle.permissions import is_coordination
from cycle.trace import meldeboegen_by_thema
from forms.models import Meldebogen
from spaces.models import Beschluss


def koordination_context(meldebogen: Meldebogen, request: HttpRequest) -> dict:
    """What the coordination sees and can do about a report (bounded queries)."""
    from cycle.suggestions import suggest_themes

    rekonstruktionen = list(meldebogen.fallrekonstruktionen.order_by("-date"))
    themen = list(GenerativesThema.objects.for_meldebogen(meldebogen.pk).order_by("title"))
    return {
        "meldebogen": meldebogen,
        "rekonstruktionen": rekonstruktionen,
        "themen": themen,
        "vorschlaege": suggest_themes(meldebogen)
        if not (meldebogen.is_draft or meldebogen.is_closed)
        else [],
        "offene_rekonstruktionen": list(
            Fallrekonstruktion.objects.filter(status=Fallrekonstruktion.Status.GEPLANT)
            .exclude(pk__in=[r.pk for r in rekonstruktionen])
            .order_by("date")
        ),
        "offene_themen": list(
            GenerativesThema.objects.open().exclude(pk__in=[t.pk for t in themen]).order_by("title")
        ),
        "next": request.get_full_path(),
        "spur_url": reverse("cycle:spur", kwargs={"pk": meldebogen.pk}),
    }


def meldebogen_panel(meldebogen: Meldebogen, request: HttpRequest) -> str:
    user = request.user
    if meldebogen.is_draft or not user.is_authenticated:
        return ""
    if is_coordination(user):
        return render_to_string(
            "cycle/panels/meldebogen_koordination.html",
            {**koordination_context(meldebogen, request), "on_trace_page": False},
            request=request,
        )
    if meldebogen.owner_id == user.pk:
        return render_to_string(
            "cycle/panels/meldebogen_rueckmeldung.html",
            {"meldebogen": meldebogen, **reporter_feedback(meldebogen, user)},
            request=request,
        )
    return ""


def beschluss_panel(beschluss: Beschluss, request: HttpRequest) -> str:
    """Back from a decision to the themes and reports that motivated it.

    The spaces view has already checked that the user may see the decision. The coordination
    sees the reports' numbers with links; everyone else only the theme titles.
    """
    themen = list(GenerativesThema.objects.filter(beschluss=beschluss).order_by("title"))
    if not themen:
        return ""
    coordination = is_coordination(request.user)
    reports = meldeboegen_by_thema([t.pk for t in themen]) if coordination else {}
    return render_to_string(
        "cycle/panels/beschluss.html",
        {
            "themen": [(thema, reports.get(thema.pk, [])) for thema in themen],
            "coordination": coordination,
        },
        request=request,
    )
