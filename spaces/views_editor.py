"""The minutes editor: one page where the Gremium's Geschäftsführung (or the KIM-Koordination,
``may_edit_minutes``) writes the whole Protokoll of a Sitzung without the Wagtail admin.

Per TOP the discussion, the Beschlüsse taken under it (wording and vote; one empty slot for a
new one), one new Aufgabe; then "Weitere Punkte" and the attendance. Plain text fields (no
script, so the page passes the portal's CSP); "Entwurf speichern" saves everything in one
transaction, or nothing: with an error the page is shown again with everything typed, an error
summary on top and the message next to each field. Approved minutes are frozen (models).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from search.registry import reindex
from spaces.forms import (
    BeschlussEditForm,
    DiscussionForm,
    NeueAufgabeForm,
    assignable_users,
)
from spaces.models import (
    Anwesenheit,
    Aufgabe,
    Beschluss,
    Protokoll,
    Protokollpunkt,
    Tagesordnungspunkt,
)
from spaces.models.protokoll import minutes_refusal
from spaces.views import visible_sitzung
from spaces.views_protokoll import (
    _require_editor,
    attendance_forms,
    save_attendance,
)

SAVE_FAILED = "Nichts wurde gespeichert: {error} Ihre Eingaben stehen unten noch im Formular."


def _sections(sitzung, protokoll, beschluesse, data, assignees) -> list[dict]:
    tops = list(Tagesordnungspunkt.objects.filter(sitzung=sitzung).order_by("sort_order", "pk"))
    punkte = {}
    if protokoll is not None:
        for punkt in protokoll.punkte.all():
            punkte.setdefault(punkt.tagesordnungspunkt_id, punkt)
    top_ids = {top.pk for top in tops}
    sections = []
    for number, top in enumerate([*tops, None], 1):
        key = top.pk if top else "weitere"
        punkt = punkte.get(top.pk if top else None)
        under = [
            b
            for b in beschluesse
            if (
                b.tagesordnungspunkt_id == top.pk if top else b.tagesordnungspunkt_id not in top_ids
            )
        ]
        sections.append(
            {
                "top": top,
                "number": number,
                "key": key,
                "punkt": punkt,
                "discussion": DiscussionForm(
                    data,
                    prefix=f"top-{key}",
                    initial={"discussion": punkt.discussion if punkt else ""},
                ),
                "beschluesse": [
                    (
                        b,
                        BeschlussEditForm(
                            data,
                            prefix=f"beschluss-{b.pk}",
                            initial={
                                "title": b.title,
                                "text": b.text,
                                "vote_yes": b.vote_yes,
                                "vote_no": b.vote_no,
                                "vote_abstain": b.vote_abstain,
                                "shared_with_all": b.shared_with_all,
                            },
                        )
                        if not b.is_frozen
                        else None,
                    )
                    for b in under
                ],
                "neuer_beschluss": BeschlussEditForm(data, prefix=f"top-{key}-beschluss", new=True),
                "neue_aufgabe": NeueAufgabeForm(
                    data, prefix=f"top-{key}-aufgabe", sitzung=sitzung, assignees=assignees
                ),
            }
        )
    for section in sections:
        where = f"TOP {section['number']}" if section["top"] else "Weitere Punkte"
        section["where"] = where
        section["discussion"].fields["discussion"].label = f"Beratung und Ergebnis ({where})"
        for label, form in [("Neuer Beschluss", section["neuer_beschluss"])] + [
            (f"Beschluss {b.number}", form) for b, form in section["beschluesse"] if form
        ]:
            form.context_label = f"{label}, {where}"
            for field in form.fields.values():
                field.label = f"{field.label} ({label}, {where})"
        aufgabe = section["neue_aufgabe"]
        aufgabe.context_label = f"Neue Aufgabe, {where}"
        for field in aufgabe.fields.values():
            field.label = f"{field.label} ({where})"
    return sections


def _forms(section: dict) -> list:
    return [
        section["discussion"],
        *(form for _b, form in section["beschluesse"] if form),
        section["neuer_beschluss"],
        section["neue_aufgabe"],
    ]


@require_http_methods(["GET", "POST"])
def protokoll_bearbeiten(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    sitzung = visible_sitzung(request, slug, pk)
    _require_editor(request, sitzung)
    protokoll = (
        Protokoll.objects.filter(sitzung=sitzung)
        .prefetch_related(
            Prefetch("punkte", queryset=Protokollpunkt.objects.order_by("sort_order", "pk")),
            Prefetch("anwesenheiten", queryset=Anwesenheit.objects.order_by("sort_order", "pk")),
        )
        .first()
    )
    if protokoll is not None and protokoll.is_approved:
        messages.error(
            request,
            "Das Protokoll ist genehmigt und bleibt unverändert. Korrekturen legen Sie als "
            "Berichtigung an.",
        )
        return redirect(f"{sitzung.get_absolute_url()}#protokoll-heading")
    if protokoll is None and (refusal := minutes_refusal(sitzung)):
        messages.error(request, refusal)
        return redirect(sitzung.get_absolute_url())
    beschluesse = list(Beschluss.objects.filter(sitzung=sitzung).order_by("sequence"))
    assignees = list(assignable_users(sitzung))
    data = request.POST if request.method == "POST" else None
    sections = _sections(sitzung, protokoll, beschluesse, data, assignees)
    rows, guests = attendance_forms(sitzung, protokoll, data)
    all_forms = [form for section in sections for form in _forms(section)] + [*rows, guests]
    if data is not None:
        valid = all([form.is_valid() for form in all_forms])  # noqa: C419 - validate every form
        if valid:
            try:
                with transaction.atomic():
                    saved = _save(request, sitzung, sections, rows, guests, assignees)
            except ValidationError as error:
                messages.error(request, SAVE_FAILED.format(error=" ".join(error.messages)))
            else:
                reindex(saved)
                messages.success(
                    request,
                    "Der Entwurf des Protokolls ist gespeichert. Verteilen Sie ihn auf der "
                    "Sitzungsseite zur Kommentierung, wenn er fertig ist.",
                )
                if "weiter" in request.POST:
                    return redirect(request.path)
                return redirect(f"{sitzung.get_absolute_url()}#protokoll-heading")
    error_forms = [form for form in all_forms if form.errors]
    return render(
        request,
        "spaces/protokoll_bearbeiten.html",
        {
            "sitzung": sitzung,
            "gremium": sitzung.gremium,
            "protokoll": protokoll,
            "sections": sections,
            "rows": rows,
            "guests": guests,
            "error_forms": error_forms,
        },
        status=400 if error_forms or data is not None else 200,
    )


def _save(request, sitzung, sections, rows, guests, assignees) -> Protokoll:
    protokoll, _created = Protokoll.objects.select_for_update().get_or_create(sitzung=sitzung)
    if protokoll.is_approved:
        raise ValidationError("Das Protokoll ist inzwischen genehmigt.")
    users = {user.pk: user for user in assignees}
    day = timezone.localtime(sitzung.starts_at).date()
    next_order = (protokoll.aufgaben.aggregate(last=Max("sort_order"))["last"] or 0) + 1
    for order, section in enumerate(sections):
        top = section["top"]
        text = section["discussion"].cleaned_data["discussion"].strip()
        punkt = section["punkt"]
        if punkt is not None and punkt.discussion != text:
            if text:
                punkt.discussion = text
                punkt.save()
            else:
                punkt.delete()
        elif punkt is None and text:
            Protokollpunkt.objects.create(
                protokoll=protokoll, tagesordnungspunkt=top, discussion=text, sort_order=order
            )
        for beschluss, form in section["beschluesse"]:
            if form is None:  # part of the record already
                continue
            values = {
                name: form.cleaned_data[name]
                for name in ("title", "text", "vote_yes", "vote_no", "vote_abstain")
            }
            values["shared_with_all"] = form.cleaned_data["shared_with_all"]
            if any(getattr(beschluss, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(beschluss, name, value)
                beschluss.full_clean()
                beschluss.save()
        new = section["neuer_beschluss"]
        if new.filled:
            beschluss = Beschluss(
                gremium_id=sitzung.gremium_id,
                sitzung=sitzung,
                tagesordnungspunkt=top,
                decided_on=day,
                **{
                    name: new.cleaned_data[name]
                    for name in (
                        "title",
                        "text",
                        "vote_yes",
                        "vote_no",
                        "vote_abstain",
                        "shared_with_all",
                    )
                },
            )
            beschluss.full_clean(exclude=["number", "year", "sequence"])
            beschluss.save()
        aufgabe = section["neue_aufgabe"]
        if aufgabe.filled:
            Aufgabe.objects.create(
                protokoll=protokoll,
                tagesordnungspunkt=top,
                assignee=users[aufgabe.cleaned_data["assignee"]],
                text=aufgabe.cleaned_data["text"].strip(),
                due_on=aufgabe.cleaned_data["due_on"],
                sort_order=next_order,
            )
            next_order += 1
    save_attendance(protokoll, rows, guests)
    return protokoll
