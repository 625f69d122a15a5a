# ruff: noqa: E501 (the tables below are one line per object and channel, on purpose)
"""THE permission matrix: roles x restricted objects x channels, from three tables.

- ``ROLE_ROWS`` (world.py): one user per role.
- ``OBJECTS``: one line per kind of restricted object: its marker word, who may see it, and the
  kinds of channel that carry it at all (a Notiz is never in a listing, whoever reads it).
- ``CHANNELS``: one line per way out of the portal: how to tell whether a marker appears
  there for a role, and which kind of channel it is.

A cell (role, object, channel) is *visible* when the channel's kind is one the object is
carried by and the role is in the channel's audience for the object (by default: who may see
the object; e-mails only reach their recipients, the admin only the KIM-Koordination);
otherwise *invisible*. Every cell is checked both ways: a restricted object must not appear,
and a visible one must appear (so a channel that shows nothing cannot pass).
"""

from __future__ import annotations

import datetime
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.security.world import ROLE_ROWS, World

ROLES = tuple(ROLE_ROWS)

KOORD = frozenset({"koordination"})
SHARED_A = frozenset({"geteilt_person", "geteilt_gruppe"})  # Gremium A is shared with them
SPACE_A = frozenset({"koordination", "mitglied_a", *SHARED_A})
REPORT = frozenset({"koordination", "verfasser"})
OWNER = frozenset({"verfasser"})
NOBODY: frozenset[str] = frozenset()
# verteilung.READ: the Integrationsbeauftragte (mitglied_a is one, of Werdohl) and the coordination.
VERTEILUNG_READ = frozenset({"koordination", "integrationsbeauftragte", "mitglied_a"})
BALVE = frozenset({"koordination", "integrationsbeauftragte"})  # the IB of Balve

# Kinds of channel (what an object can be carried by). TITLE: channels that look at titles
# only (autocomplete); MENU: the navigation and the personal lists on the home page.
PAGE, LISTING, MENU, SEARCH, TITLE, CALENDAR = (
    "page",
    "listing",
    "menu",
    "search",
    "title",
    "calendar",
)
TABLE, PDF, MAIL, FILE, API, ADMIN = "table", "pdf", "mail", "file", "api", "admin"
IN_A = "in_gremium_a"  # found by a search or listing filtered to Gremium A


@dataclass(frozen=True)
class Obj:
    key: str
    marker: str  # unique word in its title or text, lower case
    sees: frozenset[str]  # roles that may see it
    carried_by: frozenset[str]  # kinds of channel that show it to those roles
    mailed_to: frozenset[str] = NOBODY  # roles that get it by e-mail after the actions
    audience: dict[str, frozenset[str]] = field(default_factory=dict)  # per kind, narrower


def obj(key, marker, sees, carried_by, mailed_to=NOBODY, **audience) -> Obj:
    audience = {kind: frozenset(roles) for kind, roles in audience.items()}
    return Obj(key, marker, frozenset(sees), frozenset(carried_by), frozenset(mailed_to), audience)


MEMBER_A = {"mitglied_a"}
READER_A = {"mitglied_a", *SHARED_A}  # the Beschlüsse go to members and those it is shared with
SPACE = {PAGE, LISTING, SEARCH, TITLE, ADMIN}  # what shows content to its readers
SCHLUESSEL = {PAGE, LISTING, SEARCH, TITLE, TABLE, PDF}  # a Verteilungsschlüssel and its downloads

