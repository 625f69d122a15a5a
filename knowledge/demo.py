"""Demo content of the knowledge base (run by ``manage.py load_demo``; idempotent).

Pages that already exist are left alone, so editors' changes in a demo database survive;
snippets are updated in place.
"""

import datetime
from html import escape

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from accounts.roles import KOORDINATION
from knowledge.demo_texts import FAQ, HANDLUNGSKONZEPT
from knowledge.models import (
    FaqPage,
    FaqQuestion,
    GuidancePage,
    Handlungsfeld,
    HandlungskonzeptPage,
    Kommune,
    Kooperationsvereinbarung,
    Organisation,
    Sprache,
    Zielgruppe,
)
from knowledge.models.faq import german_slug
from knowledge.skeleton import knowledge_index

HANDLUNGSFELDER = (
    "Vielfalt und Akzeptanz",
    "Bildung und Sprache",
    "Gesellschaftliche Teilhabe",
    "Arbeitsmarkt",
)


def load(home: Page, stdout) -> None:
    handlungsfelder = {
        name: Handlungsfeld.objects.update_or_create(name=name, defaults={"sort_order": i})[0]
        for i, name in enumerate(HANDLUNGSFELDER, start=1)
    }
    # The Wissensbereich of the site skeleton (home.skeleton, run by load_demo first).
    index = knowledge_index(home) or _missing_skeleton()
    konzept = _child(index, HandlungskonzeptPage, "handlungskonzept") or _publish(
        index,
        HandlungskonzeptPage(
            title="Handlungskonzept KIM Märkischer Kreis",
            slug="handlungskonzept",
            search_description="Das Konzept des Kreises für das Kommunale Integrationsmanagement.",
            stand=datetime.date(2026, 6, 1),
            responsible_unit="KIM-Koordination im Kommunalen Integrationszentrum",
            intro="<p>Beschlossen von der Lenkungsgruppe; fortgeschrieben von der "
            "KIM-Koordination.</p>",
            body=handlungskonzept_body(HANDLUNGSKONZEPT),
            change_note="Erste Fassung im Portal: Beschluss der Lenkungsgruppe vom 12.05.2026.",
        ),
    )
    if not _child(index, FaqPage, "faq"):
        faq = FaqPage(
            title="Häufige Fragen zum KIM",
            slug="faq",
            search_description="Antworten auf häufige Fragen, nach Themen geordnet.",
            intro="<p>Fehlt eine Frage oder ist eine Antwort unklar? Geben Sie uns unter jeder "
            "Antwort eine kurze Rückmeldung.</p>",
        )
        checked = timezone.localdate() - datetime.timedelta(days=30)
        faq.questions = [
            FaqQuestion(
                topic=topic, question=question, answer=answer, source=source, last_checked=checked
            )
            for topic, question, answer, source in faq_entries(FAQ)
        ]
        _publish(index, faq)
    _load_guidance(index, konzept, handlungsfelder)
    count = _load_agreements()
    _load_directory_details()
    stdout.write(f"Wissen: Handlungskonzept, FAQ, Arbeitshilfen und {count} Vereinbarungen.")


def _missing_skeleton():
    raise LookupError("No Wissensbereich: run the site skeleton (home.skeleton) first.")


def handlungskonzept_body(text: str) -> list[dict]:
    """Chapters in StreamField's raw format from the "# chapter / ## section" text."""
    chapters: list[dict] = []
    for chapter_text in text.split("\n# ")[1:]:
        title, _, rest = chapter_text.partition("\n")
        sections = []
        for section_text in rest.split("\n## ")[1:]:
            section_title, _, body = section_text.partition("\n")
            sections.append({"title": section_title.strip(), "body": _paragraphs(body)})
        chapters.append(
            {
                "type": "chapter",
                "value": {"title": title.strip(), "intro": "", "sections": sections},
            }
        )
    return chapters


def faq_entries(text: str) -> list[tuple[str, str, str, str]]:
    """(topic, question, answer as HTML, source) from the "= / ? / @" text."""
    entries = []
    topic = ""
    for block in text.strip().split("\n\n"):
        lines = block.strip().splitlines()
        if lines and lines[0].startswith("= "):
            topic = lines.pop(0)[2:].strip()
        if not lines:
            continue
        question = lines[0][2:].strip()
        source = lines[-1][2:].strip() if lines[-1].startswith("@ ") else ""
        answer_lines = lines[1:-1] if source else lines[1:]
        entries.append((topic, question, _paragraphs("\n".join(answer_lines)), source))
    return entries


