"""Kooperationsvereinbarungen: evaluation due/overdue, validation, overview and admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from knowledge.models import Kommune, Kooperationsvereinbarung

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def make_kommune(name: str, ags: str) -> Kommune:
    return Kommune.objects.create(name=name, slug=name.lower(), ags=ags)


def agreement(kommune, **fields) -> Kooperationsvereinbarung:
    fields.setdefault("status", Kooperationsvereinbarung.Status.UNTERZEICHNET)
    fields.setdefault("signed_on", days(-400))
    return Kooperationsvereinbarung.objects.create(
        kommune=kommune, parties="Kreis\nKommune", **fields
    )


@pytest.mark.parametrize(
    ("offset", "status", "code"),
    [
        (-1, "unterzeichnet", "ueberfaellig"),
        (0, "unterzeichnet", "faellig"),
        (60, "in_evaluation", "faellig"),
        (61, "unterzeichnet", "geplant"),
        (None, "unterzeichnet", "ohne_termin"),
        (-30, "ausgelaufen", "entfaellt"),
    ],
)
def test_evaluation_state(offset, status, code):
    item = Kooperationsvereinbarung(
        status=status, next_evaluation_on=days(offset) if offset is not None else None
    )
    assert item.evaluation_state(TODAY).code == code


def test_overview_shows_each_kommune_with_due_and_overdue_evaluations(client, partner, wissen):
    agreement(make_kommune("Altena", "05962004"), next_evaluation_on=days(-10))
    agreement(make_kommune("Balve", "05962008"), next_evaluation_on=days(20))
    agreement(make_kommune("Halver", "05962016"), next_evaluation_on=days(200))
    make_kommune("Hemer", "05962020")
    client.force_login(partner)
    html = client.get("/wissensbasis/vereinbarungen/").content.decode()
    assert html.count("<h1") == 1
    assert f"überfällig seit {days(-10):%d.%m.%Y}" in html
    assert f"fällig am {days(20):%d.%m.%Y}" in html
    assert f"geplant für {days(200):%d.%m.%Y}" in html
    assert "Keine Vereinbarung erfasst" in html
    assert "1 Evaluation ist überfällig" in html
    assert "1 ist bald fällig" in html
    assert '<caption id="vereinbarungen-caption">' in html and 'scope="col"' in html
    assert 'role="region" aria-labelledby="vereinbarungen-caption" tabindex="0"' in html


def test_agreement_detail_shows_parties_and_text(client, partner, wissen):
    item = agreement(make_kommune("Balve", "05962008"), text="<p>Räume vor Ort</p>")
    client.force_login(partner)
    html = client.get(f"/wissensbasis/vereinbarungen/{item.pk}/").content.decode()
    assert "Kooperationsvereinbarung Balve" in html
    assert "Räume vor Ort" in html
    assert client.get("/wissensbasis/vereinbarungen/999999/").status_code == 404


def test_validation_messages_are_german(db):
    balve = make_kommune("Balve", "05962008")
    unsigned = Kooperationsvereinbarung(
        kommune=balve, parties="Kreis", status="unterzeichnet", signed_on=None
    )
    with pytest.raises(ValidationError, match="unterzeichnet wurde"):
        unsigned.full_clean()
    agreement(balve)
    second = Kooperationsvereinbarung(kommune=balve, parties="Kreis", status="in_verhandlung")
    with pytest.raises(ValidationError, match="schon eine Kooperationsvereinbarung"):
        second.full_clean()
    reversed_term = Kooperationsvereinbarung(
        kommune=make_kommune("Hemer", "05962020"),
        parties="Kreis",
        status="in_verhandlung",
        valid_from=days(10),
        valid_until=days(1),
    )
    with pytest.raises(ValidationError, match="vor ihrem Beginn"):
        reversed_term.full_clean()


def test_koordination_manages_agreements_in_the_admin(client, koordination, case_manager):
    for codename in ("add", "change", "delete", "view"):
        assert koordination.has_perm(f"knowledge.{codename}_kooperationsvereinbarung")
        assert koordination.has_perm(f"knowledge.{codename}_handlungsfeld")
    assert koordination.has_perm("knowledge.view_faqfeedback")
    agreement(make_kommune("Balve", "05962008"))
    client.force_login(koordination)
    assert client.get("/admin/snippets/knowledge/kooperationsvereinbarung/").status_code == 200
    assert client.get("/admin/snippets/knowledge/kooperationsvereinbarung/add/").status_code == 200
    assert client.get("/admin/snippets/knowledge/handlungsfeld/").status_code == 200
    assert not case_manager.has_perm("knowledge.change_kooperationsvereinbarung")