# fmt: off
OBJECTS: tuple[Obj, ...] = (
    #   key                    marker                 who sees  carried by channels of kind                 e-mailed to / narrower audience
    obj("gremium",             "mxgremiumq",          SPACE_A, {IN_A, *SPACE, MENU, CALENDAR, TABLE, PDF, MAIL},  READER_A, menu=READER_A, pdf=KOORD),
    obj("sitzung",             "mxsitzungq",          SPACE_A, {IN_A, *SPACE, MENU, CALENDAR, MAIL},              MEMBER_A, menu=READER_A),
    obj("protokoll",           "mxprotokollq",        SPACE_A, {IN_A, PAGE, SEARCH, ADMIN}),
    obj("protokoll_entwurf",   "mxentwurfq",          KOORD,   {IN_A, PAGE, SEARCH, ADMIN}),
    obj("beschluss",           "mxbeschlussq",        SPACE_A, {IN_A, *SPACE, TABLE, MAIL},                       READER_A),
    obj("aufgabe",             "mxaufgabeq",          SPACE_A, {IN_A, PAGE, SEARCH, TITLE, MENU, ADMIN, MAIL},    MEMBER_A, menu=MEMBER_A),
    obj("aufgabe_ehemalig",    "mxaltaufgabeq",       SPACE_A, {IN_A, PAGE, SEARCH, TITLE, ADMIN}),
    obj("kommentar",           "mxkommentarq",        SPACE_A, {PAGE}),
    obj("dokument",            "mxdokumentq",         SPACE_A, {IN_A, PAGE, SEARCH, TITLE, FILE, ADMIN}),
    obj("zielsystem",          "mxzielsystemq",       SPACE_A, {IN_A, *SPACE}),
    obj("meldebogen",          "mxmeldebogenq",       REPORT,  {PAGE, SEARCH, ADMIN, API, TABLE, PDF},      api=OWNER, table=KOORD, pdf=OWNER),
    obj("meldebogen_entwurf",  "mxmeldeentwurfq",     OWNER,   {PAGE, ADMIN}),
    obj("anhang_entwurf",      "mxentwurfsanhangq",   OWNER,   {PAGE, FILE}),
    obj("anhang",              "mxanhangq",           REPORT,  {PAGE, FILE, PDF},                           pdf=OWNER),
    obj("rueckfrage",          "mxrueckfrageq",       REPORT,  {PAGE}),
    obj("notiz",               "mxnotizq",            KOORD,   {PAGE}),
    obj("fallrekonstruktion",  "mxrekonstruktionq",   KOORD,   SPACE),
    obj("generatives_thema",   "mxthemaq",            KOORD,   {*SPACE, TABLE, PDF}),
    obj("seite_privat",        "mxprivatseiteq",      KOORD,   {*SPACE, MENU, PDF}),
    obj("seite_entwurf",       "mxentwurfsseiteq",    KOORD,   {ADMIN}),
    obj("dokument_sammlung",   "mxsammlungq",         KOORD,   {PAGE, SEARCH, TITLE, FILE, ADMIN}),
    obj("seite_aenderung",     "mxseitenaenderungq",  KOORD,   {ADMIN}),
    obj("seite_geplant",       "mxgeplantq",          KOORD,   {ADMIN}),
    obj("vereinbarung_aenderung", "mxvereinbarungsaenderungq", KOORD, {ADMIN}),
    obj("vereinbarung_entwurf", "mxvereinbarungq",    KOORD,   {ADMIN, TABLE}),
    obj("verteilung_schluessel", "mxschluesselq",     VERTEILUNG_READ, SCHLUESSEL,                     table=VERTEILUNG_READ),
    obj("verteilung_entwurf",  "mxverteilentwurfq",   KOORD,   SCHLUESSEL),
    obj("verteilung_szenario", "mxszenarioq",         KOORD,   SCHLUESSEL),
    obj("verteilung_kommune",  "mxkommunenseiteq",    BALVE,   {PAGE}),
)
# fmt: on
OBJECTS_BY_KEY = {o.key: o for o in OBJECTS}


class Probe:
    """What one role gets out of the portal: one client, texts fetched once per test."""

    def __init__(self, world: World, role: str) -> None:
        self.world = world
        self.role = role
        self.client: Client = world.client(role)
        self._texts: dict[str, str] = {}

    def get(self, url: str, **params) -> str:
        response = self.client.get(url, params)
        return body_text(response).lower()

    def json(self, url: str, **params) -> dict:
        response = self.client.get(url, params)
        if response.status_code != 200:
            return {}
        return response.json()

    def once(self, key: str, fetch: Callable[[Probe], str]) -> str:
        if key not in self._texts:
            self._texts[key] = fetch(self).lower()
        return self._texts[key]


