"""E-mails of the spaces: Sitzung invitations with an .ics file, approved Beschlüsse,
circulated minutes, comments on one's minutes, Aufgaben and their due-date reminders.

Invitations and Berichtigungen always go out at once. The other mails are notifications of a
kind registered in portal.notifications (``register_kinds``): each person chooses per kind
between an immediate mail, the daily digest or none in their profile.

Privacy: an e-mail leaves the portal's access control, so every recipient list is computed with
the visibility rule (spaces.visibility) and checked once more per recipient with
``visible_to``. Each person gets an own message (no one sees the other addresses), with only
what that person may see in the portal.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal import notifications
from portal.mail import send_later
from portal.transitions import TransitionRefused, machine_for
from spaces.ical import invitation_calendar
from spaces.models import (
    Aufgabe,
    Beschluss,
    Gremium,
    Kommentar,
    Mitgliedschaft,
    Protokoll,
    ProtokollStatus,
    Sitzung,
)
from spaces.visibility import writes_minutes_somewhere

KIND_VERTEILT = "spaces.protokoll_verteilt"
KIND_KOMMENTAR = "spaces.kommentar"
KIND_BESCHLUESSE = "spaces.beschluesse"
KIND_AUFGABE = "spaces.aufgabe"
KIND_ERINNERUNG = "spaces.aufgabe_erinnerung"


def _aufgaben_open(user, objects: list) -> bool:
    return all(not getattr(obj, "done", False) for obj in objects)


def register_kinds() -> None:
    """The spaces' kinds of notification (called in SpacesConfig.ready)."""
    notifications.register(
        KIND_VERTEILT,
        "Protokolle zur Kommentierung verteilt",
        help_text="Ein Protokoll eines Ihrer Gremien liegt zur Kommentierung vor.",
    )
    notifications.register(
        KIND_KOMMENTAR,
        "Neue Kommentare zu Ihren Protokollen",
        help_text="Jemand kommentiert ein Protokoll, das Sie verteilt haben.",
        audience=writes_minutes_somewhere,
    )
    notifications.register(
        KIND_BESCHLUESSE,
        "Neue Beschlüsse",
        help_text="Beschlüsse genehmigter Protokolle und einzeln genehmigte Beschlüsse.",
    )
    notifications.register(
        KIND_AUFGABE,
        "Ihnen übertragene Aufgaben",
        help_text="Eine Aufgabe aus einem Protokoll wird Ihnen übertragen.",
    )
    notifications.register(
        KIND_ERINNERUNG,
        "Erinnerungen an fällige und überfällige Aufgaben",
        help_text="Einige Tage vor der Frist, am Tag der Frist und einmal danach.",
        still_relevant=_aufgaben_open,
    )


class InvitationRefused(Exception):
    """An invitation that cannot be sent; the message says why, in German."""


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def current_members(gremium_ids) -> list:
    """Active users with an e-mail address who hold a seat today in one of the Gremien."""
    memberships = Mitgliedschaft.objects.active().filter(sitz__gremium_id__in=list(gremium_ids))
    return list(
        get_user_model()
        .objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .exclude(email="")
        .order_by("pk")
    )


