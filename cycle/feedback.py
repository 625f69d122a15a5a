"""The feedback loop: what a reporter learns about their own report, on its page and by e-mail.

A reporter sees, for each theme their report went into, the theme's title and status in plain
German, the Lenkungsgruppe's decision only if spaces.visibility lets them see it, the
Arbeitsgruppe's name if they may see the decision or the Arbeitsgruppe, and the Zielsystem only
if it is visible to them. Never other reports, the theme's description, the reconstruction's
findings or any internal note.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cycle.models import GenerativesThema, Rueckmeldung
from cycle.trace import meldeboegen_by_thema
from forms.models import Meldebogen
from portal.mail import send_later
from spaces.models import Beschluss, Gremium, Zielsystem

S = GenerativesThema.Status
THEMA_STATUS_TEXTS: dict[str, str] = {
    S.IN_KLAERUNG: ("Die KIM-Koordination klärt das Thema gerade mit den beteiligten Stellen."),
    S.LENKUNGSGRUPPE_VORGELEGT: (
        "Das Thema liegt der Lenkungsgruppe vor, dem Steuerungsgremium des Kommunalen "
        "Integrationsmanagements."
    ),
    S.AN_AG_UEBERGEBEN: (
        "Die Lenkungsgruppe hat eine Arbeitsgruppe beauftragt, das Thema zu bearbeiten und "
        "Verbesserungen vorzuschlagen."
    ),
    S.GELOEST: "Das Problem gilt als gelöst.",
    S.NICHT_LOESBAR: (
        "Die beteiligten Stellen haben das Problem geprüft; vor Ort lässt es sich derzeit "
        "nicht lösen."
    ),
}


@dataclass
class ThemaRueckblick:
    """One theme as a reporter may see it."""

    title: str
    status: str
    status_text: str
    beschluss: Beschluss | None = None
    has_hidden_beschluss: bool = False
    arbeitsgruppe_name: str = ""
    arbeitsgruppe_url: str = ""
    zielsystem: Zielsystem | None = None


@dataclass
class RekonstruktionRueckblick:
    date: object
    completed: bool

    @property
    def held(self) -> bool:
        """Whether the date has come: nothing is reported as done before it happened."""
        return self.date <= timezone.localdate()


def beschluss_in_force(beschluss: Beschluss | None, today=None) -> bool:
    """Whether a decision's date has come. A future-dated Beschluss is not told to reporters
    (page and e-mail) before its date; send_due_rueckmeldungen delivers it then."""
    return beschluss is not None and beschluss.decided_on <= (today or timezone.localdate())


def _visible_ids(queryset, ids) -> set[int]:
    ids = {pk for pk in ids if pk}
    if not ids:
        return set()
    return set(queryset.filter(pk__in=ids).values_list("pk", flat=True))


def rueckblick_for_themen(themen: list[GenerativesThema], user) -> list[ThemaRueckblick]:
    """The themes (fetched with select_related of beschluss, arbeitsgruppe, zielsystem) as
    ``user`` may see them; three queries at most."""
    today = timezone.localdate()
    beschluesse = _visible_ids(
        Beschluss.objects.visible_to(user),
        (t.beschluss_id for t in themen if beschluss_in_force(t.beschluss, today)),
    )
    gremien = _visible_ids(Gremium.objects.visible_to(user), (t.arbeitsgruppe_id for t in themen))
    zielsysteme = _visible_ids(
        Zielsystem.objects.visible_to(user), (t.zielsystem_id for t in themen)
    )
    result = []
    for thema in themen:
        item = ThemaRueckblick(
            title=thema.title,
            status=thema.get_status_display(),
            status_text=THEMA_STATUS_TEXTS.get(thema.status, ""),
        )
        if thema.beschluss_id in beschluesse:
            item.beschluss = thema.beschluss
        elif thema.beschluss_id and beschluss_in_force(thema.beschluss, today):
            item.has_hidden_beschluss = True
        if thema.arbeitsgruppe_id and (
            thema.arbeitsgruppe_id in gremien or thema.beschluss_id in beschluesse
        ):
            item.arbeitsgruppe_name = thema.arbeitsgruppe.name
            if thema.arbeitsgruppe_id in gremien:
                item.arbeitsgruppe_url = thema.arbeitsgruppe.get_absolute_url()
        if thema.zielsystem_id in zielsysteme:
            item.zielsystem = thema.zielsystem
        result.append(item)
    return result


def reporter_feedback(meldebogen: Meldebogen, user) -> dict:
    """What became of ``meldebogen``, as its reporter ``user`` may see it."""
    rekonstruktionen = [
        RekonstruktionRueckblick(rek.date, rek.is_completed)
        for rek in meldebogen.fallrekonstruktionen.only("date", "status").order_by("date")
    ]
    themen = list(
        GenerativesThema.objects.for_meldebogen(meldebogen.pk)
        .select_related("beschluss", "arbeitsgruppe", "zielsystem__gremium")
        .order_by("title")
    )
    return {
        "rekonstruktionen": rekonstruktionen,
        "themen": rueckblick_for_themen(themen, user),
    }


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_reporters(thema: GenerativesThema, beschluss: Beschluss) -> int:
    """E-mail the reporters of the theme's reports that their report contributed to
    ``beschluss``: one message per report, once per report and decision. Returns the number
    of e-mails sent. Nothing before the decision's date: send_due_rueckmeldungen sends it when
    the date has come."""
    if not beschluss_in_force(beschluss):
        return 0
    reports = meldeboegen_by_thema([thema.pk]).get(thema.pk, [])
    if not reports:
        return 0
    already = set(
        Rueckmeldung.objects.filter(
            beschluss=beschluss, meldebogen_id__in=[mb.pk for mb in reports]
        ).values_list("meldebogen_id", flat=True)
    )
    pending = [mb for mb in reports if mb.pk not in already and mb.owner_id]
    if not pending:
        return 0
    owners = {
        user.pk: user
        for user in get_user_model()
        .objects.filter(pk__in={mb.owner_id for mb in pending}, is_active=True)
        .exclude(email="")
    }
    thema = GenerativesThema.objects.select_related(
        "beschluss", "arbeitsgruppe", "zielsystem__gremium"
    ).get(pk=thema.pk)
    per_owner: dict[int, ThemaRueckblick] = {}
    messages = []
    records = []
    for meldebogen in pending:
        owner = owners.get(meldebogen.owner_id)
        if owner is None:
            continue
        if owner.pk not in per_owner:
            per_owner[owner.pk] = rueckblick_for_themen([thema], owner)[0]
        context = {
            "recipient": owner,
            "meldebogen": meldebogen,
            "thema": per_owner[owner.pk],
            "report_url": absolute(meldebogen.get_absolute_url()),
            "beschluss_url": absolute(per_owner[owner.pk].beschluss.get_absolute_url())
            if per_owner[owner.pk].beschluss
            else "",
            "zielsystem_url": absolute(per_owner[owner.pk].zielsystem.get_absolute_url())
            if per_owner[owner.pk].zielsystem
            else "",
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        messages.append(
            EmailMessage(
                subject=(
                    f"Ihr Meldebogen {meldebogen.reference} ist in einen Beschluss der "
                    "Lenkungsgruppe eingeflossen"
                ),
                body=render_to_string("cycle/mail/rueckmeldung.txt", context),
                to=[owner.email],
            )
        )
        records.append(Rueckmeldung(meldebogen=meldebogen, beschluss=beschluss, thema=thema))
    if not messages:
        return 0
    try:
        with transaction.atomic():
            Rueckmeldung.objects.bulk_create(records)
    except IntegrityError:
        # Someone else linked the same decision at the same moment and told them already.
        return 0
    send_later(messages, kind="Rückmeldung an meldende Personen")
    return len(messages)


def send_due_rueckmeldungen(today=None) -> int:
    """Send the feedback that waited for its decision's date: every theme with a Beschluss in
    force whose reporters have not been told yet (idempotent: Rueckmeldung rows). Run daily
    (``manage.py send_rueckmeldungen``). Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    themen = (
        GenerativesThema.objects.filter(beschluss__decided_on__lte=today)
        .exclude(beschluss__status=Beschluss.Status.AUFGEHOBEN)
        .select_related("beschluss")
        .order_by("pk")
    )
    return sum(notify_reporters(thema, thema.beschluss) for thema in themen)
