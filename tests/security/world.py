"""The data of the permission matrix: one user per role and one restricted object of every kind,
each carrying a unique marker word in its title or text, so that "appears" can be checked by
substring in every channel (page, listing, search, feed, export, e-mail, file, admin)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from accounts import roles
from accounts.leavers import deactivate
from cycle.models import Fallrekonstruktion, GenerativesThema
from forms.models import Anhang, Meldebogen, Notiz, Rueckfrage, Status, Thema
from home.models import HomePage
from knowledge.models import (
    GuidancePage,
    HandlungskonzeptPage,
    KnowledgeIndexPage,
    Kommune,
    Kooperationsvereinbarung,
)
from spaces.models import (
    Aufgabe,
    Beschluss,
    Gremium,
    Gremiumsdokument,
    Kommentar,
    Mitgliedschaft,
    Protokoll,
    Protokollpunkt,
    Sitz,
    Sitzung,
    Tagesordnungspunkt,
    Zielsystem,
)

PASSWORD = "matrix-password-123"  # noqa: S105
SHARED_GROUP = "Lesegruppe Matrix"  # a group Gremium A is shared with, and no role of its own

#: Row keys of the matrix -> (group name or None, what the row stands for).
ROLE_ROWS: dict[str, tuple[str | None, str]] = {
    "koordination": (roles.KOORDINATION, "KIM-Koordination"),
    "case_management": (roles.CASE_MANAGEMENT, "Case Management (nicht Verfasser)"),
    "externe_partner": (roles.EXTERNE_PARTNER, "Externe Partner"),
    "integrationsbeauftragte": (roles.INTEGRATIONSBEAUFTRAGTE, "Integrationsbeauftragte"),
    "mitglied_a": (roles.INTEGRATIONSBEAUFTRAGTE, "Mitglied des Gremiums A"),
    "mitglied_b": (roles.EXTERNE_PARTNER, "Mitglied des Gremiums B"),
    "ehemalig_a": (roles.EXTERNE_PARTNER, "Mitgliedschaft in A beendet"),
    "angemeldet": (None, "angemeldet, ohne Rolle"),
    "verfasser": (roles.CASE_MANAGEMENT, "Verfasser der Meldebögen"),
    "geteilt_person": (None, "Gremium A mit der Person geteilt"),
    "geteilt_gruppe": (SHARED_GROUP, "Gremium A mit ihrer Gruppe geteilt"),
    "deaktiviert": (roles.KOORDINATION, "KIM-Koordination, Konto deaktiviert"),
    "anonym": (None, "nicht angemeldet"),
}
#: Rows whose account is deactivated (``is_active=False``) after its session began.
DEACTIVATED = frozenset({"deaktiviert"})


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)
    urls: dict[str, list[str]] = field(default_factory=dict)
    admin_urls: dict[str, list[str]] = field(default_factory=dict)
    file_urls: dict[str, list[str]] = field(default_factory=dict)
    api_urls: dict[str, list[str]] = field(default_factory=dict)
    table_urls: list[str] = field(default_factory=list)  # CSV/XLSX downloads
    pdf_urls: list[str] = field(default_factory=list)

    def user(self, role: str):
        if role == "anonym":
            return AnonymousUser()
        # A fresh instance: no principals or visibility cached from earlier requests.
        return type(self.users[role]).objects.get(pk=self.users[role].pk)

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonym":
            # The session of a deactivated account began while it was active: Django's
            # ModelBackend, which logged it in, must not accept it any more.
            client.force_login(self.users[role], backend="accounts.backends.ModelBackend")
        return client


def _make_users(world: World) -> None:
    user_model = get_user_model()
    for key, (group_name, _label) in ROLE_ROWS.items():
        if key == "anonym":
            continue
        user = user_model.objects.create_user(
            username=f"matrix-{key}",
            password=PASSWORD,
            email=f"matrix-{key}@example.org",
            first_name=key.replace("_", " ").title(),
        )
        if group_name:
            user.groups.add(Group.objects.get_or_create(name=group_name)[0])
        if key in DEACTIVATED:
            # the way the KIM-Koordination deactivates a leaver (accounts/leavers.py)
            deactivate([user])
        world.users[key] = user


def _seat(gremium: Gremium, user, started: int = 60, ended: int | None = None, role=None) -> Sitz:
    sitz = Sitz.objects.create(gremium=gremium, role=role or Sitz.Role.MITGLIED, label="Sitz")
    today = timezone.localdate()
    Mitgliedschaft.objects.create(
        sitz=sitz,
        user=user,
        started_on=today - datetime.timedelta(days=started),
        ended_on=today - datetime.timedelta(days=ended) if ended is not None else None,
    )
    return sitz


def _spaces(world: World) -> None:
    users = world.users
    gremium_a = Gremium.objects.create(
        name="Arbeitsgruppe Mxgremiumq",
        slug="ag-matrix",
        prefix="AGM",
        kind=Gremium.Kind.ARBEITSGRUPPE,
        mandate="Auftrag der Arbeitsgruppe.",
    )
    gremium_b = Gremium.objects.create(
        name="Arbeitsgruppe Wohnen Matrix",
        slug="ag-wohnen-matrix",
        prefix="AGW",
        kind=Gremium.Kind.ARBEITSGRUPPE,
    )
    _seat(gremium_a, users["mitglied_a"])
    _seat(gremium_a, users["ehemalig_a"], started=400, ended=10)
    _seat(gremium_b, users["mitglied_b"])
    gremium_a.shared_users.add(users["geteilt_person"])
    gremium_a.shared_groups.add(Group.objects.get(name=SHARED_GROUP))
    now = timezone.now()
    kommende = Sitzung.objects.create(
        gremium=gremium_a, title="Mxsitzungq Sitzung", starts_at=now + datetime.timedelta(days=12)
    )
    Tagesordnungspunkt.objects.create(sitzung=kommende, title="Begrüßung", sort_order=0)
    vergangene = Sitzung.objects.create(
        gremium=gremium_a,
        title="Vergangene Sitzung",
        starts_at=now - datetime.timedelta(days=20),
        status=Sitzung.Status.DURCHGEFUEHRT,
    )
    top = Tagesordnungspunkt.objects.create(sitzung=vergangene, title="Sprachkurse", sort_order=0)
    entwurf_sitzung = Sitzung.objects.create(
        gremium=gremium_a,
        title="Sitzung mit Entwurf",
        starts_at=now - datetime.timedelta(days=5),
        status=Sitzung.Status.DURCHGEFUEHRT,
    )
    top_entwurf = Tagesordnungspunkt.objects.create(
        sitzung=entwurf_sitzung, title="Wohnen", sort_order=0
    )
    # Written as a draft and approved afterwards: approved minutes are frozen (spaces' record).
    protokoll = Protokoll.objects.create(sitzung=vergangene, status="entwurf")
    Protokollpunkt.objects.create(
        protokoll=protokoll, tagesordnungspunkt=top, discussion="Beraten: Mxprotokollq."
    )
    aufgabe = Aufgabe.objects.create(
        protokoll=protokoll,
        tagesordnungspunkt=top,
        assignee=users["mitglied_a"],
        text="Mxaufgabeq klären",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    aufgabe_ehemalig = Aufgabe.objects.create(
        protokoll=protokoll,
        assignee=users["ehemalig_a"],
        text="Mxaltaufgabeq nachreichen",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    kommentar = Kommentar.objects.create(
        protokoll=protokoll, author=users["mitglied_a"], text="Ergänzung: Mxkommentarq."
    )
    Protokoll.objects.filter(pk=protokoll.pk).update(status="genehmigt")
    protokoll.refresh_from_db()
    entwurf = Protokoll.objects.create(sitzung=entwurf_sitzung, status="entwurf")
    Protokollpunkt.objects.create(
        protokoll=entwurf, tagesordnungspunkt=top_entwurf, discussion="Entwurf: Mxentwurfq."
    )
    beschluss = Beschluss.objects.create(
        gremium=gremium_a,
        sitzung=vergangene,
        title="Mxbeschlussq Einrichtung",
        text="Interner Wortlaut.",
        decided_on=timezone.localdate(vergangene.starts_at),
    )
    zielsystem = Zielsystem.objects.create(gremium=gremium_a, title="Mxzielsystemq Sprache")
    # The document goes in through the space's upload view, as a member would put it there.
    client = world.client("koordination")
    response = client.post(
        f"{gremium_a.get_absolute_url()}dokumente/",
        {
            "title": "Mxdokumentq Sachstand",
            "file": SimpleUploadedFile(
                "mxdateiq.txt", b"Inhalt: Mxdokumentq", content_type="text/plain"
            ),
        },
    )
    assert response.status_code == 302, response.content
    dokument = Gremiumsdokument.objects.select_related("document").get(gremium=gremium_a)
    world.objects.update(
        gremium=gremium_a,
        gremium_b=gremium_b,
        sitzung=kommende,
        vergangene=vergangene,
        protokoll=protokoll,
        protokoll_entwurf=entwurf,
        aufgabe=aufgabe,
        aufgabe_ehemalig=aufgabe_ehemalig,
        kommentar=kommentar,
        beschluss=beschluss,
        zielsystem=zielsystem,
        dokument=dokument,
    )
    world.urls.update(
        gremium=[gremium_a.get_absolute_url()],
        sitzung=[kommende.get_absolute_url()],
        protokoll=[vergangene.get_absolute_url()],
        protokoll_entwurf=[entwurf_sitzung.get_absolute_url()],
        aufgabe=[vergangene.get_absolute_url()],
        aufgabe_ehemalig=[vergangene.get_absolute_url()],
        kommentar=[vergangene.get_absolute_url()],
        beschluss=[beschluss.get_absolute_url()],
        zielsystem=[zielsystem.get_absolute_url()],
        dokument=[f"{gremium_a.get_absolute_url()}dokumente/"],
    )
    world.file_urls["dokument"] = [dokument.get_absolute_url(), dokument.document.url]


def _forms_and_cycle(world: World) -> None:
    users = world.users
    werdohl = Kommune.objects.create(name="Werdohl", slug="werdohl", ags="05962060")
    world.objects["kommune"] = werdohl
    meldebogen = Meldebogen.objects.create(
        owner=users["verfasser"],
        status=Status.EINGEGANGEN,
        reference="MB-2026-7341",
        submitted_at=timezone.now() - datetime.timedelta(days=3),
        organisation_name="Migrationsberatung",
        rolle="Beratung",
        thema=Thema.objects.get(name="Sprache"),
        situation="Wartezeit beim Kursträger: Mxmeldebogenq.",
        haeufigkeit="haeufig",
    )
    meldebogen.kommunen.add(werdohl)
    entwurf = Meldebogen(
        owner=users["verfasser"],
        organisation_name="Migrationsberatung",
        situation="Noch nicht eingereicht: Mxmeldeentwurfq.",
    )
    entwurf.touch_draft()
    entwurf.save()
    anhang = Anhang.objects.create(
        meldebogen=meldebogen,
        file=ContentFile(b"Anlage: Mxanhangq", name="anlage.txt"),
        original_name="mxanhangq.txt",
        content_type="text/plain",
        size=17,
    )
    anhang_entwurf = Anhang.objects.create(
        meldebogen=entwurf,
        file=ContentFile(b"Entwurf: Mxentwurfsanhangq", name="entwurf.txt"),
        original_name="mxentwurfsanhangq.txt",
        content_type="text/plain",
        size=26,
    )
    rueckfrage = Rueckfrage.objects.create(
        meldebogen=meldebogen,
        asked_by=users["koordination"],
        question="Rückfrage: Mxrueckfrageq?",
    )
    notiz = Notiz.objects.create(
        meldebogen=meldebogen, author=users["koordination"], text="Interne Notiz: Mxnotizq."
    )
    rekonstruktion = Fallrekonstruktion.objects.create(
        title="Mxrekonstruktionq Werdohl",
        date=timezone.localdate() + datetime.timedelta(days=7),
        place="Kreishaus",
        purpose="Den Weg zum Kurs nachvollziehen.",
        moderator=users["koordination"],
    )
    thema = GenerativesThema.objects.create(
        title="Mxthemaq Wartezeiten", description="Interne Beschreibung."
    )
    world.objects.update(
        meldebogen=meldebogen,
        meldebogen_entwurf=entwurf,
        notiz=notiz,
        anhang=anhang,
        anhang_entwurf=anhang_entwurf,
        rueckfrage=rueckfrage,
        fallrekonstruktion=rekonstruktion,
        generatives_thema=thema,
    )
    triage = f"/meldeboegen/sichtung/{meldebogen.pk}/"
    world.urls.update(
        meldebogen=[meldebogen.get_absolute_url(), triage],
        meldebogen_entwurf=[
            f"/meldeboegen/{entwurf.pk}/",
            f"/meldeboegen/{entwurf.pk}/schritt/situation/",
            f"/meldeboegen/{entwurf.pk}/schritt/pruefen/",
            f"/meldeboegen/sichtung/{entwurf.pk}/",
            f"/zyklus/meldeboegen/{entwurf.pk}/",
        ],
        anhang_entwurf=[f"/meldeboegen/{entwurf.pk}/schritt/pruefen/"],
        notiz=[meldebogen.get_absolute_url(), triage],
        anhang=[meldebogen.get_absolute_url(), triage],
        rueckfrage=[meldebogen.get_absolute_url(), triage],
        fallrekonstruktion=[rekonstruktion.get_absolute_url()],
        generatives_thema=[thema.get_absolute_url()],
    )
    world.file_urls["anhang"] = [anhang.get_absolute_url()]
    world.file_urls["anhang_entwurf"] = [anhang_entwurf.get_absolute_url()]
    world.pdf_urls += [f"/meldeboegen/{meldebogen.pk}/quittung.pdf"]
    world.api_urls["meldebogen"] = [f"/api/v1/meldeboegen/{meldebogen.reference}/"]


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def _knowledge(world: World) -> None:
    home = HomePage.objects.get()
    wissen = KnowledgeIndexPage(title="Wissen", slug="wissensbasis", show_in_menus=True)
    home.add_child(instance=wissen)
    wissen.save_revision().publish()
    oeffentlich = GuidancePage(
        title="Arbeitshilfe Übergänge", slug="arbeitshilfe", intro="Für alle.", show_in_menus=True
    )
    wissen.add_child(instance=oeffentlich)
    oeffentlich.save_revision().publish()
    privat = HandlungskonzeptPage(
        title="Mxprivatseiteq Konzept (intern)",
        slug="konzept-intern",
        stand=datetime.date(2026, 6, 1),
        show_in_menus=True,
        body=[
            {
                "type": "chapter",
                "value": {
                    "title": "Einleitung",
                    "intro": "",
                    "sections": [{"title": "Anlass", "body": "<p>Mxprivatseiteq intern.</p>"}],
                },
            }
        ],
    )
    wissen.add_child(instance=privat)
    privat.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=privat, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=roles.KOORDINATION))
    entwurf = GuidancePage(
        title="Mxentwurfsseiteq Arbeitshilfe",
        slug="arbeitshilfe-entwurf",
        intro="Entwurf.",
        live=False,
        show_in_menus=True,
    )
    wissen.add_child(instance=entwurf)
    entwurf.save_revision()
    intern = Collection.get_first_root_node().add_child(name="Intern (Koordination)")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=intern, restriction_type=CollectionViewRestriction.GROUPS
    )
    collection_restriction.groups.set(Group.objects.filter(name=roles.KOORDINATION))
    sammlung = get_document_model()(
        title="Mxsammlungq Vermerk",
        file=ContentFile(_pdf("Vermerk: Mxsammlungq"), name="vermerk.pdf"),
        collection=intern,
    )
    sammlung.save()
    # An Empfohlener Treffer for the restricted page must not show it to others.
    SearchPromotion.objects.create(
        query=Query.get("mxprivatseiteq"), page=privat, description="Empfohlen", sort_order=0
    )
    # Unpublished changes of a live page and a page scheduled for later: only in the admin.
    geaendert = GuidancePage.objects.get(pk=oeffentlich.pk)
    geaendert.title = "Mxseitenaenderungq Arbeitshilfe"
    geaendert.intro = "Neu: Mxseitenaenderungq."
    geaendert.save_revision()
    geplant = GuidancePage(
        title="Mxgeplantq Arbeitshilfe",
        slug="arbeitshilfe-geplant",
        intro="Ab nächsten Monat.",
        live=False,
        show_in_menus=True,
    )
    wissen.add_child(instance=geplant)
    geplant.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=30))
    balve = Kommune.objects.create(name="Balve", slug="balve", ags="05962008")
    vereinbarung = Kooperationsvereinbarung.objects.create(
        kommune=balve,
        parties="Kreis und Mxvereinbarungq",
        status=Kooperationsvereinbarung.Status.IN_VERHANDLUNG,
        live=False,
    )
    altena = Kommune.objects.create(name="Altena", slug="altena", ags="05962004")
    in_kraft = Kooperationsvereinbarung.objects.create(
        kommune=altena,
        parties="Kreis und Stadt Altena",
        status=Kooperationsvereinbarung.Status.UNTERZEICHNET,
        signed_on=datetime.date(2025, 3, 1),
        document=sammlung,  # a document whose collection only the coordination may open
    )
    in_kraft = Kooperationsvereinbarung.objects.get(pk=in_kraft.pk)
    in_kraft.parties = "Kreis, Stadt Altena und Mxvereinbarungsaenderungq"
    in_kraft.save_revision()
    world.objects.update(
        seite_aenderung=geaendert,
        seite_geplant=geplant,
        vereinbarung_aenderung=in_kraft,
        wissen=wissen,
        oeffentlich=oeffentlich,
        seite_privat=privat,
        seite_entwurf=entwurf,
        vereinbarung_entwurf=vereinbarung,
        dokument_sammlung=sammlung,
        balve=balve,
    )
    world.pdf_urls.append(f"{privat.url}pdf/")
    world.file_urls["dokument_sammlung"] = [sammlung.url]
    world.urls.update(
        seite_privat=[privat.url, f"{privat.url}druckansicht/"],
        seite_entwurf=[f"{wissen.url}arbeitshilfe-entwurf/"],
        vereinbarung_entwurf=[f"{wissen.url}vereinbarungen/{vereinbarung.pk}/"],
        seite_aenderung=[oeffentlich.url],
        seite_geplant=[f"{wissen.url}arbeitshilfe-geplant/"],
        vereinbarung_aenderung=[f"{wissen.url}vereinbarungen/{in_kraft.pk}/"],
    )


def _verteilung(world: World) -> None:
    """An adopted Verteilungsschlüssel (READ: coordination and Integrationsbeauftragte), a draft
    and a scenario (MANAGE: coordination only), and the Kommune page of Balve (its
    Integrationsbeauftragte and the coordination; the IB of Werdohl is refused). Each key
    weights an indicator named after its marker, so that its CSV (which has no title) carries
    the marker too; the figures of all indicators show on the Kommune page, which is fine:
    indicators and figures are not confidential, drafts and other Kommunen's pages are."""
    from accounts.models import Profile
    from verteilung.actions import beschliessen
    from verteilung.models import Annahme, Gewichtung, Indikator, Kennzahl, Verteilungsschluessel

    users, objects = world.users, world.objects
    Profile.objects.update_or_create(
        user=users["integrationsbeauftragte"], defaults={"kommune": objects["balve"]}
    )
    Profile.objects.update_or_create(
        user=users["mitglied_a"],
        defaults={"kommune": objects["kommune"]},  # Werdohl
    )
    lenkungsgruppe = Gremium.objects.create(
        name="Lenkungsgruppe Matrix",
        slug="lg-matrix",
        prefix="LGM",
        kind=Gremium.Kind.LENKUNGSGRUPPE,
    )
    beschluss = Beschluss.objects.create(
        gremium=lenkungsgruppe,
        title="Verteilung des Case Managements",
        text="Die Lenkungsgruppe beschließt den Schlüssel.",
        decided_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    einwohner = Indikator.objects.get(slug="einwohner")
    stand = timezone.localdate() - datetime.timedelta(days=60)
    kommunen = list(Kommune.objects.order_by("name"))

    def key(marker: str, **fields) -> Verteilungsschluessel:
        indikator = Indikator.objects.create(name=f"{marker}-Index", slug=marker.lower())
        for n, kommune in enumerate(kommunen, start=1):
            Kennzahl.objects.create(
                indikator=indikator,
                kommune=kommune,
                jahr=2025,
                wert=10 * n,
                quelle="IT.NRW",
                stand=stand,
            )
        schluessel = Verteilungsschluessel.objects.create(
            titel=f"{marker} Case Management", datenjahr=2025, gesamt_vzae=3, **fields
        )
        Gewichtung.objects.create(schluessel=schluessel, indikator=einwohner, gewicht=50)
        Gewichtung.objects.create(schluessel=schluessel, indikator=indikator, gewicht=50)
        return schluessel

    for n, kommune in enumerate(kommunen, start=1):
        # Balve's source is the marker of its page (its figures are what the page restricts).
        quelle = "Mxkommunenseiteq Einwohnermeldeamt" if kommune == objects["balve"] else "IT.NRW"
        Kennzahl.objects.create(
            indikator=einwohner,
            kommune=kommune,
            jahr=2025,
            wert=1000 * n,
            quelle=quelle,
            stand=stand,
        )
    beschlossen = key("Mxschluesselq")
    beschliessen(
        beschlossen,
        beschluss,
        timezone.localdate() - datetime.timedelta(days=20),
        by=users["koordination"],
    )
    entwurf = key("Mxverteilentwurfq")
    szenario = key("Mxszenarioq", ist_szenario=True, vorlage=beschlossen)
    Annahme.objects.create(
        schluessel=szenario, indikator=einwohner, kommune=objects["kommune"], prozent=50
    )
    objects.update(
        verteilung_schluessel=beschlossen,
        verteilung_entwurf=entwurf,
        verteilung_szenario=szenario,
    )
    for name, schluessel in (
        ("verteilung_schluessel", beschlossen),
        ("verteilung_entwurf", entwurf),
        ("verteilung_szenario", szenario),
    ):
        url = schluessel.get_absolute_url()
        world.urls[name] = [url]
        world.table_urls.append(f"{url}csv/")
        world.pdf_urls.append(f"{url}pdf/")
    world.urls["verteilung_entwurf"] += [f"{entwurf.get_absolute_url()}bearbeiten/"]
    world.urls["verteilung_entwurf"] += [f"{entwurf.get_absolute_url()}vergleich/"]
    world.urls["verteilung_szenario"] += [f"{szenario.get_absolute_url()}vergleich/"]
    world.urls["verteilung_kommune"] = [f"/verteilung/kommunen/{objects['balve'].slug}/"]


def _links(world: World) -> None:
    """A page everyone reads that links restricted documents and a restricted page: the links
    (and the titles) show only to those who may follow them."""
    objects = world.objects
    verweise = GuidancePage(
        title="Arbeitshilfe Verweise",
        slug="verweise",
        intro="Weiterführende Unterlagen.",
        body=[
            {"type": "document", "value": {"document": objects["dokument_sammlung"].pk}},
            {"type": "document", "value": {"document": objects["dokument"].document.pk}},
            {"type": "page_link", "value": {"page": objects["seite_privat"].pk}},
        ],
    )
    objects["wissen"].add_child(instance=verweise)
    verweise.save_revision().publish()
    agreement = f"{objects['wissen'].url}vereinbarungen/{objects['vereinbarung_aenderung'].pk}/"
    world.urls["dokument_sammlung"] = [verweise.url, agreement]
    world.urls["dokument"].append(verweise.url)
    world.urls["seite_privat"].append(verweise.url)


def _admin_urls(world: World) -> None:
    finder = AdminURLFinder(world.users["koordination"])
    for key in (
        "gremium",
        "sitzung",
        "beschluss",
        "zielsystem",
        "fallrekonstruktion",
        "generatives_thema",
        "seite_privat",
        "seite_entwurf",
        "vereinbarung_entwurf",
        "seite_aenderung",
        "seite_geplant",
        "vereinbarung_aenderung",
    ):
        url = finder.get_edit_url(world.objects[key])
        assert url, key
        world.admin_urls[key] = [url]
    for key in ("meldebogen", "meldebogen_entwurf"):
        pk = world.objects[key].pk
        world.admin_urls[key] = [f"/admin/meldeboegen/inspect/{pk}/"]
    protokoll = finder.get_edit_url(world.objects["protokoll"])
    if protokoll:
        world.admin_urls["protokoll"] = [protokoll]
        world.admin_urls["aufgabe"] = [protokoll]
        world.admin_urls["aufgabe_ehemalig"] = [protokoll]
        world.admin_urls["kommentar"] = [protokoll]
    entwurf = finder.get_edit_url(world.objects["protokoll_entwurf"])
    if entwurf:
        world.admin_urls["protokoll_entwurf"] = [entwurf]
    document = world.objects["dokument"].document
    world.admin_urls["dokument"] = [finder.get_edit_url(document)]
    world.admin_urls["dokument_sammlung"] = [
        finder.get_edit_url(world.objects["dokument_sammlung"])
    ]
    # Every admin listing with an export, in both formats, and the reporting downloads.
    listings = {url.split("edit/")[0] for urls in world.admin_urls.values() for url in urls}
    listings.add("/admin/meldeboegen/")
    listings.add(f"/admin/pages/{world.objects['wissen'].pk}/")
    for listing in sorted(listings):
        if "/inspect/" in listing or "/pages/" in listing and listing.count("/") > 4:
            continue
        world.table_urls += [f"{listing}?export=csv", f"{listing}?export=xlsx"]
    world.table_urls += [
        "/berichte/export/meldeboegen/?format=csv",
        "/berichte/export/meldeboegen/?format=xlsx",
        "/berichte/export/auszaehlung/?format=csv",
        "/berichte/export/auszaehlung/?format=xlsx",
    ]
    world.pdf_urls.append("/berichte/sachstandsbericht/")


def build_world() -> World:
    world = World()
    _make_users(world)
    _knowledge(world)
    _spaces(world)
    _forms_and_cycle(world)
    _verteilung(world)
    _links(world)
    _admin_urls(world)
    # Everything in the index as a full rebuild would leave it (on_commit hooks do not run
    # inside the test transaction).
    call_command("rebuild_search_index", stdout=io.StringIO())
    return world


__all__ = ["DEACTIVATED", "PASSWORD", "ROLE_ROWS", "World", "build_world", "Page"]
