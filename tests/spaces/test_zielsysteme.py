"""Zielsysteme: the tree, visibility as the owning Gremium, monitoring values, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import roles
from portal.models import Verlaufseintrag
from portal.transitions import StatusChangedOutsideTransitions
from spaces.models import (
    Aktivitaet,
    Ergebnisziel,
    Grundsatzziel,
    Indikator,
    Messwert,
    Rahmenziel,
    Zielsystem,
)
from spaces.transitions import AKTIVITAET

from .conftest import beschluss, make_gremium, seat

GRUNDSATZZIEL = "Jede berechtigte Person beginnt innerhalb von 8 Wochen einen Integrationskurs"


def build(gremium, title="Zielsystem Test", size=1, **fields) -> Zielsystem:
    """A Zielsystem with ``size`` branches on each tier below the Grundsatzziel."""
    zielsystem = Zielsystem.objects.create(gremium=gremium, title=title, **fields)
    gz = Grundsatzziel.objects.create(zielsystem=zielsystem, title=GRUNDSATZZIEL)
    today = timezone.localdate()
    for r in range(size):
        rz = Rahmenziel.objects.create(grundsatzziel=gz, title=f"Rahmenziel {r}", sort_order=r)
        for e in range(size):
            ez = Ergebnisziel.objects.create(rahmenziel=rz, title=f"Ergebnisziel {r}.{e}")
            for status in ("geplant", "laufend", "erledigt"):
                Aktivitaet.objects.create(
                    ergebnisziel=ez, title=f"Aktivität {r}.{e} {status}", status=status
                )
            indikator = Indikator.objects.create(
                ergebnisziel=ez,
                name=f"Kursbeginn-Quote {r}.{e}",
                unit="%",
                baseline=Decimal(40),
                target=Decimal(80),
            )
            for i, value in enumerate((40, 45, 52, 60)):
                Messwert.objects.create(
                    indikator=indikator,
                    measured_on=today - datetime.timedelta(days=30 * (4 - i)),
                    value=Decimal(value),
                    comment="Halbjahr" if i == 3 else "",
                )
    return zielsystem


@pytest.fixture
def ag(db):
    return make_gremium(name="AG Sprache Test", slug="ag-test", prefix="AGT", kind="arbeitsgruppe")


@pytest.fixture
def member(make_user, ag):
    user = make_user("mitglied", roles.EXTERNE_PARTNER)
    seat(ag, user)
    return user


def test_tree_renders_all_tiers_in_order(client, member, ag):
    zielsystem = build(ag, size=2)
    client.force_login(member)
    page = client.get(zielsystem.get_absolute_url()).content.decode()
    assert "Grundsatzziel 1</h3>" not in page  # number and title share the heading
    assert f"Grundsatzziel 1: {GRUNDSATZZIEL}</h3>" in page
    assert "Rahmenziel 1.2: Rahmenziel 1</h4>" in page
    assert "Ergebnisziel 1.2.2: Ergebnisziel 1.1</h5>" in page
    assert page.index(": Rahmenziel 0<") < page.index(": Rahmenziel 1<")
    assert "Aktivität 1.1 laufend" in page
    assert "12 Aktivitäten: 4 geplant, 4 laufend, 4 erledigt." in page
    assert "zuletzt 60 % am" in page
    assert "50 % des Wegs zum Ziel" in page


def test_non_members_get_404_and_nothing_in_listings(client, partner, member, ag):
    zielsystem = build(ag)
    indikator = Indikator.objects.get()
    client.force_login(partner)
    assert client.get(zielsystem.get_absolute_url()).status_code == 404
    url = f"{zielsystem.get_absolute_url()}indikatoren/{indikator.pk}/"
    assert client.get(url).status_code == 404
    assert zielsystem.title not in client.get("/gremien/zielsysteme/").content.decode()
    client.force_login(member)
    assert client.get(url).status_code == 200
    assert zielsystem.title in client.get("/gremien/zielsysteme/").content.decode()
    assert zielsystem.title in client.get(ag.get_absolute_url()).content.decode()


def test_koordination_sees_every_zielsystem(client, koordination, ag):
    zielsystem = build(ag)
    client.force_login(koordination)
    assert client.get(zielsystem.get_absolute_url()).status_code == 200


def test_adopted_and_released_is_visible_to_all_but_does_not_link_into_the_space(
    client, partner, ag
):
    lg = make_gremium()
    adopting = beschluss(lg, title="Zielsystem Sprache beschlossen")
    zielsystem = build(ag, status="beschlossen", adopted_by=adopting, shared_with_all=True)
    assert Zielsystem.objects.visible_to(partner).filter(pk=zielsystem.pk).exists()
    client.force_login(partner)
    page = client.get(zielsystem.get_absolute_url()).content.decode()
    assert GRUNDSATZZIEL in page
    assert ag.get_absolute_url() + '"' not in page
    assert adopting.number not in page  # the Beschluss itself is internal to the LG
    assert zielsystem.title in client.get("/gremien/zielsysteme/").content.decode()
    # a draft is never released, even if the flag were set in the database
    Zielsystem.objects.filter(pk=zielsystem.pk).update(status="entwurf")
    assert client.get(zielsystem.get_absolute_url()).status_code == 404


def test_anonymous_sees_nothing(ag):
    build(ag)
    assert not Zielsystem.objects.visible_to(AnonymousUser()).exists()


def test_validation_needs_the_beschluss_and_adoption_before_release(ag):
    with pytest.raises(ValidationError, match="braucht den Beschluss"):
        Zielsystem(gremium=ag, title="Z", status="beschlossen").full_clean()
    with pytest.raises(ValidationError, match="nur ein beschlossenes"):
        Zielsystem(gremium=ag, title="Z", shared_with_all=True).full_clean()


def test_indicator_target_must_follow_its_direction(ag):
    zielsystem = build(ag)
    indikator = Indikator.objects.get()
    indikator.direction = Indikator.Direction.FALLEND
    with pytest.raises(ValidationError, match="Richtung"):
        indikator.full_clean()
    assert zielsystem.pk


def test_monitoring_shows_values_changes_chart_and_progress(client, member, ag):
    zielsystem = build(ag)
    indikator = Indikator.objects.get()
    client.force_login(member)
    response = client.get(f"{zielsystem.get_absolute_url()}indikatoren/{indikator.pk}/")
    page = response.content.decode()
    assert "<table" in page and "Messwerte: Kursbeginn-Quote 0.0" in page
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 4
    assert "+5" in rows and "+8" in rows and "Halbjahr" in rows
    assert '<svg role="img"' in page and 'aria-describedby="chart-desc"' in page
    assert page.count("<circle") == 4
    assert "4 Messwerte, von 40 % am" in page and "bis 60 % am" in page
    assert "50 % des Wegs vom Ausgangswert zum Ziel" in page
    assert "1 geplant, 1 laufend, 1 erledigt." in page


def test_monitoring_only_for_indicators_of_this_zielsystem(client, koordination, ag):
    first = build(ag, title="Erstes")
    build(ag, title="Zweites")
    other = Indikator.objects.exclude(
        ergebnisziel__rahmenziel__grundsatzziel__zielsystem=first
    ).get()
    client.force_login(koordination)
    url = f"{first.get_absolute_url()}indikatoren/{other.pk}/"
    assert client.get(url).status_code == 404


def test_monitoring_without_values(client, koordination, ag):
    zielsystem = build(ag)
    indikator = Indikator.objects.get()
    indikator.messwerte.all().delete()
    client.force_login(koordination)
    page = client.get(f"{zielsystem.get_absolute_url()}indikatoren/{indikator.pk}/").text
    assert "noch keine Messwerte" in page


@pytest.mark.parametrize("role", [roles.KOORDINATION, roles.EXTERNE_PARTNER])
def test_query_counts_do_not_grow(client, make_user, ag, role, django_assert_max_num_queries):
    viewer = make_user("viewer", role)
    seat(ag, viewer)
    client.force_login(viewer)

    def counts(zielsystem) -> list[int]:
        indikator = Indikator.objects.filter(
            ergebnisziel__rahmenziel__grundsatzziel__zielsystem=zielsystem
        ).first()
        urls = [
            "/gremien/zielsysteme/",
            ag.get_absolute_url(),
            zielsystem.get_absolute_url(),
            f"{zielsystem.get_absolute_url()}indikatoren/{indikator.pk}/",
        ]
        result = []
        for url in urls:
            client.get(url)
            with django_assert_max_num_queries(25) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured.captured_queries))
        return result

    small = counts(build(ag, title="Klein", size=1))
    large = counts(build(ag, title="Groß", size=4))
    assert large == small


def test_admin_lists_and_edits(client, koordination, ag):
    zielsystem = build(ag)
    client.force_login(koordination)
    for model in ("zielsystem", "rahmenziel", "ergebnisziel", "indikator"):
        assert client.get(f"/admin/snippets/spaces/{model}/").status_code == 200
        assert client.get(f"/admin/snippets/spaces/{model}/add/").status_code == 200
    assert client.get(f"/admin/snippets/spaces/zielsystem/edit/{zielsystem.pk}/").status_code == 200
    indikator = Indikator.objects.get()
    assert client.get(f"/admin/snippets/spaces/indikator/edit/{indikator.pk}/").status_code == 200


def test_other_roles_cannot_edit(partner):
    assert not partner.has_perm("spaces.change_zielsystem")
    assert not partner.has_perm("spaces.add_messwert")


def test_demo_zielsysteme(client, demo):
    sprache = Zielsystem.objects.get(gremium__slug="ag-sprache")
    assert sprache.status == "beschlossen" and sprache.shared_with_all
    assert sprache.adopted_by.gremium.slug == "lenkungsgruppe"
    assert sprache.grundsatzziele.get().title.startswith(
        "Jede berechtigte zugewanderte Person beginnt innerhalb von 8 Wochen"
    )
    assert (
        Messwert.objects.filter(
            indikator__ergebnisziel__rahmenziel__grundsatzziel__zielsystem=sprache
        ).count()
        >= 4
    )
    arbeit = Zielsystem.objects.get(gremium__slug="ag-arbeitsmarkt")
    assert arbeit.status == "entwurf"
    # ib-balve sits in neither Arbeitsgruppe: sees the released one, not the draft
    assert client.login(username="ib-balve", password="kim-demo-2026")
    assert client.get(sprache.get_absolute_url()).status_code == 200
    assert client.get(arbeit.get_absolute_url()).status_code == 404


def _posted(form) -> dict:
    """What the browser posts for ``form`` unchanged (with its nested inline formsets)."""
    data = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if value is None or value is False:
            continue
        data[bound.html_name] = "on" if value is True else value
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for index, child in enumerate(formset.forms):
            data.update(_posted(child))
            if "ORDER" in child.fields:
                data[child["ORDER"].html_name] = index + 1
    return data


def _aktivitaet_form(form, aktivitaet):
    return next(f for f in form.formsets["aktivitaeten"].forms if f.instance.pk == aktivitaet.pk)


def test_admin_changes_an_aktivitaets_status_through_its_transition(client, koordination, ag):
    """In the Ergebnisziel's admin form (Aktivitäten inline) the status offers the transitions;
    saving changes it through the machine, with a Verlauf row; the other fields are saved too."""
    build(ag)
    ergebnisziel = Ergebnisziel.objects.get()
    aktivitaet = Aktivitaet.objects.get(status="geplant")
    url = f"/admin/snippets/spaces/ergebnisziel/edit/{ergebnisziel.pk}/"
    client.force_login(koordination)
    form = client.get(url).context["form"]
    status = _aktivitaet_form(form, aktivitaet)["status"]
    assert [value for value, _ in status.field.choices] == ["geplant", "laufend", "erledigt"]
    data = _posted(form)
    data[status.html_name] = "laufend"
    data[_aktivitaet_form(form, aktivitaet)["title"].html_name] = "Sprachkurs beginnen"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    aktivitaet.refresh_from_db()
    assert (aktivitaet.status, aktivitaet.title) == ("laufend", "Sprachkurs beginnen")
    [entry] = AKTIVITAET.history(aktivitaet)
    assert (entry.from_status, entry.to_status, entry.by) == ("geplant", "laufend", koordination)
    assert entry.to_label == "laufend"
    # The other Aktivitäten keep their status and get no Verlauf.
    assert sorted(Aktivitaet.objects.values_list("status", flat=True)) == [
        "erledigt",
        "laufend",
        "laufend",
    ]
    assert Verlaufseintrag.objects.count() == 1


def test_admin_refuses_a_status_the_aktivitaet_cannot_reach(client, koordination, ag):
    build(ag)
    ergebnisziel = Ergebnisziel.objects.get()
    aktivitaet = Aktivitaet.objects.get(status="erledigt")
    url = f"/admin/snippets/spaces/ergebnisziel/edit/{ergebnisziel.pk}/"
    client.force_login(koordination)
    form = client.get(url).context["form"]
    status = _aktivitaet_form(form, aktivitaet)["status"]
    # "erledigt" can only be taken up again, not set back to "geplant".
    assert [value for value, _ in status.field.choices] == ["laufend", "erledigt"]
    data = _posted(form)
    data[status.html_name] = "geplant"

    response = client.post(url, data)

    assert response.status_code == 200
    aktivitaet.refresh_from_db()
    assert aktivitaet.status == "erledigt"
    assert not Verlaufseintrag.objects.exists()


def test_an_aktivitaets_status_is_not_changed_by_assignment(ag):
    build(ag)
    aktivitaet = Aktivitaet.objects.get(status="geplant")
    aktivitaet.status = "erledigt"
    with pytest.raises(StatusChangedOutsideTransitions):
        aktivitaet.save()
