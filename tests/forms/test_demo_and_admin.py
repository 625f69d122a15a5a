"""Demo content and the Wagtail admin for Meldebögen."""

import datetime
import io

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from forms.models import (
    ConfirmedFinding,
    Meldebogen,
    Notiz,
    Rueckfrage,
    Status,
    Thema,
)
from forms.worklist import overdue
from portal.models import Verlaufseintrag
from tests.spreadsheet_files import (
    FORMULA_TEXTS,
    admin_exports,
    assert_csv_text,
    assert_xlsx_plain,
    assert_xlsx_text,
)


def test_demo_is_idempotent(demo):
    submitted = Meldebogen.objects.submitted()
    assert submitted.count() == 7
    assert Meldebogen.objects.filter(status=Status.ENTWURF).count() == 1
    assert {m.owner.username for m in submitted} == {"casemanagement", "partner"}
    references = sorted(submitted.values_list("reference", flat=True))
    history = Verlaufseintrag.objects.count()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
    assert Meldebogen.objects.count() == 8
    assert sorted(submitted.values_list("reference", flat=True)) == references
    assert Verlaufseintrag.objects.count() == history


def test_demo_shows_the_triage(demo):
    statuses = set(Meldebogen.objects.submitted().values_list("status", flat=True))
    assert {Status.EINGEGANGEN, Status.ZURUECKGESTELLT, Status.NICHT_WEITERVERFOLGT} <= statuses
    assert len(statuses) >= 4
    assert overdue(Meldebogen.objects.submitted()).exists()
    assert Notiz.objects.exists()
    assert Rueckfrage.objects.open().exists()
    assert Rueckfrage.objects.exclude(answer="").exists()
    deferred = Meldebogen.objects.get(status=Status.ZURUECKGESTELLT)
    assert [c.to_status for c in deferred.verlauf.all()] == [
        Status.EINGEGANGEN,
        Status.GESICHTET,
        Status.ZURUECKGESTELLT,
    ]


def test_koordination_sees_submitted_reports_read_only(client, demo):
    from django.contrib.auth import get_user_model

    koordination = get_user_model().objects.get(username="koordination")
    client.force_login(koordination)
    listing = client.get("/admin/meldeboegen/")
    assert listing.status_code == 200
    html = listing.content.decode()
    meldebogen = Meldebogen.objects.submitted().first()
    assert meldebogen.reference in html
    assert "Entwurf vom" not in html
    ConfirmedFinding.objects.create(
        meldebogen=meldebogen, field="situation", kind="name", text="Werdohler"
    )
    inspect = client.get(f"/admin/meldeboegen/inspect/{meldebogen.pk}/")
    assert inspect.status_code == 200
    page = inspect.content.decode()
    assert "situation: „Werdohler“ (Name einer Person)" in page
    assert meldebogen.huerden_labels()[0] in page
    assert f"/meldeboegen/sichtung/{meldebogen.pk}/" in page
    draft = Meldebogen.objects.filter(status=Status.ENTWURF).first()
    assert client.get(f"/admin/meldeboegen/inspect/{draft.pk}/").status_code == 404
    assert client.get(f"/admin/meldeboegen/edit/{meldebogen.pk}/").status_code in {302, 403}
    assert client.get("/admin/snippets/meldeboegen/thema/").status_code == 200


def test_case_manager_has_no_admin(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="casemanagement"))
    assert client.get("/admin/meldeboegen/").status_code in {302, 403}


def test_admin_export_of_reports_writes_formula_like_text_as_text(client, koordination, reporter):
    """Formula injection (issue 16): the CSV/XLSX export of "Eingegangene Meldebögen"."""
    formula = Thema.objects.create(name=FORMULA_TEXTS["+"], sort_order=99)
    submitted = timezone.now()
    for reference, thema in (("MB-2026-0001", formula), ("MB-2026-0002", "Sprache")):
        Meldebogen.objects.create(
            owner=reporter,
            status=Status.EINGEGANGEN,
            reference=reference,
            submitted_at=submitted,
            thema=thema if isinstance(thema, Thema) else Thema.objects.get(name=thema),
            haeufigkeit="haeufig",
        )
    client.force_login(koordination)
    rows, cells = admin_exports(client, "/admin/meldeboegen/")

    by_reference = {row["Meldebogen-Nummer"]: row for row in rows}
    assert_csv_text(by_reference["MB-2026-0001"]["Thema"], FORMULA_TEXTS["+"])
    assert by_reference["MB-2026-0002"]["Thema"] == "Sprache"
    by_reference = {row["Meldebogen-Nummer"].value: row for row in cells}
    assert_xlsx_text(by_reference["MB-2026-0001"]["Thema"], FORMULA_TEXTS["+"])
    assert_xlsx_plain(by_reference["MB-2026-0002"]["Thema"], "Sprache")
    assert_xlsx_plain(by_reference["MB-2026-0002"]["Meldebogen-Nummer"], "MB-2026-0002")
    assert by_reference["MB-2026-0002"]["Eingereicht am"].is_date


def test_admin_shows_local_time(client, koordination, reporter):
    """Europe/Berlin everywhere in the admin, also for a user who never chose a time zone."""
    from django.conf import settings

    assert settings.USE_TZ and settings.TIME_ZONE == "Europe/Berlin"
    assert settings.WAGTAIL_USER_TIME_ZONES == ["Europe/Berlin"]
    # 22:30 UTC on 1 July is 00:30 on 2 July in Berlin (summer time).
    submitted = datetime.datetime(2026, 7, 1, 22, 30, tzinfo=datetime.UTC)
    meldebogen = Meldebogen.objects.create(
        owner=reporter,
        status=Status.EINGEGANGEN,
        reference="MB-2026-0001",
        submitted_at=submitted,
        thema=Thema.objects.get(name="Sprache"),
        haeufigkeit="haeufig",
    )
    client.force_login(koordination)
    for url in (f"/admin/meldeboegen/inspect/{meldebogen.pk}/", "/admin/meldeboegen/"):
        page = client.get(url).content.decode()
        assert "00:30" in page, url
        assert "22:30" not in page, url
