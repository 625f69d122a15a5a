"""The portal's roles: Django groups with exactly these names, and what each may do.

The data migration ``0002_roles`` creates the groups and their permissions from this module, and
``sync_role_permissions`` re-applies it after later apps add permissions (it is idempotent).
Membership of a Gremium (Lenkungsgruppe, Arbeitsgruppe) is not a role: spaces/ models it.
"""

from dataclasses import dataclass, field

KOORDINATION = "KIM-Koordination"
CASE_MANAGEMENT = "Case Management"
INTEGRATIONSBEAUFTRAGTE = "Integrationsbeauftragte"
EXTERNE_PARTNER = "Externe Partner"


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    # "app_label.codename" model permissions
    permissions: tuple[str, ...] = ()
    # page permissions granted on the whole page tree (codenames of wagtailcore.Page)
    page_permissions: tuple[str, ...] = ()
    # collection permissions granted on the root collection ("app_label.codename")
    collection_permissions: tuple[str, ...] = ()
    admin_access: bool = False
    greeting: str = field(default="")


ROLES: tuple[Role, ...] = (
    Role(
        name=KOORDINATION,
        description="Bearbeitet und veröffentlicht Inhalte, sichtet Meldebögen, verwaltet Gremien.",
        greeting="Sie koordinieren das Kommunale Integrationsmanagement.",
        admin_access=True,
        permissions=(
            "knowledge.add_kommune",
            "knowledge.change_kommune",
            "knowledge.delete_kommune",
            "knowledge.view_kommune",
            "knowledge.add_organisation",
            "knowledge.change_organisation",
            "knowledge.delete_organisation",
            "knowledge.view_organisation",
            "accounts.view_profile",
            "accounts.add_profile",
            "accounts.change_profile",
            "wagtailcore.add_apitoken",
            "wagtailcore.change_apitoken",
            "wagtailcore.delete_apitoken",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "knowledge.add_handlungsfeld",
            "knowledge.change_handlungsfeld",
            "knowledge.delete_handlungsfeld",
            "knowledge.view_handlungsfeld",
            "knowledge.add_zielgruppe",
            "knowledge.change_zielgruppe",
            "knowledge.delete_zielgruppe",
            "knowledge.view_zielgruppe",
            "knowledge.add_sprache",
            "knowledge.change_sprache",
            "knowledge.delete_sprache",
            "knowledge.view_sprache",
            "knowledge.add_kooperationsvereinbarung",
            "knowledge.change_kooperationsvereinbarung",
            "knowledge.delete_kooperationsvereinbarung",
            "knowledge.view_kooperationsvereinbarung",
            "knowledge.publish_kooperationsvereinbarung",
            "knowledge.lock_kooperationsvereinbarung",
            "knowledge.unlock_kooperationsvereinbarung",
            "knowledge.view_faqfeedback",
            # Memberships are ended and Beschlüsse aufgehoben, never deleted: no delete.
            "spaces.add_gremium",
            "spaces.change_gremium",
            "spaces.delete_gremium",
            "spaces.view_gremium",
            "spaces.add_mitgliedschaft",
            "spaces.change_mitgliedschaft",
            "spaces.view_mitgliedschaft",
            "spaces.add_sitzung",
            "spaces.change_sitzung",
            "spaces.delete_sitzung",
            "spaces.view_sitzung",
            "spaces.add_beschluss",
            "spaces.change_beschluss",
            "spaces.view_beschluss",
            "spaces.add_protokoll",
            "spaces.change_protokoll",
            "spaces.view_protokoll",
            "spaces.add_zielsystem",
            "spaces.change_zielsystem",
            "spaces.delete_zielsystem",
            "spaces.view_zielsystem",
            "spaces.add_grundsatzziel",
            "spaces.change_grundsatzziel",
            "spaces.delete_grundsatzziel",
            "spaces.view_grundsatzziel",
            "spaces.add_rahmenziel",
            "spaces.change_rahmenziel",
            "spaces.delete_rahmenziel",
            "spaces.view_rahmenziel",
            "spaces.add_ergebnisziel",
            "spaces.change_ergebnisziel",
            "spaces.delete_ergebnisziel",
            "spaces.view_ergebnisziel",
            "spaces.add_aktivitaet",
            "spaces.change_aktivitaet",
            "spaces.delete_aktivitaet",
            "spaces.view_aktivitaet",
            "spaces.add_indikator",
            "spaces.change_indikator",
            "spaces.delete_indikator",
            "spaces.view_indikator",
            "spaces.add_messwert",
            "spaces.change_messwert",
            "spaces.delete_messwert",
            "spaces.view_messwert",
            "spaces.add_aufgabe",
            "spaces.change_aufgabe",
            "spaces.delete_aufgabe",
            "spaces.view_aufgabe",
            "spaces.view_gremiumsdokument",
            "spaces.change_gremiumsdokument",
            "spaces.delete_gremiumsdokument",
            # KIM cycle (cycle/): Fallrekonstruktionen and generative Themen.
            "cycle.add_fallrekonstruktion",
            "cycle.change_fallrekonstruktion",
            "cycle.delete_fallrekonstruktion",
            "cycle.view_fallrekonstruktion",
            "cycle.add_generativesthema",
            "cycle.change_generativesthema",
            "cycle.delete_generativesthema",
            "cycle.view_generativesthema",
            "cycle.view_rueckmeldung",
            "meldeboegen.view_meldebogen",
            "meldeboegen.change_meldebogen",
            "meldeboegen.view_anhang",
            "meldeboegen.view_confirmedfinding",
            "meldeboegen.add_thema",
            "meldeboegen.change_thema",
            "meldeboegen.delete_thema",
            "meldeboegen.view_thema",
            "meldeboegen.view_retentionlog",
            # Dashboard, anonymised exports and Sachstandsbericht (reporting/).
            "reporting.view_berichte",
            # Triage of Meldebögen (forms/workflow.py): history, notes, questions, deadlines.
            "meldeboegen.view_statuschange",
            "meldeboegen.add_notiz",
            "meldeboegen.view_notiz",
            "meldeboegen.add_rueckfrage",
            "meldeboegen.view_rueckfrage",
            "meldeboegen.change_bearbeitungsfristen",
            "meldeboegen.view_bearbeitungsfristen",
            # Empfohlene Treffer of the portal search (wagtail.contrib.search_promotions).
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
        ),
        page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "lock_page",
            "unlock_page",
            "bulk_delete_page",
        ),
        collection_permissions=(
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
        ),
    ),
    Role(
        name=CASE_MANAGEMENT,
        description=(
            "Liest Arbeitshilfen, meldet Integrationshürden und verfolgt die eigenen Meldungen."
        ),
        greeting="Sie beraten im KIM-Case Management vor Ort in den Kommunen.",
    ),
    Role(
        name=INTEGRATIONSBEAUFTRAGTE,
        description=(
            "Liest Handlungskonzept, Vereinbarungen und Protokolle; eine Person je Kommune."
        ),
        greeting="Sie sind Integrationsbeauftragte oder Integrationsbeauftragter Ihrer Kommune.",
    ),
    Role(
        name=EXTERNE_PARTNER,
        description="Meldet Integrationshürden und liest, was für Partner freigegeben ist.",
        greeting="Sie arbeiten als Partnerorganisation im Kommunalen Integrationsmanagement mit.",
    ),
)

ROLE_NAMES: tuple[str, ...] = tuple(role.name for role in ROLES)
ROLES_BY_NAME: dict[str, Role] = {role.name: role for role in ROLES}


def roles_of(user) -> list[Role]:
    """The portal roles a user holds, in the order of ROLES (uses prefetched groups if present)."""
    if not user.is_authenticated:
        return []
    names = {group.name for group in user.groups.all()}
    return [role for role in ROLES if role.name in names]


def has_role(user, role_name: str) -> bool:
    return any(role.name == role_name for role in roles_of(user))