def _paragraphs(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)


def _child(parent: Page, page_class, slug: str):
    return page_class.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _load_guidance(index, konzept, handlungsfelder) -> None:
    if not _child(index, GuidancePage, "meldebogen-leitfaden"):
        page = GuidancePage(
            title="Leitfaden: Integrationshürden melden",
            slug="meldebogen-leitfaden",
            kind=GuidancePage.Kind.LEITFADEN,
            intro="Wie Sie mit dem Meldebogen eine Integrationshürde beschreiben, ohne "
            "personenbezogene Daten zu nennen.",
            search_description="Der Meldebogen Schritt für Schritt.",
            responsible_unit="KIM-Koordination",
            body=[
                {"type": "heading", "value": {"text": "Worum es geht", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": "<p>Mit dem Meldebogen machen Sie sichtbar, wo Abläufe zwischen "
                    "Stellen nicht funktionieren. Aus vielen Meldungen erkennt die "
                    "KIM-Koordination wiederkehrende Themen (siehe "
                    f'<a linktype="handlungskonzept-section" id="{konzept.pk}" '
                    'anchor="kapitel-5-2">Handlungskonzept, Abschnitt 5.2</a>).</p>',
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "wichtig",
                        "title": "Keine personenbezogenen Daten",
                        "text": "<p>Beschreiben Sie die Situation, nie die Person: keine Namen, "
                        "Geburtsdaten, Aktenzeichen oder Adressen.</p>",
                    },
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "Was in den Meldebogen gehört",
                        "columns": ["Angabe", "Beispiel", "Erlaubt?"],
                        "rows": [
                            ["Situation", "Wartezeit auf einen Integrationskurs", "ja"],
                            ["Beteiligte Stellen", "Jobcenter, Ausländerbehörde", "ja"],
                            ["Kommune", "Werdohl", "ja"],
                            ["Name der Person", "–", "nein"],
                            ["Aktenzeichen", "–", "nein"],
                        ],
                        "first_column_is_header": True,
                    },
                },
                {
                    "type": "page_link",
                    "value": {
                        "page": konzept.pk,
                        "anchor": "kapitel-5-1",
                        "label": "Handlungskonzept, Abschnitt 5.1: Meldung von Integrationshürden",
                    },
                },
            ],
        )
        page.handlungsfelder = [handlungsfelder["Gesellschaftliche Teilhabe"]]
        page.tags.add("Meldebogen", "Systemebene", "Datenschutz")
        _publish(index, page)
    if not _child(index, GuidancePage, "jobcenter-auslaenderbehoerde"):
        page = GuidancePage(
            title="Arbeitshilfe: Zusammenarbeit von Jobcenter und Ausländerbehörde",
            slug="jobcenter-auslaenderbehoerde",
            kind=GuidancePage.Kind.ARBEITSHILFE,
            intro="Ansprechpersonen und Abläufe, wenn eine Arbeitsaufnahme vom Aufenthaltstitel "
            "abhängt.",
            responsible_unit="Arbeitsgruppe Arbeitsmarkt und Aufenthalt",
            body=[
                {
                    "type": "paragraph",
                    "value": "<p>Die Arbeitsgruppe hat die Dienstleistungskette zwischen "
                    "Jobcenter und Ausländerbehörde beschrieben. Diese Arbeitshilfe fasst die "
                    "vereinbarten Schritte zusammen.</p>",
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "Zuständige Ausländerbehörde nach Wohnort",
                        "columns": ["Wohnort", "Ausländerbehörde"],
                        "rows": [
                            ["Iserlohn", "Ausländerbehörde Iserlohn"],
                            ["alle anderen Kommunen", "Ausländerbehörde Märkischer Kreis"],
                        ],
                        "first_column_is_header": True,
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "tipp",
                        "title": "",
                        "text": "<p>Klären Sie die Beschäftigungserlaubnis vor dem "
                        "Vermittlungsgespräch.</p>",
                    },
                },
            ],
        )
        page.handlungsfelder = [handlungsfelder["Arbeitsmarkt"]]
        page.tags.add("Jobcenter", "Ausländerbehörde", "Beschäftigungserlaubnis")
        _publish(index, page)
    internal = _child(index, GuidancePage, "fallrekonstruktion-auswahl")
    if not internal:
        internal = GuidancePage(
            title="Interne Arbeitshilfe: Fälle für die Fallrekonstruktion auswählen",
            slug="fallrekonstruktion-auswahl",
            kind=GuidancePage.Kind.ARBEITSHILFE,
            intro="Kriterien der KIM-Koordination für die Auswahl von Fällen (nur intern).",
            responsible_unit="KIM-Koordination",
            body=[
                {
                    "type": "paragraph",
                    "value": "<p>Ausgewählt werden Fälle, deren Hürde mehrfach gemeldet wurde, an "
                    "denen mindestens zwei Rechtskreise beteiligt sind und deren Stellen zur "
                    "Mitwirkung bereit sind.</p>",
                },
            ],
        )
        internal.handlungsfelder = [handlungsfelder["Gesellschaftliche Teilhabe"]]
        _publish(index, internal)
    restriction, _ = PageViewRestriction.objects.get_or_create(
        page=internal, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=KOORDINATION)])


