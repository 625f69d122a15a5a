"""'Meine Meldebögen', the role gate, and bounded query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from forms.models import Meldebogen

from .conftest import fill_all_steps, post_step, start_draft, step_data, step_url


def test_lists_only_own_drafts_and_reports(client, reporter, partner, kommunen, thema):
    client.force_login(reporter)
    submitted = start_draft(client)
    fill_all_steps(client, submitted, kommunen, thema)
    start_draft(client)
    client.force_login(partner)
    other = start_draft(client)
    fill_all_steps(client, other, kommunen, thema)
    submitted.refresh_from_db()
    other.refresh_from_db()

    client.force_login(reporter)
    html = client.get(reverse("forms:list")).content.decode()
    assert submitted.reference in html
    assert "Eingereicht" in html
    assert "Fortsetzen" in html
    assert other.reference not in html
    assert client.get(reverse("forms:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("forms:detail", args=[submitted.pk])).status_code == 200


def test_warns_when_draft_expires_soon(client, reporter, settings):
    settings.MELDEBOGEN_DRAFT_WARNING_DAYS = 7
    client.force_login(reporter)
    draft = start_draft(client)
    assert "laufen bald ab" not in client.get(reverse("forms:list")).content.decode()
    Meldebogen.objects.filter(pk=draft.pk).update(
        draft_expires_at=timezone.now() + datetime.timedelta(days=3)
    )
    html = client.get(reverse("forms:list")).content.decode()
    assert "Entwürfe laufen bald ab" in html
    assert "(läuft bald ab)" in html


def test_deleting_a_draft_asks_first(client, reporter):
    client.force_login(reporter)
    draft = start_draft(client)
    url = reverse("forms:delete", args=[draft.pk])
    # The list links to a confirmation page instead of deleting with one click.
    listing = client.get(reverse("forms:list")).content.decode()
    assert f'<a href="{url}">Löschen' in listing
    assert f'action="{url}"' not in listing
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Entwurf löschen?</h1>" in html
    assert "Das lässt sich nicht rückgängig machen." in html
    assert "Ja, Entwurf endgültig löschen" in html
    assert f'href="{reverse("forms:list")}">Abbrechen und Entwurf behalten' in html
    assert Meldebogen.objects.filter(pk=draft.pk).exists()
    assert client.post(url).status_code == 302
    assert not Meldebogen.objects.exists()


def test_nobody_else_may_open_the_delete_page(client, reporter, partner):
    client.force_login(reporter)
    draft = start_draft(client)
    client.force_login(partner)
    assert client.get(reverse("forms:delete", args=[draft.pk])).status_code == 404
    assert client.post(reverse("forms:delete", args=[draft.pk])).status_code == 404
    assert Meldebogen.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("role_fixture", ["case_manager", "partner", "koordination"])
def test_reporting_roles_may_report(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("forms:list")).status_code == 200
    assert client.post(reverse("forms:start")).status_code == 302


def test_other_roles_get_a_german_403(client, integrationsbeauftragte, make_user):
    for user in (integrationsbeauftragte, make_user("ohne-rolle")):
        client.force_login(user)
        response = client.get(reverse("forms:list"))
        assert response.status_code == 403
        assert "Kein Zugang zu Meldebögen" in response.content.decode()
        assert client.post(reverse("forms:start")).status_code == 403
    assert not Meldebogen.objects.exists()


def test_wizard_is_gated_too(client, reporter, integrationsbeauftragte):
    client.force_login(reporter)
    draft = start_draft(client)
    draft.owner = integrationsbeauftragte
    draft.save()
    client.force_login(integrationsbeauftragte)
    assert client.get(step_url(draft, "wer")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(reverse("forms:list"))
    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


MAX_QUERIES = 20


def make_reports(user, count, kommunen, thema):
    for i in range(count):
        meldebogen = Meldebogen.objects.create(
            owner=user,
            status="eingegangen",
            reference=f"MB-2026-{9000 + i + Meldebogen.objects.count()}",
            submitted_at=timezone.now(),
            thema=thema,
        )
        meldebogen.kommunen.set(kommunen)
        Meldebogen.objects.create(owner=user, thema=thema)


def test_list_query_count_does_not_grow(
    client, reporter, kommunen, thema, django_assert_max_num_queries
):
    client.force_login(reporter)
    make_reports(reporter, 2, kommunen, thema)
    client.get(reverse("forms:list"))  # warm: navigation and permissions are cached
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        assert client.get(reverse("forms:list")).status_code == 200
    make_reports(reporter, 20, kommunen, thema)
    with django_assert_max_num_queries(MAX_QUERIES) as many:
        assert client.get(reverse("forms:list")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


# Queries of a warm showing of each step: the user, the draft, what the step itself reads (the
# Kommunen chosen and offered; the confirmed findings on steps with free text; the Themen; the
# attachments; on the last step the whole report); the session, the user's groups and the site
# come from the cache. The wizard never writes the session.
STEP_QUERIES = {"wer": 4, "situation": 4, "huerde": 3, "vorschlag": 4, "pruefen": 6}


@pytest.mark.parametrize("step", ["wer", "situation", "huerde", "vorschlag", "pruefen"])
def test_wizard_steps_have_pinned_query_counts(
    client,
    reporter,
    kommunen,
    thema,
    step,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    client.force_login(reporter)
    draft = start_draft(client)
    for name, data in list(step_data(kommunen, thema).items())[:4]:
        post_step(client, draft, name, data)
    client.get(step_url(draft, step))  # warm: navigation and permissions are cached
    with django_assert_num_queries(STEP_QUERIES[step]):
        assert client.get(step_url(draft, step)).status_code == 200
    data = step_data(kommunen, thema)[step]
    # Submitting also reads the deadlines, writes the first history row and indexes the
    # report for the search (search app; about 30 statements on PostgreSQL).
    with django_assert_max_num_queries(MAX_QUERIES + 50):
        assert post_step(client, draft, step, data).status_code == 302


def test_wizard_steps_neither_write_the_session_nor_rewrite_unchanged_kommunen(
    client, reporter, kommunen, thema
):
    """formtools' session storage wrote the session row on every showing of a step; the
    unchanged Kommunen were read again and written in a transaction of their own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reporter)
    draft = start_draft(client)
    wer = step_data(kommunen, thema)["wer"]
    post_step(client, draft, "wer", wer)
    with CaptureQueriesContext(connection) as captured:
        client.get(step_url(draft, "wer"))
        post_step(client, draft, "wer", wer)  # the same Kommunen again
        client.get(step_url(draft, "situation"))
    statements = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in statements if "django_session" in sql and "UPDATE" in sql]
    assert not [
        sql for sql in statements if "meldeboegen_meldebogen_kommunen" in sql and "INSERT" in sql
    ]
    kommune_id_reads = [
        sql
        for sql in statements
        if sql.startswith('SELECT "knowledge_kommune"."id" AS "id"')
        or sql.startswith('SELECT "meldeboegen_meldebogen_kommunen"."kommune_id"')
    ]
    assert kommune_id_reads == []
    # A changed list is saved, and what the user chose survives a new session.
    post_step(client, draft, "wer", dict(wer, kommunen=[str(k.pk) for k in kommunen]))
    client.logout()
    client.force_login(reporter)
    html = client.get(step_url(draft, "wer")).content.decode()
    for kommune in kommunen:
        assert f'value="{kommune.pk}" id="id_wer-kommunen_' in html
    assert html.count(" checked>") == len(kommunen)
    assert set(draft.kommunen.values_list("pk", flat=True)) == {k.pk for k in kommunen}


def test_filing_is_a_permission_not_a_group(client, make_user):
    """Whoever holds meldeboegen.einreichen_meldebogen may report, in no group or in any group;
    without it (an Integrationsbeauftragte) the 403 page names the roles that may."""
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(codename="einreichen_meldebogen")
    direct = make_user("direkt-meldend")
    client.force_login(direct)
    assert client.get(reverse("forms:list")).status_code == 403
    direct.user_permissions.add(permission)
    client.force_login(direct)
    assert client.get(reverse("forms:list")).status_code == 200
    assert client.post(reverse("forms:start")).status_code == 302

    ib = make_user("ib-ohne", roles.INTEGRATIONSBEAUFTRAGTE)
    client.force_login(ib)
    response = client.get(reverse("forms:list"))
    assert response.status_code == 403
    assert "Case Management, Externe Partner, KIM-Koordination" in response.content.decode()