def body_text(response) -> str:
    """The text of a response: HTML/JSON/CSV as is, XLSX cells, PDF text."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", errors="replace")


def _in(marker: str, texts: Iterable[str]) -> bool:
    return any(marker in text for text in texts)


# --- channels --------------------------------------------------------------------------------


def page(p: Probe, o: Obj) -> bool:
    return _in(o.marker, (p.get(url) for url in p.world.urls.get(o.key, ())))


LISTING_URLS = (
    "/gremien/",
    "/gremien/beschluesse/",
    "/gremien/kalender/",
    "/gremien/zielsysteme/",
    "/meldeboegen/",
    "/meldeboegen/sichtung/",
    "/zyklus/",
    "/wissensbasis/",
    "/wissensbasis/vereinbarungen/",
    "/berichte/",
    "/verteilung/",
)


def listings(p: Probe, o: Obj) -> bool:
    return o.marker in p.once("listings", lambda p: "\n".join(p.get(u) for u in LISTING_URLS))


def menus(p: Probe, o: Obj) -> bool:
    """The home page (dashboard, navigation) and the navigation on an ordinary page."""
    urls = ("/", p.world.objects["oeffentlich"].url)
    return o.marker in p.once("menus", lambda p: "\n".join(p.get(u) for u in urls))


def search_page(p: Probe, o: Obj) -> bool:
    """Hits and their count on /suche/ (the query itself is echoed in the form and the count
    line, so look only at the hit list and the number)."""
    html = p.get("/suche/", q=o.marker)
    hits = re.search(r'<ol class="search-hits".*?</ol>', html, re.S)
    count = re.search(r'search-results__count">\s*(\d+) treffer', html)
    return bool(hits and o.marker in hits.group(0)) or bool(count and int(count.group(1)) > 0)


def search_api(p: Probe, o: Obj) -> bool:
    return o.marker in json.dumps(p.json("/api/v1/search/", q=o.marker).get("results", [])).lower()


def search_count(p: Probe, o: Obj) -> bool:
    return p.json("/api/v1/search/", q=o.marker).get("total", 0) > 0


def facets(p: Probe, o: Obj) -> bool:
    found = p.json("/api/v1/search/", q=o.marker).get("facets", {})
    return any(value["count"] > 0 for values in found.values() for value in values)


def spelling(p: Probe, o: Obj) -> bool:
    """A "Meinten Sie …?" for a misspelt marker would reveal the word."""
    typo = o.marker[:-1] + ("x" if o.marker[-1] != "x" else "y")
    suggestion = p.json("/api/v1/search/", q=typo).get("suggestion") or ""
    return o.marker in suggestion.lower()


def autocomplete(p: Probe, o: Obj) -> bool:
    return o.marker in json.dumps(p.json("/suche/vorschlaege/", q=o.marker)).lower()


def api(p: Probe, o: Obj) -> bool:
    return _in(o.marker, (p.get(url) for url in p.world.api_urls.get(o.key, ())))


def ical(p: Probe, o: Obj) -> bool:
    def feed(p: Probe) -> str:
        from spaces.models import KalenderAbo

        if p.role == "anonym":
            return p.get("/gremien/kalender/kein-gueltiger-schluessel.ics")
        token = KalenderAbo.issue(p.world.users[p.role])
        feed = Client().get(f"/gremien/kalender/{token}.ics").content.decode()
        return feed.replace("\r\n ", "")  # unfold long lines (RFC 5545)

    return o.marker in p.once("ical", feed)


def filtered(p: Probe, o: Obj) -> bool:
    """Search and listings filtered to Gremium A by its slug (a selected facet or filter value
    must not name what the user may not see)."""
    slug = p.world.objects["gremium"].slug

    def fetch(p: Probe) -> str:
        urls = ("/gremien/beschluesse/", "/gremien/kalender/", "/gremien/zielsysteme/")
        return "\n".join(p.get(url, gremium=slug) for url in urls)

    api = p.json("/api/v1/search/", q=o.marker, gremium=slug)
    html = p.get("/suche/", q=o.marker, gremium=slug)
    # The hits and the facets (the query itself is echoed in the form and in links).
    pattern = r'<(ol|aside) class="search-(?:hits|facets)".*?</\1>'
    html = "".join(m.group(0) for m in re.finditer(pattern, html, re.S))
    html = html.replace(f'value="{o.marker}"', "").replace(f"?q={o.marker}", "")
    return o.marker in f"{json.dumps(api)}\n{html}".lower() or o.marker in p.once(
        "gefiltert", fetch
    )


def tables(p: Probe, o: Obj) -> bool:
    """CSV and XLSX downloads: the admin listings' exports and the reporting exports."""
    return o.marker in p.once("tables", lambda p: "\n".join(p.get(u) for u in p.world.table_urls))


