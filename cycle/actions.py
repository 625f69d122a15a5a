"""The business operations of the KIM cycle, in one place.

Every change of a report's status goes through ``forms.workflow.change_status`` (the triage's
state machine), every change of a Fallrekonstruktion's or a theme's status through the
machines in cycle/transitions.py (portal.transitions, with their Verlauf); a refused transition
raises ``ActionRefused`` with the German reason, and the whole operation is rolled back. Views,
the admin and the demo call these functions only.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cycle.models import Fallrekonstruktion, GenerativesThema
from cycle.transitions import FALLREKONSTRUKTION, GENERATIVES_THEMA
from forms.models import Meldebogen, Status
from forms.workflow import TransitionRefused, change_status
from portal.transitions import Machine
from spaces.models import Beschluss, Gremium, Sitzung, Tagesordnungspunkt, Zielsystem

# Statuses after which a report counts as reconstructed (completing leaves it as it is).
RECONSTRUCTED_OR_LATER = (Status.REKONSTRUIERT, Status.THEMA_ZUGEORDNET, Status.ABGESCHLOSSEN)


class ActionRefused(Exception):
    """An operation that was not carried out; ``str(exc)`` says why, in German."""


def _refused(meldebogen: Meldebogen, exc: TransitionRefused) -> ActionRefused:
    return ActionRefused(f"Meldebogen {meldebogen.reference}: {exc.message}")


def _transition(machine: Machine, obj, status: str, by, reason: str = "") -> None:
    try:
        machine.apply(obj, status, by=by, reason=reason)
    except TransitionRefused as exc:
        raise ActionRefused(exc.message) from exc


def _move(meldebogen: Meldebogen, status: str, by, expected_version: int | None = None) -> None:
    try:
        change_status(meldebogen, status, by=by, expected_version=expected_version)
    except TransitionRefused as exc:
        raise _refused(meldebogen, exc) from exc


# --- Fallrekonstruktion ----------------------------------------------------------------------


def add_to_rekonstruktion(
    rekonstruktion: Fallrekonstruktion,
    meldebogen: Meldebogen,
    *,
    by,
    expected_version: int | None = None,
) -> None:
    """Add a report to a reconstruction; the report moves to "zur Fallrekonstruktion"."""
    if meldebogen.is_draft:
        raise ActionRefused("Ein Entwurf kann nicht rekonstruiert werden.")
    if rekonstruktion.is_completed:
        raise ActionRefused(
            "Diese Fallrekonstruktion ist abgeschlossen; es kommen keine Meldebögen mehr hinzu."
        )
    if rekonstruktion.meldeboegen.filter(pk=meldebogen.pk).exists():
        raise ActionRefused(
            f"Der Meldebogen {meldebogen.reference} gehört schon zu dieser Fallrekonstruktion."
        )
    with transaction.atomic():
        if meldebogen.status != Status.ZUR_FALLREKONSTRUKTION:
            _move(meldebogen, Status.ZUR_FALLREKONSTRUKTION, by, expected_version)
        rekonstruktion.meldeboegen.add(meldebogen)


def complete_rekonstruktion(rekonstruktion: Fallrekonstruktion, *, by) -> int:
    """Close a reconstruction: its reports move to "rekonstruiert". Returns how many moved.

    Refused before its date, without reports, without a Dienstleistungskette or without
    findings; if one report cannot move, nothing changes.
    """
    if rekonstruktion.is_completed:
        raise ActionRefused("Diese Fallrekonstruktion ist bereits abgeschlossen.")
    if rekonstruktion.date > timezone.localdate():
        raise ActionRefused(
            f"Die Fallrekonstruktion ist für den {rekonstruktion.date:%d.%m.%Y} geplant und kann "
            "erst an diesem Tag oder danach abgeschlossen werden."
        )
    missing = []
    meldeboegen = list(rekonstruktion.meldeboegen.order_by("reference"))
    if not meldeboegen:
        missing.append("mindestens einen Meldebogen")
    if not rekonstruktion.schritte.exists():
        missing.append("die Dienstleistungskette (mindestens einen Schritt)")
    if not rekonstruktion.findings.strip():
        missing.append("die Erkenntnisse")
    if missing:
        raise ActionRefused(
            "Die Fallrekonstruktion kann noch nicht abgeschlossen werden. Es fehlt: "
            + ", ".join(missing)
            + "."
        )
    moved = 0
    with transaction.atomic():
        for meldebogen in meldeboegen:
            if meldebogen.status in RECONSTRUCTED_OR_LATER:
                continue
            _move(meldebogen, Status.REKONSTRUIERT, by)
            moved += 1
        _transition(FALLREKONSTRUKTION, rekonstruktion, Fallrekonstruktion.Status.ABGESCHLOSSEN, by)
    return moved


# --- GenerativesThema ------------------------------------------------------------------------


def assign_to_thema(
    thema: GenerativesThema,
    meldebogen: Meldebogen,
    *,
    by,
    expected_version: int | None = None,
) -> None:
    """Assign a report to a theme; the report moves to "einem Thema zugeordnet". If the theme
    already has a Beschluss (in force), the reporter is told at once, like those before."""
    if meldebogen.is_draft:
        raise ActionRefused("Ein Entwurf kann keinem Thema zugeordnet werden.")
    if thema.meldeboegen.filter(pk=meldebogen.pk).exists():
        raise ActionRefused(
            f"Der Meldebogen {meldebogen.reference} gehört schon zum Thema „{thema.title}“."
        )
    with transaction.atomic():
        if meldebogen.status != Status.THEMA_ZUGEORDNET:
            _move(meldebogen, Status.THEMA_ZUGEORDNET, by, expected_version)
        thema.meldeboegen.add(meldebogen)
        _tell_late_joiners(thema)


def _tell_late_joiners(thema: GenerativesThema) -> int:
    """Reports that join a theme after its decision get the same feedback (once per report
    and decision, cycle.feedback.notify_reporters; not before the decision's date)."""
    if not thema.beschluss_id:
        return 0
    from cycle.feedback import notify_reporters

    return notify_reporters(thema, thema.beschluss)


def add_rekonstruktion_to_thema(
    thema: GenerativesThema, rekonstruktion: Fallrekonstruktion, *, by
) -> int:
    """Link a reconstruction to a theme. Its reconstructed reports are assigned to the theme
    too (-> "einem Thema zugeordnet"); returns how many reports were assigned."""
    if thema.fallrekonstruktionen.filter(pk=rekonstruktion.pk).exists():
        raise ActionRefused(
            f"Die Fallrekonstruktion „{rekonstruktion.title}“ gehört schon zu diesem Thema."
        )
    assigned = 0
    already = set(thema.meldeboegen.values_list("pk", flat=True))
    with transaction.atomic():
        thema.fallrekonstruktionen.add(rekonstruktion)
        for meldebogen in rekonstruktion.meldeboegen.filter(status=Status.REKONSTRUIERT):
            if meldebogen.pk in already:
                continue
            _move(meldebogen, Status.THEMA_ZUGEORDNET, by)
            thema.meldeboegen.add(meldebogen)
            assigned += 1
        _tell_late_joiners(thema)
    return assigned


def lenkungsgruppe_sitzungen():
    """Upcoming, not cancelled Sitzungen of a Lenkungsgruppe: where a theme can be presented."""
    return (
        Sitzung.objects.upcoming()
        .filter(gremium__kind=Gremium.Kind.LENKUNGSGRUPPE)
        .exclude(status=Sitzung.Status.ABGESAGT)
        .select_related("gremium")
    )


def put_on_agenda(
    thema: GenerativesThema, sitzung: Sitzung, *, by, presenter: str = ""
) -> Tagesordnungspunkt:
    """Put a theme on the agenda of an upcoming Lenkungsgruppe Sitzung.

    Creates a Tagesordnungspunkt at the end of the agenda (title and the description of the
    structural problem, never report texts), links it from the theme and sets the theme's
    status to "der Lenkungsgruppe vorgelegt".
    """
    if sitzung.gremium.kind != Gremium.Kind.LENKUNGSGRUPPE:
        raise ActionRefused(
            "Generative Themen werden der Lenkungsgruppe vorgelegt; "
            f"„{sitzung.gremium.name}“ ist keine Lenkungsgruppe."
        )
    if sitzung.status == Sitzung.Status.ABGESAGT:
        raise ActionRefused("Die Sitzung ist abgesagt; wählen Sie eine andere Sitzung.")
    if not sitzung.is_upcoming:
        raise ActionRefused(
            "Die Sitzung hat schon stattgefunden; ein Thema kommt nur auf die Tagesordnung "
            "einer kommenden Sitzung."
        )
    if thema.is_closed:
        raise ActionRefused(
            f"Das Thema ist „{thema.get_status_display()}“ und wird nicht mehr vorgelegt."
        )
    if thema.tagesordnungspunkt_id and thema.tagesordnungspunkt.sitzung_id == sitzung.pk:
        raise ActionRefused("Das Thema steht bereits auf der Tagesordnung dieser Sitzung.")
    with transaction.atomic():
        # Lock the Sitzung so two items do not get the same place on the agenda (PostgreSQL).
        Sitzung.objects.select_for_update().filter(pk=sitzung.pk).first()
        last = Tagesordnungspunkt.objects.filter(sitzung=sitzung).aggregate(last=Max("sort_order"))
        top = Tagesordnungspunkt.objects.create(
            sitzung=sitzung,
            title=f"Generatives Thema: {thema.title}"[:300],
            description=thema.description,
            presenter=presenter or "KIM-Koordination",
            sort_order=(last["last"] if last["last"] is not None else -1) + 1,
        )
        thema.tagesordnungspunkt = top
        thema.save(update_fields=["tagesordnungspunkt", "updated_at"])
        if thema.status != GenerativesThema.Status.LENKUNGSGRUPPE_VORGELEGT:
            _transition(
                GENERATIVES_THEMA, thema, GenerativesThema.Status.LENKUNGSGRUPPE_VORGELEGT, by
            )
    return top


def link_beschluss(
    thema: GenerativesThema,
    beschluss: Beschluss,
    *,
    by,
    arbeitsgruppe: Gremium | None = None,
    zielsystem: Zielsystem | None = None,
    notify: bool = True,
) -> int:
    """Link the Lenkungsgruppe's decision (and the Arbeitsgruppe and Zielsystem that followed)
    to a theme. With an Arbeitsgruppe the theme is "an Arbeitsgruppe übergeben".

    Tells the reporters of the theme's reports by e-mail (once per report and decision, only
    what they may see); returns the number of e-mails sent.
    """
    if beschluss.gremium.kind != Gremium.Kind.LENKUNGSGRUPPE:
        raise ActionRefused(
            f"Der Beschluss {beschluss.number} stammt nicht von einer Lenkungsgruppe."
        )
    if beschluss.status == Beschluss.Status.AUFGEHOBEN:
        raise ActionRefused(f"Der Beschluss {beschluss.number} ist aufgehoben.")
    if arbeitsgruppe is not None and arbeitsgruppe.kind != Gremium.Kind.ARBEITSGRUPPE:
        raise ActionRefused(f"„{arbeitsgruppe.name}“ ist keine Arbeitsgruppe.")
    if (
        zielsystem is not None
        and arbeitsgruppe is not None
        and zielsystem.gremium_id != arbeitsgruppe.pk
    ):
        raise ActionRefused(
            f"Das Zielsystem „{zielsystem.title}“ gehört nicht zur Arbeitsgruppe "
            f"„{arbeitsgruppe.name}“."
        )
    if zielsystem is not None and arbeitsgruppe is None:
        arbeitsgruppe = zielsystem.gremium
    fields = ["beschluss", "arbeitsgruppe", "zielsystem", "updated_at"]
    with transaction.atomic():
        thema.beschluss = beschluss
        thema.arbeitsgruppe = arbeitsgruppe
        thema.zielsystem = zielsystem
        thema.save(update_fields=fields)
        handed_over = GenerativesThema.Status.AN_AG_UEBERGEBEN
        if arbeitsgruppe is not None and not thema.is_closed and thema.status != handed_over:
            _transition(GENERATIVES_THEMA, thema, handed_over, by)
    if not notify:
        return 0
    from cycle.feedback import notify_reporters

    return notify_reporters(thema, beschluss)


def set_status(thema: GenerativesThema, status: str, *, by, reason: str = "") -> None:
    """Set a theme's status by hand (e.g. gelöst, nicht lösbar): only the transitions declared
    in cycle/transitions.py, with a Verlauf row."""
    if status not in GenerativesThema.Status.values:
        raise ActionRefused("Diesen Status gibt es für ein generatives Thema nicht.")
    if status == thema.status:
        raise ActionRefused(f"Das Thema ist bereits „{thema.get_status_display()}“.")
    if status == GenerativesThema.Status.AN_AG_UEBERGEBEN and not thema.arbeitsgruppe_id:
        raise ActionRefused(
            "„An Arbeitsgruppe übergeben“ setzt eine Arbeitsgruppe voraus: Verknüpfen Sie "
            "zuerst den Beschluss mit der Arbeitsgruppe."
        )
    _transition(GENERATIVES_THEMA, thema, status, by, reason)
