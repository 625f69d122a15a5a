"""Partner API for Meldebögen and the anonymity check (mounted at /api/v1/ by portal/api.py).

A report sent by API goes through the same step forms as the wizard (same validation, same
German messages) and the same anonymity guard: findings are answered with 422 unless the
request confirms each of them in ``confirmed_findings``.
"""

import copy

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field
from wagtail import hooks

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
from forms.reference_data import missing_reference_data
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
    always_personal: bool = Field(
        description=(
            "Immer personenbezogen (Telefonnummer, E-Mail, IBAN, Steuer-, Sozialversicherungs-, "
            "Ausweis- und Aktenzeichen, vollständiges Geburtsdatum): lässt sich nicht "
            "bestätigen, muss aus dem Text entfernt werden."
        )
    )


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
    kommunen: list[str] = Field(
        description=(
            "Kurznamen der Kommunen, z. B. „werdohl“; die gültigen Werte nennt "
            "`GET /api/v1/kommunen/` (Feld `slug`)."
        )
    )
    thema: str = Field(
        description=(
            "Name eines Themas, z. B. „Sprache“; die gültigen Werte nennt "
            "`GET /api/v1/themen/` (Feld `name`)."
        )
    )
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
            if finding.text in texts and not finding.always_personal:
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
    Sie geprüfte Funde einzeln in ``confirmed_findings`` und senden Sie erneut. Funde mit
    ``always_personal`` lassen sich nicht bestätigen: entfernen Sie sie aus dem Text."""
    if not may_report(request.user):
        raise HttpError(
            403,
            "Meldebögen können nur das KIM-Case Management, Partnerorganisationen und die "
            "KIM-Koordination einreichen.",
        )
    missing = missing_reference_data()
    if missing:
        raise HttpError(422, " ".join(missing))
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
    return {
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "always_personal": finding.always_personal,
    }


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


# --- Reference lists and the caller's own reports (issue 22) ---------------------------------


class KommuneOut(Schema):
    slug: str = Field(description="Kurzname für `kommunen` beim Einreichen")
    name: str
    ags: str = Field(description="Amtlicher Gemeindeschlüssel (acht Ziffern)")


class ThemaOut(Schema):
    name: str = Field(description="Wert für `thema` beim Einreichen")


class AuswahlOut(Schema):
    code: str
    label: str


class AuswahllistenOut(Schema):
    zielgruppen: list[AuswahlOut]
    rechtskreise: list[AuswahlOut]
    huerden: list[AuswahlOut]
    haeufigkeit: list[AuswahlOut]


class RueckmeldungOut(Schema):
    thema: str = Field(description="Generatives Thema, in das der Meldebogen eingegangen ist")
    status: str
    text: str
    beschluss: str = Field("", description="Beschluss der Lenkungsgruppe, soweit sichtbar")


class MeldebogenKurzOut(Schema):
    reference: str
    status: str = Field(description="Code des Bearbeitungsstands, z. B. „eingegangen“")
    status_label: str = Field(description="Bearbeitungsstand auf Deutsch")
    begruendung: str = Field(
        "",
        description="Begründung der KIM-Koordination für Sie, wenn der Meldebogen "
        "abgeschlossen, nicht weiterverfolgt oder als Dublette erledigt ist",
    )
    submitted_at: str
    thema: str
    kommunen: list[str]
    offene_rueckfragen: int = Field(
        description="Rückfragen der KIM-Koordination, die noch auf Ihre Antwort warten"
    )
    rueckmeldungen: list[RueckmeldungOut] = Field(
        description="Was aus dem Meldebogen geworden ist (Themen, Beschlüsse)"
    )


class MeldebogenSeiteOut(Schema):
    count: int = Field(description="Anzahl Ihrer eingereichten Meldebögen")
    page: int
    page_size: int
    pages: int
    items: list[MeldebogenKurzOut]


class SeiteIn(Schema):
    page: int = Field(1, ge=1, description="Seite, beginnend bei 1")
    page_size: int = Field(20, ge=1, le=100, description="Einträge je Seite (höchstens 100)")


def _choices(choices) -> list[dict]:
    return [{"code": value, "label": str(label)} for value, label in choices.choices]


@router.get("/kommunen/", response=list[KommuneOut], summary="Kommunen des Kreises")
def list_kommunen(request: HttpRequest):
    """Die Kommunen, die ein Meldebogen nennen kann (`slug` für `kommunen`)."""
    return Kommune.objects.order_by("name")


@router.get("/themen/", response=list[ThemaOut], summary="Themen für Meldebögen")
def list_themen(request: HttpRequest):
    """Die aktiven Themen, eines davon gehört in `thema`."""
    return Thema.objects.filter(active=True).order_by("sort_order", "name")


@router.get("/auswahllisten/", response=AuswahllistenOut, summary="Auswahllisten mit Bezeichnung")
def auswahllisten(request: HttpRequest) -> dict:
    """Die Codes der Auswahlfelder mit ihrer deutschen Bezeichnung (auch im Schema als enum)."""
    return {
        "zielgruppen": _choices(Zielgruppe),
        "rechtskreise": _choices(Rechtskreis),
        "huerden": _choices(Huerde),
        "haeufigkeit": _choices(Haeufigkeit),
    }


@router.get(
    "/meldeboegen/",
    response={200: MeldebogenSeiteOut, 404: ErrorOut},
    summary="Eigene Meldebögen mit Stand und Rückmeldung",
)
def list_meldeboegen(request: HttpRequest, seite: Query[SeiteIn]):
    """Ihre eingereichten Meldebögen, neueste zuerst, seitenweise: Bearbeitungsstand, offene
    Rückfragen und Rückmeldungen. Fremde Meldebögen und Entwürfe erscheinen hier nicht."""
    reports = (
        Meldebogen.objects.owned_by(request.user)
        .submitted()
        .select_related("thema")
        .prefetch_related("kommunen")
        .annotate(
            offene_rueckfragen=Count("rueckfragen", filter=Q(rueckfragen__answered_at__isnull=True))
        )
        .order_by("-submitted_at", "-pk")
    )
    count = reports.count()
    pages = max(1, -(-count // seite.page_size))
    if seite.page > pages:
        raise HttpError(404, f"Seite {seite.page} gibt es nicht; es gibt {pages} Seite(n).")
    start = (seite.page - 1) * seite.page_size
    items = list(reports[start : start + seite.page_size])
    feedback: dict[int, list[dict]] = {}
    for hook in hooks.get_hooks("meldebogen_api_feedback"):
        for pk, entries in hook(items, request.user).items():
            feedback.setdefault(pk, []).extend(entries)
    return Status(
        200,
        {
            "count": count,
            "page": seite.page,
            "page_size": seite.page_size,
            "pages": pages,
            "items": [
                {
                    "reference": mb.reference,
                    "status": mb.status,
                    "status_label": mb.get_status_display(),
                    "begruendung": mb.reporter_reason,
                    "submitted_at": mb.submitted_at.isoformat(),
                    "thema": str(mb.thema or ""),
                    "kommunen": [k.slug for k in mb.kommunen.all()],
                    "offene_rueckfragen": mb.offene_rueckfragen,
                    "rueckmeldungen": feedback.get(mb.pk, []),
                }
                for mb in items
            ],
        },
    )


def add_reference_values(schema: dict) -> dict:
    """Put this installation's Kommune slugs and Themen into the OpenAPI schema as enums, and
    make the example use them, so that the example works on every installation."""
    component = schema.get("components", {}).get("schemas", {}).get("MeldebogenIn")
    if not component:
        return schema
    properties = component["properties"]
    slugs = list(Kommune.objects.order_by("name").values_list("slug", flat=True))
    themen = list(
        Thema.objects.filter(active=True)
        .order_by("sort_order", "name")
        .values_list("name", flat=True)
    )
    example = copy.deepcopy(EXAMPLE)
    if slugs:
        properties["kommunen"] = {
            **properties["kommunen"],
            "items": {"type": "string", "enum": slugs},
        }
        if not set(example["kommunen"]) <= set(slugs):
            example["kommunen"] = slugs[:2]
    if themen:
        properties["thema"] = {**properties["thema"], "enum": themen}
        if example["thema"] not in themen:
            example["thema"] = themen[0]
    component["examples"] = [example]
    return schema