# (status, signed months ago, next evaluation in days from today or None)
AGREEMENT_PLAN = (
    ("unterzeichnet", 20, 200),
    ("unterzeichnet", 23, 30),
    ("in_evaluation", 26, -20),
    ("unterzeichnet", 14, 400),
    ("in_verhandlung", None, None),
    ("unterzeichnet", 25, -45),
    ("unterzeichnet", 18, 55),
    ("ausgelaufen", 40, None),
    ("unterzeichnet", 12, 300),
)


def _load_agreements() -> int:
    today = timezone.localdate()
    count = 0
    for i, kommune in enumerate(Kommune.objects.order_by("name")):
        status, months, evaluation_days = AGREEMENT_PLAN[i % len(AGREEMENT_PLAN)]
        signed = today - datetime.timedelta(days=30 * months) if months else None
        Kooperationsvereinbarung.objects.update_or_create(
            kommune=kommune,
            organisation=None,
            defaults={
                "parties": f"Märkischer Kreis, vertreten durch den Landrat\n"
                f"Stadt/Gemeinde {kommune.name}, vertreten durch die Bürgermeisterin "
                f"oder den Bürgermeister",
                "status": status,
                "signed_on": signed,
                "valid_from": signed,
                "valid_until": signed + datetime.timedelta(days=365 * 3)
                if status == "ausgelaufen"
                else None,
                "next_evaluation_on": today + datetime.timedelta(days=evaluation_days)
                if evaluation_days is not None
                else None,
                "text": _agreement_text(kommune.name),
            },
        )
        count += 1
    jobcenter = Organisation.objects.filter(kind=Organisation.Kind.JOBCENTER).first()
    werdohl = Kommune.objects.filter(slug="werdohl").first()
    if jobcenter and werdohl:
        Kooperationsvereinbarung.objects.update_or_create(
            kommune=werdohl,
            organisation=jobcenter,
            defaults={
                "parties": f"Märkischer Kreis\nStadt Werdohl\n{jobcenter.name}",
                "status": "unterzeichnet",
                "signed_on": today - datetime.timedelta(days=200),
                "valid_from": today - datetime.timedelta(days=200),
                "next_evaluation_on": today + datetime.timedelta(days=160),
                "text": "<p>Das Jobcenter benennt eine feste Ansprechperson für das "
                "KIM-Case Management in Werdohl und nimmt an Fallrekonstruktionen teil.</p>",
            },
        )
        count += 1
    return count


def _agreement_text(name: str) -> str:
    return (
        f"<h3>Gegenstand</h3><p>Der Märkische Kreis und {escape(name)} arbeiten im Kommunalen "
        "Integrationsmanagement zusammen.</p>"
        "<h3>Aufgaben der Kommune</h3><ul><li>stellt Räume für das Case Management vor Ort "
        "bereit</li><li>benennt eine Integrationsbeauftragte oder einen "
        "Integrationsbeauftragten</li><li>meldet Integrationshürden an die KIM-Koordination</li>"
        "</ul><h3>Aufgaben des Kreises</h3><ul><li>setzt Case Managerinnen und Case Manager nach "
        "dem Verteilungsschlüssel ein</li><li>informiert regelmäßig über die Ergebnisse der "
        "Lenkungsgruppe</li></ul><h3>Evaluation</h3><p>Die Vereinbarung wird spätestens alle "
        "zwei Jahre gemeinsam ausgewertet.</p>"
    )


