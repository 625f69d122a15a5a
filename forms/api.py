"""Partner API for Meldebögen and the anonymity check (mounted at /api/v1/ by portal/api.py).

A report sent by API goes through the same step forms as the wizard (same validation, same
German messages) and the same anonymity guard: findings are answered with 422 unless the
request confirms each of them in ``confirmed_findings``.
"""

from django.db import transaction
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from forms.anonymity import find_personal_data
from forms.models import (
    ConfirmedFinding,
    Haeufigkeit,
    Huerde,
    Meldebogen,
    Rechtskreis,
    Thema,
    Zielgruppe,
)
from forms.permissions import may_report
from forms.steps import STEPS
from forms.submission import submit
from knowledge.models import Kommune

router = Router(tags=["Meldebögen"])

EXAMPLE = {
    "organisation_name": "Migrationsberatung für Erwachsene Caritas Lüdenscheid",
    "rolle": "Migrationsberatung",
    "kommunen": ["werdohl", "altena"],
    "thema": "Sprache",
    "zielgruppen": ["neuzugewanderte", "familien"],
    "rechtskreise": ["sgb2", "aufenthg"],
    "situation": (
        "Neu zugewanderte Familien warten in Werdohl derzeit vier bis sechs Monate auf einen "
        "Platz im Integrationskurs mit Kinderbetreuung."
    ),
    "huerden": ["fehlendes_angebot", "schnittstelle"],
    "beteiligte_stellen": "Jobcenter, Volkshochschule, BAMF-Regionalkoordination",
    "versucht": "Anfrage bei zwei Kursträgern in Nachbarkommunen, ohne freie Plätze.",
    "haeufigkeit": "haeufig",
    "vorschlag": "Gemeinsame Warteliste der Kursträger im Kreis und ein Kurs mit Kinderbetreuung.",
    "fallrekonstruktion": True,
    "confirmed_findings": [],
}


class AnonymityCheckIn(Schema):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=20_000)


class FindingOut(Schema):
    kind: str
    start: int
    end: int
    text: str


class AnonymityCheckOut(Schema):
    findings: list[FindingOut]


class ConfirmedFindingIn(Schema):
    model_config = ConfigDict(extra="forbid")
    field: str = Field(description="Freitextfeld, z. B. „situation“")
    text: str = Field(
        description="Der gefundene Text, den Sie als nicht personenbezogen bestätigen"
    )


class MeldebogenIn(Schema):
    """A complete Meldebogen. Choice fields take the codes listed in the schema."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    organisation_name: str = Field(max_length=200)
    rolle: str = Field(max_length=150)
    kommunen: list[str] = Field(description="Kurznamen der Kommunen, z. B. „werdohl“")
    thema: str = Field(description="Name eines Themas, z. B. „Sprache“")
    zielgruppen: list[Zielgruppe]
    rechtskreise: list[Rechtskreis]
    situation: str
    huerden: list[Huerde]
    beteiligte_stellen: str = ""
    versucht: str = ""
    haeufigkeit: Haeufigkeit
    vorschlag: str = ""
    fallrekonstruktion: bool
    confirmed_findings: list[ConfirmedFindingIn] = Field(
        default_factory=list,
        description=(
            "Funde der Anonymitätsprüfung, die Sie geprüft haben und die keine "
            "personenbezogenen Daten sind (Feld und Text aus der 422-Antwort)."
        ),
    )


class MeldebogenOut(Schema):
    reference: str
    status: str
    submitted_at: str
    organisation_name: str
    rolle: str
    kommunen: list[str]
    thema: str
    zielgruppen: list[str]
    rechtskreise: list[str]
    situation: str
    huerden: list[str]
    beteiligte_stellen: str
    versucht: str
    haeufigkeit: str
    vorschlag: str
    fallrekonstruktion: bool | None


class ErrorOut(Schema):
    detail: str


def report_out(meldebogen: Meldebogen) -> dict:
    return {
        "reference": meldebogen.reference,
        "status": meldebogen.status,
        "submitted_at": meldebogen.submitted_at.isoformat(),
        "organisation_name": meldebogen.organisation_name,
        "rolle": meldebogen.rolle,
        "kommunen": [k.slug for k in meldebogen.kommunen.all()],
        "thema": str(meldebogen.thema or ""),
        "zielgruppen": meldebogen.zielgruppen,
        "rechtskreise": meldebogen.rechtskreise,
        "situation": meldebogen.situation,
        "huerden": meldebogen.huerden,
        "beteiligte_stellen": meldebogen.beteiligte_stellen,
        "versucht": meldebogen.versucht,
        "haeufigkeit": meldebogen.haeufigkeit,
        "vorschlag": meldebogen.vorschlag,
        "fallrekonstruktion": meldebogen.fallrekonstruktion,
    }


@router.post(
    "/anonymity-check/",
    response=AnonymityCheckOut,
    summary="Text auf personenbezogene Daten prüfen",
)
def anonymity_check(request: HttpRequest, payload: AnonymityCheckIn) -> dict:
    """Findet Namen, Geburtsdaten, Anschriften, Telefonnummern, E-Mail-Adressen,
    Aktenzeichen, IBAN, Ausweis-, Steuer- und Sozialversicherungsnummern."""
    return {"findings": find_personal_data(payload.text)}


def _storable(text: str) -> bool:
    """Whether a database can hold the text: PostgreSQL refuses NUL characters in every text
    value, even a looked-up one (a 500 instead of "unknown" before, found by the API fuzzing)."""
    return "\x00" not in text


def _form_data(payload: MeldebogenIn) -> MultiValueDict:
    slugs = [slug for slug in payload.kommunen if _storable(slug)]
    kommunen = {k.slug: k.pk for k in Kommune.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in payload.kommunen if slug not in kommunen]
    if unknown:
        raise HttpError(422, f"Unbekannte Kommune: {', '.join(unknown)}.")
    thema = None
    if _storable(payload.thema):
        thema = Thema.objects.filter(name__iexact=payload.thema, active=True).first()
    if thema is None:
        raise HttpError(422, f"Unbekanntes Thema: „{payload.thema}“.")
    data = MultiValueDict(
        {
            "organisation_name": [payload.organisation_name],
            "rolle": [payload.rolle],
            "thema": [str(thema.pk)],
            "situation": [payload.situation],
            "beteiligte_stellen": [payload.beteiligte_stellen],
            "versucht": [payload.versucht],
            "haeufigkeit": [payload.haeufigkeit.value],
            "vorschlag": [payload.vorschlag],
            "fallrekonstruktion": [str(payload.fallrekonstruktion)],
        }
    )
    data.setlist("kommunen", [str(kommunen[slug]) for slug in payload.kommunen])
    data.setlist("zielgruppen", [z.value for z in payload.zielgruppen])
    data.setlist("rechtskreise", [r.value for r in payload.rechtskreise])
    data.setlist("huerden", [h.value for h in payload.huerden])
    return data


def _confirmed(payload: MeldebogenIn) -> dict[str, set[tuple[str, str]]]:
    """Turn the confirmed (field, text) pairs into the guard's (kind, text) per field."""
    wanted: dict[str, set[str]] = {}
    for item in payload.confirmed_findings:
        if item.field not in Meldebogen.FREE_TEXT_FIELDS:
            raise HttpError(
                422,
                f"„{item.field}“ ist kein Freitextfeld. Bestätigen lassen sich Funde in: "
                f"{', '.join(Meldebogen.FREE_TEXT_FIELDS)}.",
            )
        wanted.setdefault(item.field, set()).add(item.text)
    confirmed: dict[str, set[tuple[str, str]]] = {}
    for field, texts in wanted.items():
        for finding in find_personal_data(getattr(payload, field, "") or ""):
            if finding.text in texts:
                confirmed.setdefault(field, set()).add((finding.kind, finding.text))
    return confirmed


