"""Roles keep exactly their permissions while each app declares its own (``ROLE_PERMISSIONS``
in the app's roles.py, collected by ``accounts.roles.role_permissions``).

``BEFORE`` is what accounts/roles.py listed for each role before the permissions moved into
the apps (issue 21; merged with main's change of the same day: the Verlauf and the
E-Mail-Versand of portal replaced ``meldeboegen.view_statuschange``): a role's effective
permissions must not change with the move. One permission was added on purpose afterwards:
``meldeboegen.einreichen_meldebogen`` (filing Meldebögen, forms.permissions.REPORT), which the
reporting roles held as a role check before; and the coordination keeps the directory's new
lists, Zielgruppen and Beratungssprachen (knowledge.Zielgruppe, knowledge.Sprache; issue 18),
and invites people, deactivates unused accounts and reads the audit log of accounts (issue 19).
"""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from accounts import roles

BEFORE = {
    "KIM-Koordination": frozenset(
        {
            "knowledge.add_sprache",
            "knowledge.add_zielgruppe",
            "knowledge.change_sprache",
            "knowledge.change_zielgruppe",
            "knowledge.delete_sprache",
            "knowledge.delete_zielgruppe",
            "knowledge.view_sprache",
            "knowledge.view_zielgruppe",
            "meldeboegen.einreichen_meldebogen",
            "accounts.add_profile",
            "accounts.change_profile",
            "accounts.view_profile",
            "accounts.manage_accounts",
            "accounts.view_einladung",
            "accounts.view_kontoereignis",
            "cycle.add_fallrekonstruktion",
            "cycle.add_generativesthema",
            "cycle.change_fallrekonstruktion",
            "cycle.change_generativesthema",
            "cycle.delete_fallrekonstruktion",
            "cycle.delete_generativesthema",
            "cycle.view_fallrekonstruktion",
            "cycle.view_generativesthema",
            "cycle.view_rueckmeldung",
            "knowledge.add_handlungsfeld",
            "knowledge.add_kommune",
            "knowledge.add_kooperationsvereinbarung",
            "knowledge.add_organisation",
            "knowledge.change_handlungsfeld",
            "knowledge.change_kommune",
            "knowledge.change_kooperationsvereinbarung",
            "knowledge.change_organisation",
            "knowledge.delete_handlungsfeld",
            "knowledge.delete_kommune",
            "knowledge.delete_kooperationsvereinbarung",
            "knowledge.delete_organisation",
            "knowledge.lock_kooperationsvereinbarung",
            "knowledge.publish_kooperationsvereinbarung",
            "knowledge.unlock_kooperationsvereinbarung",
            "knowledge.view_faqfeedback",
            "knowledge.view_handlungsfeld",
            "knowledge.view_kommune",
            "knowledge.view_kooperationsvereinbarung",
            "knowledge.view_organisation",
            "meldeboegen.add_notiz",
            "meldeboegen.add_rueckfrage",
            "meldeboegen.add_thema",
            "meldeboegen.change_bearbeitungsfristen",
            "meldeboegen.change_meldebogen",
            "meldeboegen.change_thema",
            "meldeboegen.change_verarbeitungsverzeichnis",
            "meldeboegen.delete_thema",
            "meldeboegen.view_anhang",
            "meldeboegen.view_bearbeitungsfristen",
            "meldeboegen.view_confirmedfinding",
            "meldeboegen.view_meldebogen",
            "meldeboegen.view_notiz",
            "meldeboegen.view_retentionlog",
            "meldeboegen.view_rueckfrage",
            "meldeboegen.view_thema",
            "meldeboegen.view_verarbeitungsverzeichnis",
            "portal.change_postausgang",
            "portal.view_postausgang",
            "portal.view_verlaufseintrag",
            "reporting.view_berichte",
            "spaces.add_aktivitaet",
            "spaces.add_aufgabe",
            "spaces.add_beschluss",
            "spaces.add_ergebnisziel",
            "spaces.add_gremium",
            "spaces.add_grundsatzziel",
            "spaces.add_indikator",
            "spaces.add_messwert",
            "spaces.add_mitgliedschaft",
            "spaces.add_protokoll",
            "spaces.add_rahmenziel",
            "spaces.add_sitzung",
            "spaces.add_zielsystem",
            "spaces.change_aktivitaet",
            "spaces.change_aufgabe",
            "spaces.change_beschluss",
            "spaces.change_ergebnisziel",
            "spaces.change_gremium",
            "spaces.change_gremiumsdokument",
            "spaces.change_grundsatzziel",
            "spaces.change_indikator",
            "spaces.change_messwert",
            "spaces.change_mitgliedschaft",
            "spaces.change_protokoll",
            "spaces.change_rahmenziel",
            "spaces.change_sitzung",
            "spaces.change_zielsystem",
            "spaces.delete_aktivitaet",
            "spaces.delete_aufgabe",
            "spaces.delete_ergebnisziel",
            "spaces.delete_gremium",
            "spaces.delete_gremiumsdokument",
            "spaces.delete_grundsatzziel",
            "spaces.delete_indikator",
            "spaces.delete_messwert",
            "spaces.delete_rahmenziel",
            "spaces.delete_sitzung",
            "spaces.delete_zielsystem",
            "spaces.view_aktivitaet",
            "spaces.view_aufgabe",
            "spaces.view_beschluss",
            "spaces.view_ergebnisziel",
            "spaces.view_gremium",
            "spaces.view_gremiumsdokument",
            "spaces.view_grundsatzziel",
            "spaces.view_indikator",
            "spaces.view_messwert",
            "spaces.view_mitgliedschaft",
            "spaces.view_protokoll",
            "spaces.view_rahmenziel",
            "spaces.view_sitzung",
            "spaces.view_zielsystem",
            "wagtailcore.add_apitoken",
            "wagtailcore.change_apitoken",
            "wagtailcore.delete_apitoken",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
        }
    ),
    "Case Management": frozenset({"meldeboegen.einreichen_meldebogen"}),
    "Integrationsbeauftragte": frozenset({}),
    "Externe Partner": frozenset({"meldeboegen.einreichen_meldebogen"}),
    # issue 18: drafts and submits for the Vier-Augen-Freigabe, never publishes
    "Redaktion": frozenset(
        {
            "knowledge.add_kooperationsvereinbarung",
            "knowledge.change_kooperationsvereinbarung",
            "knowledge.view_kooperationsvereinbarung",
            "knowledge.view_kommune",
            "knowledge.view_organisation",
            "knowledge.view_handlungsfeld",
        }
    ),
}

