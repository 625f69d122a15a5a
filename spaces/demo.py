"""Demo content of the spaces (called by ``manage.py load_demo``; idempotent).

The Lenkungsgruppe with its seats as its Geschäftsordnung defines them, two Arbeitsgruppen,
the Facharbeitskreis Integration with the Integrationsbeauftragte of all Kommunen, past
Sitzungen with Beschlüsse (some released to all actors) and one upcoming Sitzung. Seats without
a demo account stay vacant; no extra users are created.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page

from accounts.roles import CASE_MANAGEMENT
from knowledge.models import Kommune, Organisation
from spaces import demo_zielsysteme
from spaces.models import (
    Anwesenheit,
    Aufgabe,
    Beschluss,
    Gremium,
    Gremiumsdokument,
    Kommentar,
    Mitgliedschaft,
    Protokoll,
    Protokollpunkt,
    ProtokollStatus,
    Sitz,
    Sitzung,
    Tagesordnungspunkt,
    Zielsystem,
    gremium_collection,
)
from spaces.richtext import plain_to_html

KI = "Kommunales Integrationszentrum Märkischer Kreis"
AUFGABEN_USERS = ("casemanagement", "koordination")

# label, role, organisation name, Kommune slug, demo username (None: vacant)
LENKUNGSGRUPPE_SITZE = (
    (
        "Leitung des Fachbereichs Jugend und Bildung",
        "vorsitz",
        "Kreisjugendamt Märkischer Kreis",
        None,
        None,
    ),
    ("Leitung des Kommunalen Integrationszentrums", "stellvertretung", KI, None, None),
    (
        "Fachbereich Sicherheit und Ordnung",
        "mitglied",
        "Ausländerbehörde Märkischer Kreis",
        None,
        None,
    ),
    ("Stadt Iserlohn", "mitglied", None, "iserlohn", "ib-iserlohn"),
    ("Stadt Lüdenscheid", "mitglied", None, "luedenscheid", "ib-luedenscheid"),
    ("Weitere Kommune (im Wechsel)", "mitglied", None, "menden", None),
    (
        "Freie Wohlfahrtspflege (1)",
        "mitglied",
        "Migrationsberatung für Erwachsene Caritas Lüdenscheid",
        None,
        "partner",
    ),
    (
        "Freie Wohlfahrtspflege (2)",
        "mitglied",
        "Migrationsberatung für Erwachsene Diakonie Iserlohn",
        None,
        None,
    ),
    ("Agentur für Arbeit", "mitglied", "Agentur für Arbeit Iserlohn", None, None),
    (
        "Bundesamt für Migration und Flüchtlinge",
        "mitglied",
        "BAMF Regionalkoordination",
        None,
        None,
    ),
    ("Jobcenter", "mitglied", "Jobcenter Märkischer Kreis", None, None),
    (
        "Migrantenorganisationen und Ehrenamt",
        "mitglied",
        "Verein der Migrantenorganisationen im Märkischen Kreis",
        None,
        None,
    ),
    ("KIM-Koordination", "geschaeftsfuehrung", KI, None, "koordination"),
)

AG_SPRACHE_SITZE = (
    ("Volkshochschulen", "vorsitz", "Volkshochschule Lüdenscheid", None, None),
    ("KIM-Case Management", "mitglied", KI, None, "casemanagement"),
    (
        "Bundesamt für Migration und Flüchtlinge",
        "mitglied",
        "BAMF Regionalkoordination",
        None,
        None,
    ),
    ("KIM-Koordination", "geschaeftsfuehrung", KI, None, "koordination"),
)

AG_ARBEITSMARKT_SITZE = (
    ("Jobcenter", "vorsitz", "Jobcenter Märkischer Kreis", None, None),
    ("Agentur für Arbeit", "mitglied", "Agentur für Arbeit Werdohl", None, None),
    (
        "Migrationsberatung",
        "mitglied",
        "Migrationsberatung für Erwachsene Caritas Lüdenscheid",
        None,
        "partner",
    ),
    ("KIM-Koordination", "geschaeftsfuehrung", KI, None, "koordination"),
)


def load(home, stdout) -> None:
    today = timezone.localdate()
    lg = _gremium(
        slug="lenkungsgruppe",
        name="Lenkungsgruppe KIM",
        kind=Gremium.Kind.LENKUNGSGRUPPE,
        prefix="LG",
        mandate=(
            "Die Lenkungsgruppe steuert das Kommunale Integrationsmanagement im Märkischen "
            "Kreis. Sie beschließt die Strategie, setzt thematische Arbeitsgruppen ein und "
            "besetzt sie, beschließt Zielsysteme und bereitet politische Beschlüsse vor.\n\n"
            "Sie tagt zweimal im Jahr. Die Geschäfte führt die KIM-Koordination."
        ),
    )
    _sitze(lg, LENKUNGSGRUPPE_SITZE, today)

    first = _sitzung(
        lg,
        "1. Sitzung",
        today - datetime.timedelta(days=180),
        "durchgefuehrt",
        [
            "Begrüßung und Feststellung der Beschlussfähigkeit",
            "Bericht der KIM-Koordination: Meldebögen und Fallrekonstruktionen",
            "Einrichtung von Arbeitsgruppen zu den generativen Themen",
            "Grundsatzziel Sprache",
            "Verschiedenes",
        ],
    )
    second = _sitzung(
        lg,
        "2. Sitzung",
        today - datetime.timedelta(days=40),
        "durchgefuehrt",
        [
            "Begrüßung",
            "Berichte aus den Arbeitsgruppen Sprache und Arbeitsmarkt",
            "Zielsystem der Arbeitsgruppe Sprache: Beratung und Beschluss",
            "Verteilungsschlüssel für das Case Management",
            "Sachstandsbericht an den Ausschuss",
        ],
    )
    upcoming = _sitzung(
        lg,
        "3. Sitzung",
        today + datetime.timedelta(days=21),
        "eingeladen",
        [
            "Begrüßung und Genehmigung des Protokolls der 2. Sitzung",
            "Zielsystem der Arbeitsgruppe Arbeitsmarkt: Beratung und Beschluss",
            "Monitoring des Zielsystems Sprache",
            "Bericht zum Landescontrolling",
            "Termine im kommenden Jahr",
        ],
        keep_upcoming=True,
    )

    ag_sprache_beschluss = _beschluss(
        lg,
        first,
        "Einrichtung der Arbeitsgruppe Sprache",
        Beschluss.Status.UMGESETZT,
        True,
        "Die Lenkungsgruppe richtet eine Arbeitsgruppe Sprache ein. Sie beschreibt die "
        "Dienstleistungskette vom Ankommen bis zum Beginn eines Integrationskurses und schlägt "
        "ein Zielsystem vor.",
    )
    ag_arbeit_beschluss = _beschluss(
        lg,
        first,
        "Einrichtung der Arbeitsgruppe Arbeitsmarkt",
        Beschluss.Status.UMGESETZT,
        True,
        "Die Lenkungsgruppe richtet eine Arbeitsgruppe Arbeitsmarkt ein. Sie bearbeitet die "
        "Schnittstellen zwischen Jobcenter, Agentur für Arbeit und Ausländerbehörde.",
    )
    _beschluss(
        lg,
        first,
        "Grundsatzziel Integrationskurs",
        Beschluss.Status.IN_UMSETZUNG,
        True,
        "Jede berechtigte zugewanderte Person beginnt innerhalb von acht Wochen einen "
        "passenden Integrationskurs.",
        refers_to="Zielsystem der Arbeitsgruppe Sprache",
    )
    _beschluss(
        lg,
        second,
        "Verteilungsschlüssel Case Management",
        Beschluss.Status.OFFEN,
        False,
        "Die KIM-Koordination legt zur nächsten Sitzung einen aktualisierten "
        "Verteilungsschlüssel für die Stellen im Case Management vor.",
    )
    _beschluss(
        lg,
        second,
        "Sachstandsbericht an den Ausschuss",
        Beschluss.Status.OFFEN,
        False,
        "Der Sachstandsbericht geht als Mitteilungsvorlage zur Kenntnisnahme an den "
        "Ausschuss für Jugend, Bildung und Integration.",
    )

    zielsystem_beschluss = _beschluss(
        lg,
        second,
        "Zielsystem der Arbeitsgruppe Sprache",
        Beschluss.Status.IN_UMSETZUNG,
        True,
        "Die Lenkungsgruppe beschließt das Zielsystem Sprache der Arbeitsgruppe Sprache und "
        "gibt es für alle Akteure frei. Die KIM-Koordination berichtet zu jeder Sitzung über "
        "das Monitoring der Indikatoren.",
        refers_to="Zielsystem der Arbeitsgruppe Sprache",
    )

    ag_sprache = _gremium(
        slug="ag-sprache",
        name="Arbeitsgruppe Sprache",
        kind=Gremium.Kind.ARBEITSGRUPPE,
        prefix="AGS",
        theme="Sprache: Zugang zu Integrations- und Berufssprachkursen",
        mandate="Beschreibt die Dienstleistungskette bis zum Kursbeginn und schlägt ein "
        "Zielsystem vor.",
        parent=lg,
        established_by=ag_sprache_beschluss,
    )
    _sitze(ag_sprache, AG_SPRACHE_SITZE, today)
    ag_sprache_sitzung = _sitzung(
        ag_sprache,
        "Auftaktsitzung",
        today - datetime.timedelta(days=120),
        "durchgefuehrt",
        ["Auftrag der Lenkungsgruppe", "Dienstleistungskette Sprache", "Arbeitsplan"],
    )
    _beschluss(
        ag_sprache,
        ag_sprache_sitzung,
        "Arbeitsplan der Arbeitsgruppe Sprache",
        Beschluss.Status.IN_UMSETZUNG,
        False,
        "Die Arbeitsgruppe trifft sich alle sechs Wochen und legt der Lenkungsgruppe zur "
        "3. Sitzung einen Entwurf des Zielsystems vor.",
    )
    # The next meeting, so the members see it on their home page (issue 17).
    _sitzung(
        ag_sprache,
        "2. Sitzung",
        today + datetime.timedelta(days=14),
        "geplant",
        ["Stand der Kursplatzmeldungen", "Entwurf des Zielsystems", "Verschiedenes"],
        keep_upcoming=True,
    )

    ag_arbeit = _gremium(
        slug="ag-arbeitsmarkt",
        name="Arbeitsgruppe Arbeitsmarkt",
        kind=Gremium.Kind.ARBEITSGRUPPE,
        prefix="AGA",
        theme="Arbeit, Ausbildung und Qualifizierung",
        mandate="Bearbeitet die Schnittstellen zwischen den Rechtskreisen SGB II, SGB III und "
        "dem Aufenthaltsrecht beim Übergang in Arbeit.",
        parent=lg,
        established_by=ag_arbeit_beschluss,
    )
    _sitze(ag_arbeit, AG_ARBEITSMARKT_SITZE, today)

    fak = _gremium(
        slug="facharbeitskreis-integration",
        name="Facharbeitskreis Integration",
        kind=Gremium.Kind.FACHARBEITSKREIS,
        prefix="FAK",
        mandate="Die Integrationsbeauftragten der 15 Kommunen tauschen sich drei- bis viermal im "
        "Jahr aus und bringen Themen aus den Kommunen in das KIM ein.",
    )
    fak_sitze = [
        (f"Integrationsbeauftragte {k.name}", "mitglied", None, k.slug, f"ib-{k.slug}")
        for k in Kommune.objects.order_by("name")
    ]
    fak_sitze.append(("KIM-Koordination", "geschaeftsfuehrung", KI, None, "koordination"))
    _sitze(fak, fak_sitze, today)
    fak_sitzung = _sitzung(
        fak,
        "Sitzung im Frühjahr",
        today - datetime.timedelta(days=90),
        "durchgefuehrt",
        ["Berichte aus den Kommunen", "Kooperationsvereinbarungen: Stand der Evaluation"],
    )
    _beschluss(
        fak,
        fak_sitzung,
        "Themen für die Lenkungsgruppe",
        Beschluss.Status.UMGESETZT,
        False,
        "Der Facharbeitskreis bittet die KIM-Koordination, Wohnen und Gesundheit als Themen "
        "in die Lenkungsgruppe einzubringen.",
    )

    for past in (first, second, ag_sprache_sitzung, fak_sitzung):
        _protokoll(past, approved=past is not second)

    demo_zielsysteme.load(today, adopting=zielsystem_beschluss)
    _aufgaben(ag_sprache_sitzung, today)
    for past in (first, second, ag_sprache_sitzung, fak_sitzung):
        _anwesenheit(past)
        _beschluesse_an_top(past)
    _kommentare(second)
    _dokument(lg, upcoming)
    # The Arbeitsgruppe Arbeitsmarkt works on the transition into work: the Case Management
    # reads along (sharing, not membership).
    ag_arbeit.shared_groups.add(*Group.objects.filter(name=CASE_MANAGEMENT))

    stdout.write(
        f"{Gremium.objects.count()} Gremien, {Sitzung.objects.count()} Sitzungen "
        f"(nächste: {upcoming.gremium.name}, {timezone.localtime(upcoming.starts_at):%d.%m.%Y}), "
        f"{Beschluss.objects.count()} Beschlüsse, {Zielsystem.objects.count()} Zielsysteme."
    )


def _gremium(slug: str, **fields) -> Gremium:
    gremium, _created = Gremium.objects.update_or_create(slug=slug, defaults=fields)
    return gremium


def _sitze(gremium: Gremium, rows, today: datetime.date) -> None:
    User = get_user_model()
    usernames = {row[4] for row in rows if row[4]}
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    organisations = {o.name: o for o in Organisation.objects.filter(name__in={r[2] for r in rows})}
    kommunen = {k.slug: k for k in Kommune.objects.filter(slug__in={r[3] for r in rows})}
    for order, (label, role, organisation, kommune, username) in enumerate(rows):
        sitz, _created = Sitz.objects.update_or_create(
            gremium=gremium,
            label=label,
            defaults={
                "role": role,
                "organisation": organisations.get(organisation),
                "kommune": kommunen.get(kommune),
                "sort_order": order,
            },
        )
        user = users.get(username)
        if user is not None and not Mitgliedschaft.objects.filter(sitz=sitz).exists():
            Mitgliedschaft.objects.create(
                sitz=sitz, user=user, started_on=today - datetime.timedelta(days=365)
            )


def _sitzung(
    gremium: Gremium,
    title: str,
    day: datetime.date,
    status: str,
    agenda: list[str],
    keep_upcoming: bool = False,
) -> Sitzung:
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 0)))
    sitzung, created = Sitzung.objects.get_or_create(
        gremium=gremium,
        title=title,
        defaults={
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2),
            "location": "Kreishaus Lüdenscheid, Sitzungsraum 2",
            "video_url": "https://video.demo.kim-portal.invalid/" + gremium.slug,
            "status": status,
        },
    )
    if keep_upcoming and not sitzung.is_upcoming:
        sitzung.starts_at = starts_at
        sitzung.ends_at = starts_at + datetime.timedelta(hours=2)
        sitzung.save(update_fields=["starts_at", "ends_at"])
    if created:
        Tagesordnungspunkt.objects.bulk_create(
            Tagesordnungspunkt(sitzung=sitzung, title=item, sort_order=order)
            for order, item in enumerate(agenda)
        )
    return sitzung


def _beschluss(gremium, sitzung, title, status, shared, text, refers_to="") -> Beschluss:
    beschluss, _created = Beschluss.objects.get_or_create(
        gremium=gremium,
        title=title,
        defaults={
            "sitzung": sitzung,
            "decided_on": timezone.localtime(sitzung.starts_at).date(),
            "status": status,
            "shared_with_all": shared,
            "text": text,
            "refers_to": refers_to,
        },
    )
    return beschluss


def _aufgaben(sitzung: Sitzung, today: datetime.date) -> None:
    """Tasks from the minutes of the Arbeitsgruppe Sprache (one open per demo account)."""
    protokoll = sitzung.protokoll
    if protokoll.aufgaben.exists():
        return
    users = {u.username: u for u in get_user_model().objects.filter(username__in=AUFGABEN_USERS)}
    tops = list(sitzung.tagesordnung.order_by("sort_order"))
    rows = [
        (
            "casemanagement",
            "Drei Fälle mit langer Wartezeit auf den Kursbeginn aufbereiten",
            14,
            None,
        ),
        (
            "koordination",
            "Kursplatzmeldungen der fünf Volkshochschulen zusammenführen",
            28,
            None,
        ),
        ("koordination", "Auftrag der Lenkungsgruppe an alle Mitglieder versenden", -100, today),
    ]
    Aufgabe.objects.bulk_create(
        Aufgabe(
            protokoll=protokoll,
            tagesordnungspunkt=tops[min(order + 1, len(tops) - 1)] if tops else None,
            assignee=users[username],
            text=text,
            due_on=today + datetime.timedelta(days=due),
            status=Aufgabe.Status.ERLEDIGT if done else Aufgabe.Status.OFFEN,
            done_at=timezone.make_aware(datetime.datetime.combine(done, datetime.time(9)))
            if done
            else None,
            sort_order=order,
            notified_assignee=users[username],  # demo tasks send no e-mail
        )
        for order, (username, text, due, done) in enumerate(rows)
        if username in users
    )


def _protokoll(sitzung: Sitzung, approved: bool) -> None:
    """Minutes with one entry per agenda item; approved ones, or one circulated for comments."""
    protokoll, created = Protokoll.objects.get_or_create(
        sitzung=sitzung,
        defaults={
            "attendance": "Siehe Sitzliste; die KIM-Koordination führt das Protokoll.",
            "status": ProtokollStatus.GENEHMIGT if approved else ProtokollStatus.VERTEILT,
        },
    )
    if created:
        Protokollpunkt.objects.bulk_create(
            Protokollpunkt(
                protokoll=protokoll,
                tagesordnungspunkt=top,
                discussion=plain_to_html(
                    f"Die Mitglieder beraten „{top.title}“. Ergebnis siehe Beschlüsse."
                ),
                sort_order=top.sort_order,
            )
            for top in sitzung.tagesordnung.order_by("sort_order")
        )
    if protokoll.status == ProtokollStatus.GENEHMIGT:
        # The approved minutes make the Sitzung's Beschlüsse part of the record.
        Beschluss.objects.filter(sitzung=sitzung, festgestellt_am__isnull=True).update(
            festgestellt_am=timezone.now()
        )


def _anwesenheit(sitzung: Sitzung) -> None:
    """Attendance per seat: the holders were present, vacant seats excused, one seat
    represented, one guest."""
    protokoll = sitzung.protokoll
    if protokoll.anwesenheiten.exists():
        return
    on = timezone.localtime(sitzung.starts_at).date()
    holders = {
        m.sitz_id: m.user.get_full_name() or m.user.get_username()
        for m in Mitgliedschaft.objects.active(on)
        .filter(sitz__gremium_id=sitzung.gremium_id)
        .select_related("user")
    }
    lines = []
    represented = False
    for order, sitz in enumerate(sitzung.gremium.sitze.order_by("sort_order", "pk")):
        if sitz.pk in holders:
            lines.append(Anwesenheit(sitz=sitz, name=holders[sitz.pk], status="anwesend"))
        elif not represented and sitz.role == Sitz.Role.MITGLIED:
            represented = True
            lines.append(
                Anwesenheit(sitz=sitz, status="vertreten", vertreten_durch="Vertretung des Trägers")
            )
        else:
            lines.append(Anwesenheit(sitz=sitz, status="entschuldigt"))
        lines[-1].sort_order = order
    lines.append(
        Anwesenheit(
            name="Gast: Regionalkoordination des Landes NRW",
            status="anwesend",
            sort_order=len(lines),
        )
    )
    for line in lines:
        line.protokoll = protokoll
    Anwesenheit.objects.bulk_create(lines)
    Protokoll.objects.filter(pk=protokoll.pk).update(attendance="")


def _beschluesse_an_top(sitzung: Sitzung) -> None:
    """Put each Beschluss of the Sitzung under the agenda item whose title shares its subject
    (else the last item but one), so the minutes show them per TOP."""
    tops = list(sitzung.tagesordnung.order_by("sort_order"))
    if not tops:
        return

    def words(text: str) -> set[str]:
        return {w.strip(":,.()").lower() for w in text.split() if len(w) > 5}

    for beschluss in sitzung.beschluesse.filter(tagesordnungspunkt__isnull=True):
        wanted = words(beschluss.title)
        best = max(tops, key=lambda top: len(wanted & words(top.title)))
        if not wanted & words(best.title):
            best = tops[max(len(tops) - 2, 0)]
        Beschluss.objects.filter(pk=beschluss.pk).update(tagesordnungspunkt=best)


def _kommentare(sitzung: Sitzung) -> None:
    """Comments on the circulated minutes of the Lenkungsgruppe's 2. Sitzung."""
    protokoll = sitzung.protokoll
    if protokoll.kommentare.exists():
        return
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=("ib-iserlohn", "partner"))
    }
    top = sitzung.tagesordnung.filter(title__startswith="Verteilungsschlüssel").first()
    if "ib-iserlohn" in users:
        Kommentar.objects.create(
            protokoll=protokoll,
            tagesordnungspunkt=top,
            author=users["ib-iserlohn"],
            text="Bitte ergänzen: Iserlohn hat um eine zusätzliche halbe Stelle gebeten.",
        )
    if "partner" in users:
        Kommentar.objects.create(
            protokoll=protokoll,
            author=users["partner"],
            text="Für die Freie Wohlfahrtspflege einverstanden.",
        )