@router.post(
    "/meldeboegen/",
    response={201: MeldebogenOut, 403: ErrorOut, 422: dict},
    summary="Meldebogen einreichen",
)
def create_meldebogen(request: HttpRequest, payload: MeldebogenIn):
    """Reicht einen vollständigen Meldebogen ein. Antwortet mit 201 und der
    Meldebogen-Nummer (``reference``). Findet die Anonymitätsprüfung mögliche
    personenbezogene Daten, antwortet die Schnittstelle mit 422 und den Funden; bestätigen
    Sie geprüfte Funde in ``confirmed_findings`` und senden Sie erneut."""
    if not may_report(request.user):
        raise HttpError(
            403,
            "Meldebögen können nur das KIM-Case Management, Partnerorganisationen und die "
            "KIM-Koordination einreichen.",
        )
    data = _form_data(payload)
    confirmed = _confirmed(payload)
    instance = Meldebogen(owner=request.user)
    step_forms = [
        form_class(data, instance=instance, confirmed=confirmed) for _, form_class in STEPS
    ]
    errors: dict[str, list[str]] = {}
    findings = []
    for form in step_forms:
        if not form.is_valid():
            for field, messages in form.errors.items():
                errors.setdefault(field, []).extend(messages)
        for field, items in form.findings.items():
            if field in form.errors:
                findings.extend({"field": field, "label": f.label, **_finding(f)} for f in items)
    if findings:
        listed = "; ".join(f"{f['label']} „{f['text']}“ ({f['field']})" for f in findings)
        return Status(
            422,
            {
                "detail": (
                    f"Möglicherweise personenbezogene Daten gefunden: {listed}. "
                    "Bitte entfernen Sie diese Angaben oder bestätigen Sie sie "
                    "in „confirmed_findings“."
                ),
                "findings": findings,
                "errors": errors,
            },
        )
    if errors:
        return Status(
            422,
            {
                "detail": "Der Meldebogen ist unvollständig oder fehlerhaft.",
                "errors": errors,
            },
        )
    with transaction.atomic():
        for form in step_forms:
            form.save(commit=False)
        instance.save()
        for form in step_forms:
            form.save_m2m()
        for field, pairs in confirmed.items():
            for kind, text in sorted(pairs):
                ConfirmedFinding.objects.create(
                    meldebogen=instance,
                    field=field,
                    kind=kind,
                    text=text[:300],
                    confirmed_by=request.user,
                )
        meldebogen = submit(instance)
    return Status(201, report_out(meldebogen))


def _finding(finding) -> dict:
    return {"kind": finding.kind, "start": finding.start, "end": finding.end, "text": finding.text}


@router.get(
    "/meldeboegen/{reference}/",
    response={200: MeldebogenOut, 404: ErrorOut},
    summary="Eigenen Meldebogen abrufen",
)
def get_meldebogen(request: HttpRequest, reference: str):
    """Liefert einen eigenen eingereichten Meldebogen. Fremde Meldebögen gibt es hier nicht."""
    meldebogen = (
        Meldebogen.objects.owned_by(request.user)
        .submitted()
        .select_related("thema")
        .prefetch_related("kommunen")
        .filter(reference=reference)
        .first()
    )
    if meldebogen is None:
        raise HttpError(404, f"Einen eigenen Meldebogen „{reference}“ gibt es nicht.")
    return Status(200, report_out(meldebogen))