# Added on purpose afterwards by new apps (verteilung/roles.py, issue 20): the coordination
# works on the Verteilungsschlüssel, the Integrationsbeauftragte read the adopted key.
_VERTEILUNG_MODELS = ("verteilungsschluessel", "indikator", "kennzahl", "zustaendigkeit")
ADDED = {
    "KIM-Koordination": frozenset(
        f"verteilung.{action}_{model}"
        for model in _VERTEILUNG_MODELS
        for action in ("add", "change", "delete", "view")
    )
    # issue 17: the coordination's listing of Berichtigungen (drafts editable, no add/delete)
    | {"spaces.change_berichtigung", "spaces.view_berichtigung"},
    "Integrationsbeauftragte": frozenset({"verteilung.view_verteilungsschluessel"}),
}


def _expected(role_name: str) -> set[str]:
    return set(BEFORE[role_name]) | ADDED.get(role_name, frozenset())


def _held(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_collected_role_permissions_are_exactly_the_former_list():
    for role in roles.ROLES:
        collected = roles.role_permissions(role)
        assert len(collected) == len(set(collected)), role.name
        assert set(collected) == _expected(role.name), role.name


def test_groups_hold_the_former_permissions_and_the_sync_is_idempotent(db):
    call_command("sync_role_permissions", verbosity=0)
    call_command("sync_role_permissions", verbosity=0)
    for role in roles.ROLES:
        expected = _expected(role.name)
        if role.admin_access:
            expected.add("wagtailadmin.access_admin")
        assert _held(Group.objects.get(name=role.name)) == expected, role.name


def test_accounts_roles_names_no_permission_of_another_portal_app():
    portal_apps = {
        "knowledge",
        "meldeboegen",
        "spaces",
        "cycle",
        "verteilung",
        "reporting",
        "search",
        "home",
    }
    for role in roles.ROLES:
        assert not {p.split(".")[0] for p in role.permissions} & portal_apps, role.name


def test_sync_adds_a_permission_an_administrator_removed(db):
    group = Group.objects.get(name=roles.KOORDINATION)
    group.permissions.remove(Permission.objects.get(codename="view_meldebogen"))
    call_command("sync_role_permissions", verbosity=0)
    assert "meldeboegen.view_meldebogen" in _held(group)