def shared_viewers(gremium_id: int) -> list:
    """Active users with an e-mail address the Gremium's space is shared with (directly or
    through one of their groups)."""
    gremium_groups = Gremium.shared_groups.through.objects.filter(gremium_id=gremium_id)
    gremium_users = Gremium.shared_users.through.objects.filter(gremium_id=gremium_id)
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(pk__in=gremium_users.values("user_id"))
            | Q(groups__in=gremium_groups.values("group_id"))
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_invitation(sitzung: Sitzung, sent_by) -> int:
    """Invite the current members of the Sitzung's Gremium; returns the number of e-mails.

    The first invitation is the Sitzung's transition "geplant" -> "eingeladen"
    (spaces.transitions.SITZUNG, with a Verlauf row); inviting again sends the mails only.
    """
    if not sent_by.has_perm("spaces.change_sitzung"):
        raise InvitationRefused("Nur die KIM-Koordination lädt zu Sitzungen ein.")
    if sitzung.status == Sitzung.Status.ABGESAGT:
        raise InvitationRefused("Zu einer abgesagten Sitzung wird nicht eingeladen.")
    if not sitzung.is_upcoming:
        raise InvitationRefused("Die Sitzung hat schon begonnen; eine Einladung ist zu spät.")
    count = len(invitation_recipients(sitzung))
    if sitzung.status != Sitzung.Status.GEPLANT:
        return send_invitation_mails(sitzung)
    try:
        # The machine from the registry: spaces.transitions imports this module for its effect.
        machine_for(Sitzung).apply(sitzung, Sitzung.Status.EINGELADEN, by=sent_by)
    except TransitionRefused as refusal:
        raise InvitationRefused(refusal.message) from refusal
    return count


def invitation_recipients(sitzung: Sitzung) -> list:
    return [
        user
        for user in current_members([sitzung.gremium_id])
        if Sitzung.objects.visible_to(user).filter(pk=sitzung.pk).exists()
    ]


