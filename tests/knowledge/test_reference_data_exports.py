"""CSV/XLSX exports of the reference data and the agreements in the admin: text that starts like
a formula comes out as text, everything else unchanged (formula injection, issue 16)."""

import datetime

from knowledge.models import Kommune, Kooperationsvereinbarung, Organisation
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    admin_exports,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
)


def test_kommunen_export(client, koordination):
    Kommune.objects.create(name=FORMULA_TEXTS["="], slug="formel", ags="05962099")
    Kommune.objects.create(name="Balve", slug="balve", ags="05962008", has_jugendamt=True)
    client.force_login(koordination)
    rows, cells = admin_exports(client, "/admin/snippets/knowledge/kommune/")

    by_ags = {row["Amtlicher Gemeindeschlüssel"]: row for row in rows}
    assert_csv_text(by_ags["05962099"]["Name"], FORMULA_TEXTS["="])
    assert by_ags["05962008"]["Name"] == "Balve"
    by_ags = {row["Amtlicher Gemeindeschlüssel"].value: row for row in cells}
    assert_xlsx_text(by_ags["05962099"]["Name"], FORMULA_TEXTS["="])
    assert_xlsx_plain(by_ags["05962008"]["Name"], "Balve")
    assert_xlsx_plain(by_ags["05962008"]["Amtlicher Gemeindeschlüssel"], "05962008")


def test_organisationen_export(client, koordination):
    Organisation.objects.create(
        name="Caritas", kind="mbe", phone="+49 2351 966-0", city=FORMULA_TEXTS["@"]
    )
    Organisation.objects.create(name="VHS", kind="mbe", phone="02351 123", city="Lüdenscheid")
    client.force_login(koordination)
    rows, cells = admin_exports(client, "/admin/snippets/knowledge/organisation/")

    by_name = {row["Name"]: row for row in rows}
    assert_csv_text(by_name["Caritas"]["Telefon"], "+49 2351 966-0")
    assert_csv_text(by_name["Caritas"]["Ort"], FORMULA_TEXTS["@"])
    assert by_name["VHS"]["Telefon"] == "02351 123"
    assert by_name["VHS"]["Ort"] == "Lüdenscheid"
    by_name = {row["Name"].value: row for row in cells}
    assert_xlsx_text(by_name["Caritas"]["Telefon"], "+49 2351 966-0")
    assert_xlsx_text(by_name["Caritas"]["Ort"], FORMULA_TEXTS["@"])
    assert_xlsx_plain(by_name["VHS"]["Telefon"], "02351 123")
    assert_xlsx_plain(by_name["VHS"]["Ort"], "Lüdenscheid")


def test_kooperationsvereinbarungen_export(client, koordination):
    signed = datetime.date(2026, 1, 15)
    formula = Kooperationsvereinbarung.objects.create(
        kommune=Kommune.objects.create(name="Altena", slug="altena", ags="05962004"),
        parties=FORMULA_TEXTS["-"],
    )
    Kooperationsvereinbarung.objects.create(
        kommune=Kommune.objects.create(name="Balve", slug="balve", ags="05962008"),
        parties="Kreis und Kommune",
        status="unterzeichnet",
        signed_on=signed,
    )
    client.force_login(koordination)
    rows, cells = admin_exports(client, "/admin/snippets/knowledge/kooperationsvereinbarung/")

    by_kommune = {row["Kommune"]: row for row in rows}
    assert_csv_text(by_kommune["Altena"]["Vertragsparteien"], formula.parties)
    assert by_kommune["Balve"]["Vertragsparteien"] == "Kreis und Kommune"
    by_kommune = {row["Kommune"].value: row for row in cells}
    assert_xlsx_text(by_kommune["Altena"]["Vertragsparteien"], formula.parties)
    assert_xlsx_plain(by_kommune["Balve"]["Vertragsparteien"], "Kreis und Kommune")
    assert_xlsx_plain(by_kommune["Balve"]["unterzeichnet am"], signed)