def _dokument(gremium: Gremium, sitzung: Sitzung) -> None:
    """A working paper in the Lenkungsgruppe's space, linked from the upcoming agenda together
    with the Handlungskonzept page."""
    from knowledge.models import KnowledgeDocument

    if not gremium.dokumente.exists():
        document = KnowledgeDocument(
            title="Entwurf Bericht zum Landescontrolling",
            collection=gremium_collection(gremium),
        )
        document.file.save(
            "entwurf-landescontrolling.txt",
            ContentFile(
                "Entwurf des Berichts zum Landescontrolling: Fallzahlen, Meldebögen, "
                "Stand der Zielsysteme. Nur für die Lenkungsgruppe.".encode()
            ),
            save=False,
        )
        document.save()
        Gremiumsdokument.objects.create(gremium=gremium, document=document)
    entry = gremium.dokumente.select_related("document").first()
    top = sitzung.tagesordnung.filter(title__startswith="Bericht zum Landescontrolling").first()
    if top is not None and top.document_id is None:
        top.document = entry.document
        top.save(update_fields=["document"])
    konzept = Page.objects.filter(slug="handlungskonzept").live().first()
    top = sitzung.tagesordnung.filter(title__startswith="Monitoring").first()
    if top is not None and konzept is not None and top.page_id is None:
        top.page = konzept
        top.save(update_fields=["page"])