def pdfs(p: Probe, o: Obj) -> bool:
    """PDFs: the Sachstandsbericht, the receipt of a Meldebogen, the Handlungskonzept."""
    return o.marker in p.once("pdfs", lambda p: "\n".join(p.get(u) for u in p.world.pdf_urls))


def files(p: Probe, o: Obj) -> bool:
    return _in(o.marker, (p.get(url) for url in p.world.file_urls.get(o.key, ())))


def admin(p: Probe, o: Obj) -> bool:
    return _in(o.marker, (p.get(url) for url in p.world.admin_urls.get(o.key, ())))


def mails(p: Probe, o: Obj) -> bool:
    """E-mails the portal sends after the usual actions, as far as they reach this role."""

    def outbox(p: Probe) -> str:
        if p.role == "anonym":
            return ""
        run_mail_actions(p.world)
        address = p.world.users[p.role].email
        return "\n".join(
            f"{m.subject}\n{m.body}" for m in mail.outbox if address in (*m.to, *m.cc, *m.bcc)
        )

    return o.marker in p.once("mails", outbox)


def run_mail_actions(world: World) -> None:
    from forms.digest import send_overdue_digest
    from forms.notifications import send_question_notice, send_submission_mails
    from spaces.notifications import notify_assignees, send_beschluesse, send_invitation

    mail.outbox = []
    koordination = world.users["koordination"]
    send_invitation(world.objects["sitzung"], sent_by=koordination)
    send_beschluesse(world.objects["protokoll"])
    notify_assignees(world.objects["protokoll"].pk)
    send_submission_mails(world.objects["meldebogen"])
    send_question_notice(world.objects["rueckfrage"])
    send_overdue_digest(timezone.localdate() + datetime.timedelta(days=365))


@dataclass(frozen=True)
class Channel:
    key: str
    kind: str
    appears: Callable[[Probe, Obj], bool]
    audience: Callable[[Obj], frozenset[str]] | None = None


def _admins(o: Obj) -> frozenset[str]:
    return o.sees & KOORD


def _recipients(o: Obj) -> frozenset[str]:
    return o.mailed_to


# fmt: off
CHANNELS: tuple[Channel, ...] = (
    Channel("seite",            PAGE,     page),
    Channel("listen",           LISTING,  listings),
    Channel("menues",           MENU,     menus),
    Channel("suche",            SEARCH,   search_page),
    Channel("suche_api",        SEARCH,   search_api),
    Channel("suche_anzahl",     SEARCH,   search_count),
    Channel("facetten",         SEARCH,   facets),
    Channel("gefiltert",        IN_A,     filtered),
    Channel("rechtschreibung",  "never",  spelling),  # only words everyone may see feed it
    Channel("autovervollst",    TITLE,    autocomplete),
    Channel("api",              API,      api),
    Channel("ical",             CALENDAR, ical),
    Channel("export_csv_xlsx",  TABLE,    tables, _admins),  # admin and reporting: KIM-Koordination
    Channel("export_pdf",       PDF,      pdfs),
    Channel("dateien",          FILE,     files),
    Channel("verwaltung",       ADMIN,    admin,  _admins),
    Channel("e_mail",           MAIL,     mails,  _recipients),
)
# fmt: on


def expected(channel: Channel, o: Obj, role: str) -> bool:
    if channel.kind not in o.carried_by:
        return False
    audience = o.audience.get(channel.kind)
    if audience is None:
        audience = channel.audience(o) if channel.audience else o.sees
    return role in audience
