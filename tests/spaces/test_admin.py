"""The KIM-Koordination manages the spaces in the Wagtail admin; nobody else does."""

import datetime

import pytest

from tests.spaces.conftest import beschluss, make_gremium, seat
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    admin_exports,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
)

SNIPPETS = ["gremium", "mitgliedschaft", "sitzung", "protokoll", "beschluss"]


@pytest.mark.parametrize("model", SNIPPETS)
def test_koordination_lists_and_adds(client, koordination, space, model):
    client.force_login(koordination)
    assert client.get(f"/admin/snippets/spaces/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/spaces/{model}/add/").status_code == 200


def test_space_documents_are_listed_but_added_in_the_space(client, koordination, space):
    client.force_login(koordination)
    assert client.get("/admin/snippets/spaces/gremiumsdokument/").status_code == 200
    assert not koordination.has_perm("spaces.add_gremiumsdokument")


def test_koordination_edits_a_gremium_with_its_seats(client, koordination, space):
    client.force_login(koordination)
    gremium = space["gremium"]
    assert client.get(f"/admin/snippets/spaces/gremium/edit/{gremium.pk}/").status_code == 200


def test_koordination_shares_a_space_in_the_admin(
    client, koordination, case_manager, partner, space
):
    from django.contrib.auth.models import Group

    from accounts import roles

    client.force_login(koordination)
    gremium = space["gremium"]
    url = f"/admin/snippets/spaces/gremium/edit/{gremium.pk}/"
    assert "Geteilt mit (nur lesen)" in client.get(url).text
    group = Group.objects.get(name=roles.CASE_MANAGEMENT)
    data = {
        "name": gremium.name,
        "slug": gremium.slug,
        "kind": gremium.kind,
        "prefix": gremium.prefix,
        "mandate": "",
        "theme": "",
        "shared_groups": [group.pk],
        "shared_users": [partner.pk],
        "sitze-TOTAL_FORMS": "0",
        "sitze-INITIAL_FORMS": "0",
        "sitze-MIN_NUM_FORMS": "0",
        "sitze-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(gremium.shared_groups.all()) == [group]
    assert list(gremium.shared_users.all()) == [partner]
    client.force_login(case_manager)
    assert client.get(gremium.get_absolute_url()).status_code == 200


def test_history_cannot_be_deleted(koordination):
    assert koordination.has_perm("spaces.change_mitgliedschaft")
    assert not koordination.has_perm("spaces.delete_mitgliedschaft")
    assert koordination.has_perm("spaces.add_beschluss")
    assert not koordination.has_perm("spaces.delete_beschluss")


def test_other_roles_have_no_admin(client, partner, case_manager, integrationsbeauftragte, space):
    for user in (partner, case_manager, integrationsbeauftragte):
        assert not user.has_perm("spaces.change_gremium")
        client.force_login(user)
        response = client.get("/admin/snippets/spaces/gremium/")
        assert response.status_code in (302, 403)


# --- CSV/XLSX exports: text that starts like a formula comes out as text (issue 16) ------------


def test_mitgliedschaften_export(client, koordination, make_user):
    gremium = make_gremium()
    typed = FORMULA_TEXTS["-"]  # "-2+3" is a valid user name
    seat(gremium, user=make_user(typed), label="Kommune Altena")
    seat(gremium, user=make_user("ib-balve"), label="Kommune Balve")
    client.force_login(koordination)
    rows, cells = admin_exports(client, "/admin/snippets/spaces/mitgliedschaft/")

    by_seat = {row["Sitz"]: row for row in rows}
    assert_csv_text(by_seat["Lenkungsgruppe Test: Kommune Altena (Mitglied)"]["Person"], typed)
    assert by_seat["Lenkungsgruppe Test: Kommune Balve (Mitglied)"]["Person"] == "ib-balve"
    by_seat = {row["Sitz"].value: row for row in cells}
    altena = by_seat["Lenkungsgruppe Test: Kommune Altena (Mitglied)"]
    assert_xlsx_text(altena["Person"], typed)
    balve = by_seat["Lenkungsgruppe Test: Kommune Balve (Mitglied)"]
    assert_xlsx_plain(balve["Person"], "ib-balve")
    assert balve["Beginn"].is_date


def test_beschluesse_export(client, koordination):
    gremium = make_gremium()
    typed = FORMULA_TEXTS["="]
    formula = beschluss(gremium, title=typed, on=datetime.date(2026, 3, 1))
    ordinary = beschluss(gremium, title="Kursplätze", shared=True, on=datetime.date(2026, 3, 2))
    client.force_login(koordination)
    rows, cells = admin_exports(client, "/admin/snippets/spaces/beschluss/")

    by_number = {row["Nummer"]: row for row in rows}
    assert_csv_text(by_number[formula.number]["Betreff"], typed)
    assert by_number[ordinary.number]["Betreff"] == "Kursplätze"
    by_number = {row["Nummer"].value: row for row in cells}
    assert_xlsx_text(by_number[formula.number]["Betreff"], typed)
    assert_xlsx_plain(by_number[ordinary.number]["Betreff"], "Kursplätze")
    assert_xlsx_plain(by_number[ordinary.number]["Nummer"], ordinary.number)
    assert_xlsx_plain(by_number[ordinary.number]["Datum"], datetime.date(2026, 3, 2))


def test_admin_status_changes_are_declared_transitions_with_a_verlauf(client, koordination):
    """The status field of a Beschluss offers the declared transitions only; lifting one needs
    a reason; the change appears in the Beschluss's Verlauf."""
    from spaces.models import Beschluss
    from spaces.transitions import BESCHLUSS

    lg = make_gremium("Lenkungsgruppe", "lenkungsgruppe", "LG")
    decision = beschluss(lg, "Arbeitsgruppe Sprache einrichten", on=datetime.date(2026, 3, 1))
    client.force_login(koordination)
    url = f"/admin/snippets/spaces/beschluss/edit/{decision.pk}/"
    form = client.get(url).context["form"]
    assert [value for value, _ in form.fields["status"].choices] == [
        "offen",
        "in_umsetzung",
        "umgesetzt",
        "aufgehoben",
    ]
    data = {
        "gremium": lg.pk,
        "sitzung": "",
        "tagesordnungspunkt": "",
        "decided_on": "2026-03-01",
        "status": "aufgehoben",
        "title": decision.title,
        "text": decision.text,
        "refers_to": "",
        "status_begruendung": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Für „aufgehoben“ ist eine Begründung nötig" in response.text
    assert Beschluss.objects.get().status == "offen"

    data["status_begruendung"] = "Durch LG-2026-02 ersetzt."
    assert client.post(url, data).status_code == 302
    decision.refresh_from_db()
    assert decision.status == "aufgehoben"
    [entry] = BESCHLUSS.history(decision)
    assert (entry.from_status, entry.to_status, entry.by, entry.reason) == (
        "offen",
        "aufgehoben",
        koordination,
        "Durch LG-2026-02 ersetzt.",
    )
    # From "aufgehoben" there is no way back: the admin offers nothing else.
    choices = client.get(url).context["form"].fields["status"].choices
    assert [value for value, _ in choices] == ["aufgehoben"]
    page = client.get(decision.get_absolute_url())
    assert "Durch LG-2026-02 ersetzt." in page.text