# Target groups by type of service (slugs of knowledge.Zielgruppe, seeded by migration 0009).
ZIELGRUPPEN_BY_KIND = {
    "mbe": ("erwachsene", "familien", "gefluechtete"),
    "jmd": ("jugendliche", "familien", "gefluechtete"),
    "fluechtlingsberatung": ("gefluechtete", "erwachsene", "familien"),
    "integrationsagentur": ("fachkraefte", "erwachsene"),
    "vhs": ("erwachsene", "jugendliche"),
    "jobcenter": ("erwachsene", "familien"),
    "arbeitsagentur": ("erwachsene", "jugendliche"),
    "jugendamt": ("kinder", "jugendliche", "familien"),
    "abh": ("erwachsene", "gefluechtete"),
    "ebh": ("erwachsene",),
    "bamf": ("fachkraefte",),
    "mso": ("erwachsene", "familien", "frauen"),
}
SPRACHEN_BY_KIND = {
    "mbe": ("deutsch", "englisch", "arabisch", "tuerkisch", "russisch"),
    "jmd": ("deutsch", "englisch", "arabisch", "ukrainisch"),
    "fluechtlingsberatung": ("deutsch", "englisch", "arabisch", "persisch", "tigrinya"),
    "mso": ("deutsch", "tuerkisch", "arabisch", "kurdisch"),
}
# Illustrative contact details (demo data, not an official directory).
DIRECTORY_DETAILS = {
    "Migrationsberatung für Erwachsene Diakonie Iserlohn": {
        "street": "Piepenstockstraße 10",
        "postcode": "58636",
        "phone": "02371 795-210",
        "opening_hours": "Iserlohn: Mo–Do 9–12 Uhr und nach Vereinbarung\n"
        "Sprechstunde in Balve: dienstags 14–16 Uhr im Rathaus Balve, Widukindplatz 1",
    },
    "Migrationsberatung für Erwachsene Caritas Lüdenscheid": {
        "street": "Graf-Engelbert-Straße 18",
        "postcode": "58511",
        "phone": "02351 9050-30",
        "opening_hours": "Mo, Mi, Fr 9–12 Uhr; Do 14–17 Uhr",
    },
    "Migrationsberatung für Erwachsene AWO Werdohl": {
        "street": "Freiheitstraße 5",
        "postcode": "58791",
        "phone": "02392 5021-40",
        "opening_hours": "Di und Do 9–13 Uhr",
    },
    "Jugendmigrationsdienst Märkischer Kreis": {
        "street": "Altenaer Straße 24",
        "postcode": "58507",
        "phone": "02351 6789-0",
        "opening_hours": "Mo–Fr 10–16 Uhr, offene Sprechstunde mittwochs 14–17 Uhr",
    },
    "Flüchtlingsberatung Caritas": {
        "street": "Lüdenscheider Straße 31",
        "postcode": "58762",
        "phone": "02352 9198-15",
        "opening_hours": "Mo und Mi 9–12 Uhr",
    },
}


def _load_directory_details() -> None:
    """Contact details, target groups and languages for every demo organisation."""
    zielgruppen = {z.slug: z for z in Zielgruppe.objects.all()}
    sprachen = {s.slug: s for s in Sprache.objects.all()}
    for organisation in Organisation.objects.all():
        details = DIRECTORY_DETAILS.get(organisation.name, {})
        slug = german_slug(organisation.name)[:40].strip("-")
        organisation.street = details.get("street", organisation.street)
        organisation.postcode = details.get("postcode", organisation.postcode)
        organisation.phone = details.get("phone", organisation.phone)
        organisation.opening_hours = details.get(
            "opening_hours", organisation.opening_hours or "nach telefonischer Vereinbarung"
        )
        organisation.email = organisation.email or f"{slug}@demo.kim-portal.invalid"
        organisation.website = organisation.website or f"https://{slug}.demo.kim-portal.invalid/"
        organisation.save()
        organisation.zielgruppen.set(
            [
                zielgruppen[s]
                for s in ZIELGRUPPEN_BY_KIND.get(organisation.kind, ())
                if s in zielgruppen
            ]
        )
        organisation.sprachen.set(
            [
                sprachen[s]
                for s in SPRACHEN_BY_KIND.get(organisation.kind, ("deutsch",))
                if s in sprachen
            ]
        )