def send_invitation_mails(sitzung: Sitzung) -> int:
    """The invitation with an .ics file to each current member; the effect of the transition
    "eingeladen" (and of inviting again). Returns the number of e-mails."""
    recipients = invitation_recipients(sitzung)
    if not recipients:
        raise InvitationRefused(
            "Das Gremium hat zurzeit keine Mitglieder mit E-Mail-Adresse; es wurde keine "
            "Einladung verschickt."
        )
    url = absolute(sitzung.get_absolute_url())
    context = {
        "sitzung": sitzung,
        "gremium": sitzung.gremium,
        "tagesordnung": list(sitzung.tagesordnung.order_by("sort_order", "pk")),
        "url": url,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    ics = invitation_calendar(sitzung, url)
    starts = timezone.localtime(sitzung.starts_at)
    subject = f"Einladung: {sitzung.gremium.name}, {sitzung.title} am {starts:%d.%m.%Y}"
    messages = []
    for user in recipients:
        message = EmailMessage(
            subject=subject,
            body=render_to_string("spaces/mail/einladung.txt", {**context, "recipient": user}),
            to=[user.email],
        )
        message.attach("einladung.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
        messages.append(message)
    send_later(messages, kind="Einladung zur Sitzung")
    return len(messages)


@dataclass
class Distribution:
    user: object
    beschluesse: list
    is_member: bool


def concerned_gremien(beschluesse) -> dict[int, set[int]]:
    """Per Beschluss id, the other Gremien it concerns: set up by it, or whose Zielsystem it
    adopted."""
    ids = [b.pk for b in beschluesse]
    concerned: dict[int, set[int]] = {pk: set() for pk in ids}
    for gremium_id, beschluss_id in Gremium.objects.filter(established_by_id__in=ids).values_list(
        "pk", "established_by_id"
    ):
        concerned[beschluss_id].add(gremium_id)
    for gremium_id, beschluss_id in (
        Gremium.objects.filter(zielsysteme__adopted_by_id__in=ids)
        .values_list("pk", "zielsysteme__adopted_by_id")
        .distinct()
    ):
        concerned[beschluss_id].add(gremium_id)
    return concerned


def beschluss_distribution(protokoll: Protokoll) -> list[Distribution]:
    """Who gets which Beschlüsse of the Sitzung once its minutes are approved.

    Members of the deciding Gremium and the people its space is shared with get every Beschluss
    of the Sitzung. Members of a Gremium a Beschluss concerns get it only if it is released to
    all actors ("freigegeben").
    """
    sitzung = protokoll.sitzung
    beschluesse = list(
        Beschluss.objects.filter(sitzung=sitzung)
        .exclude(status=Beschluss.Status.AUFGEHOBEN)
        .order_by("sequence")
    )
    return distribution(sitzung.gremium_id, beschluesse)


def distribution(gremium_id: int, beschluesse: list) -> list[Distribution]:
    """Who gets which of the deciding Gremium's ``beschluesse`` (see beschluss_distribution)."""
    if not beschluesse:
        return []
    wanted: dict[int, Distribution] = {}
    for user in [*current_members([gremium_id]), *shared_viewers(gremium_id)]:
        wanted[user.pk] = Distribution(user, list(beschluesse), is_member=True)
    concerned = concerned_gremien([b for b in beschluesse if b.shared_with_all])
    for beschluss_id, gremium_ids in concerned.items():
        beschluss = next(b for b in beschluesse if b.pk == beschluss_id)
        for user in current_members(gremium_ids):
            entry = wanted.setdefault(user.pk, Distribution(user, [], is_member=False))
            if beschluss not in entry.beschluesse:
                entry.beschluesse.append(beschluss)
    result = []
    for entry in wanted.values():
        visible = set(
            Beschluss.objects.visible_to(entry.user)
            .filter(pk__in=[b.pk for b in entry.beschluesse])
            .values_list("pk", flat=True)
        )
        entry.beschluesse = [b for b in entry.beschluesse if b.pk in visible]
        if entry.beschluesse:
            result.append(entry)
    return result


def _send_distribution(
    gremium, sitzung, entries: list[Distribution], subject: str, later: bool
) -> int:
    count = 0
    for entry in entries:
        context = {
            "sitzung": sitzung,
            "gremium": gremium,
            "later": later,
            "beschluesse": [(b, absolute(b.get_absolute_url())) for b in entry.beschluesse],
            "protokoll_url": (
                absolute(sitzung.get_absolute_url()) if entry.is_member and sitzung else None
            ),
            "register_url": absolute(reverse("spaces:beschluesse")),
            "recipient": entry.user,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        mode = notifications.notify(
            entry.user,
            KIND_BESCHLUESSE,
            subject=subject,
            body=render_to_string("spaces/mail/beschluesse.txt", context),
            url=context["protokoll_url"] or context["register_url"],
            about=entry.beschluesse,
            mail_kind="Beschlüsse",
        )
        count += mode == notifications.IMMEDIATE
    return count


def send_beschluesse(protokoll: Protokoll) -> int:
    """E-mail the Beschlüsse of an approved Protokoll's Sitzung; returns the number of e-mails."""
    sitzung = protokoll.sitzung
    return _send_distribution(
        sitzung.gremium,
        sitzung,
        beschluss_distribution(protokoll),
        f"Beschlüsse: {sitzung.gremium.name}, {sitzung.title}",
        later=False,
    )


def send_beschluss_approved(beschluss: Beschluss) -> int:
    """E-mail one Beschluss approved on its own (recorded after its minutes, or without a
    Sitzung) to the same people as the Beschlüsse of approved minutes."""
    return _send_distribution(
        beschluss.gremium,
        beschluss.sitzung,
        distribution(beschluss.gremium_id, [beschluss]),
        f"Beschluss {beschluss.number}: {beschluss.gremium.name}",
        later=True,
    )


def announce_berichtigung(berichtigung_id: int) -> int:
    """Tell everyone who may read the minutes that an approved Berichtigung corrects them."""
    from spaces.models import Berichtigung

    berichtigung = Berichtigung.objects.select_related(
        "protokoll__sitzung__gremium", "beschluss", "protokollpunkt__tagesordnungspunkt"
    ).get(pk=berichtigung_id)
    sitzung = berichtigung.protokoll.sitzung
    gremium = sitzung.gremium
    recipients = {u.pk: u for u in [*current_members([gremium.pk]), *shared_viewers(gremium.pk)]}
    messages = []
    for user in recipients.values():
        if not Protokoll.objects.visible_to(user).filter(pk=berichtigung.protokoll_id).exists():
            continue
        context = {
            "berichtigung": berichtigung,
            "sitzung": sitzung,
            "gremium": gremium,
            "url": absolute(sitzung.get_absolute_url() + f"#berichtigung-{berichtigung.number}"),
            "recipient": user,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        messages.append(
            EmailMessage(
                subject=(
                    f"Berichtigung Nr. {berichtigung.number} zum Protokoll: "
                    f"{gremium.name}, {sitzung.title}"
                ),
                body=render_to_string("spaces/mail/berichtigung.txt", context),
                to=[user.email],
            )
        )
    if messages:
        send_later(messages, kind="Berichtigung")
    return len(messages)


def notify_assignees(protokoll_id: int) -> int:
    """E-mail each open task's assignee once per assignment (again after a reassignment).

    A task is mailed only when its assignee may see it in the portal (a task in draft minutes
    waits until the minutes are circulated); the mail holds only that task and the Sitzung it
    comes from. Returns the number of e-mails.
    """
    tasks = [
        task
        for task in Aufgabe.objects.filter(protokoll_id=protokoll_id, done_at__isnull=True)
        .select_related("assignee", "tagesordnungspunkt", "protokoll__sitzung__gremium")
        .order_by("sort_order", "pk")
        if task.notified_assignee_id != task.assignee_id
    ]
    count, sent = 0, []
    for task in tasks:
        user = task.assignee
        if not (user.is_active and user.email):
            continue
        if not Aufgabe.objects.visible_to(user).filter(pk=task.pk).exists():
            continue
        sitzung = task.protokoll.sitzung
        context = {
            "aufgabe": task,
            "sitzung": sitzung,
            "gremium": sitzung.gremium,
            "reassigned": task.notified_assignee_id is not None,
            "url": absolute(sitzung.get_absolute_url()) + "#protokoll",
            "recipient": user,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        mode = notifications.notify(
            user,
            KIND_AUFGABE,
            subject=f"Aufgabe aus dem Protokoll: {sitzung.gremium.name}, {sitzung.title}",
            body=render_to_string("spaces/mail/aufgabe.txt", context),
            url=context["url"],
            about=[task],
            mail_kind="Aufgabe aus dem Protokoll",
        )
        count += mode == notifications.IMMEDIATE
        sent.append(task)
    for task in sent:
        Aufgabe.objects.filter(pk=task.pk).update(notified_assignee=task.assignee_id)
    return count


def circulated_by(protokoll: Protokoll):
    """Who last circulated the minutes for comment (from its Verlauf), or None."""
    entry = (
        protokoll.verlauf.filter(to_status=ProtokollStatus.VERTEILT)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
    return entry.by if entry else None


def notify_verteilt(protokoll_id: int) -> int:
    """Tell the members and the people the space is shared with that minutes are circulated
    for comment (not the person who circulated them). Returns the number of immediate mails."""
    protokoll = Protokoll.objects.select_related("sitzung__gremium").get(pk=protokoll_id)
    sitzung = protokoll.sitzung
    gremium = sitzung.gremium
    sender = circulated_by(protokoll)
    recipients = {u.pk: u for u in [*current_members([gremium.pk]), *shared_viewers(gremium.pk)]}
    url = absolute(sitzung.get_absolute_url()) + "#protokoll"
    count = 0
    for user in recipients.values():
        if sender is not None and user.pk == sender.pk:
            continue
        if not Protokoll.objects.visible_to(user).filter(pk=protokoll.pk).exists():
            continue
        context = {
            "sitzung": sitzung,
            "gremium": gremium,
            "url": url,
            "recipient": user,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        mode = notifications.notify(
            user,
            KIND_VERTEILT,
            subject=f"Protokoll zur Kommentierung: {gremium.name}, {sitzung.title}",
            body=render_to_string("spaces/mail/protokoll_verteilt.txt", context),
            url=url,
            about=[protokoll],
            mail_kind="Protokoll zur Kommentierung",
        )
        count += mode == notifications.IMMEDIATE
    return count


def notify_kommentar(kommentar_id: int) -> int:
    """Tell the person who circulated the minutes of a new comment (not their own)."""
    kommentar = Kommentar.objects.select_related(
        "author", "tagesordnungspunkt", "protokoll__sitzung__gremium"
    ).get(pk=kommentar_id)
    protokoll = kommentar.protokoll
    owner = circulated_by(protokoll)
    if owner is None or owner.pk == kommentar.author_id:
        return 0
    if not Kommentar.objects.visible_to(owner).filter(pk=kommentar.pk).exists():
        return 0
    sitzung = protokoll.sitzung
    url = absolute(sitzung.get_absolute_url()) + "#protokoll"
    context = {
        "kommentar": kommentar,
        "sitzung": sitzung,
        "gremium": sitzung.gremium,
        "url": url,
        "recipient": owner,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    mode = notifications.notify(
        owner,
        KIND_KOMMENTAR,
        subject=f"Neuer Kommentar zum Protokoll: {sitzung.gremium.name}, {sitzung.title}",
        body=render_to_string("spaces/mail/kommentar.txt", context),
        url=url,
        about=[kommentar],
        mail_kind="Kommentar zum Protokoll",
    )
    return int(mode == notifications.IMMEDIATE)


def reminder_days() -> int:
    return int(getattr(settings, "SPACES_AUFGABE_REMINDER_DAYS", 3))


def send_aufgaben_reminders(today=None) -> int:
    """Remind each assignee of an open Aufgabe ``reminder_days()`` days before its due date
    (or on the first run within that window), on the due date, and once when it is overdue
    (within a week after the date, so old tasks do not flood anyone on the first run). Each
    occasion is sent once (``once_key``, which names the due date, so a new date re-arms the
    reminders). Returns how many people were notified (in any mode)."""
    today = today or timezone.localdate()
    days = reminder_days()
    window_start = today - timezone.timedelta(days=7)
    window_end = today + timezone.timedelta(days=days)
    tasks = (
        Aufgabe.objects.open()
        .filter(due_on__gte=window_start, due_on__lte=window_end)
        .select_related("assignee", "tagesordnungspunkt", "protokoll__sitzung__gremium")
        .order_by("due_on", "pk")
    )
    count = 0
    for task in tasks:
        user = task.assignee
        if not (user.is_active and user.email):
            continue
        if not Aufgabe.objects.visible_to(user).filter(pk=task.pk).exists():
            continue
        left = (task.due_on - today).days
        occasion = "vorher" if left > 0 else ("faellig" if left == 0 else "ueberfaellig")
        sitzung = task.protokoll.sitzung
        context = {
            "aufgabe": task,
            "sitzung": sitzung,
            "gremium": sitzung.gremium,
            "occasion": occasion,
            "days_left": left,
            "url": absolute(sitzung.get_absolute_url()) + "#protokoll",
            "recipient": user,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = {
            "vorher": f"Erinnerung: Aufgabe fällig am {task.due_on:%d.%m.%Y}",
            "faellig": "Erinnerung: Aufgabe heute fällig",
            "ueberfaellig": f"Aufgabe überfällig seit {task.due_on:%d.%m.%Y}",
        }[occasion]
        mode = notifications.notify(
            user,
            KIND_ERINNERUNG,
            subject=f"{subject}: {sitzung.gremium.name}",
            body=render_to_string("spaces/mail/aufgabe_erinnerung.txt", context),
            url=context["url"],
            about=[task],
            once_key=f"spaces.aufgabe:{task.pk}:{task.due_on.isoformat()}:{occasion}",
            mail_kind="Erinnerung an eine Aufgabe",
        )
        count += mode is not None
    return count
