"""Wagtail's scheduled publishing and revision comparison work with our page types and roles."""

import datetime
import io
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from knowledge.models import GuidancePage


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def test_scheduled_guidance_appears_only_after_publish_scheduled(
    client, integrationsbeauftragte, wissen
):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page = GuidancePage(
        title="Arbeitshilfe ab Montag",
        slug="arbeitshilfe-ab-montag",
        body=paragraph("Gilt ab Montag."),
        live=False,
        go_live_at=go_live,
    )
    wissen.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None

    client.force_login(integrationsbeauftragte)
    assert "Arbeitshilfe ab Montag" not in client.get(wissen.url).content.decode()
    assert client.get("/wissensbasis/arbeitshilfe-ab-montag/").status_code == 404

    call_command("publish_scheduled", stdout=io.StringIO())  # too early: nothing happens
    page.refresh_from_db()
    assert not page.live

    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
    assert "Arbeitshilfe ab Montag" in client.get(wissen.url).content.decode()
    assert "Gilt ab Montag." in client.get(page.url).content.decode()


def test_koordination_compares_two_revisions_of_a_guidance_page(client, koordination, guidance):
    guidance.refresh_from_db()
    first = guidance.live_revision
    guidance.body = paragraph("Erst schreiben, dann anrufen.")
    second = guidance.save_revision(user=koordination)
    client.force_login(koordination)
    url = f"/admin/pages/{guidance.pk}/revisions/compare/{first.pk}...{second.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Erst schreiben, dann anrufen." in html  # the new text
    assert "Erst anrufen, dann schreiben." in html  # the old text, marked as removed
    assert "deletion" in html and "addition" in html
    history = client.get(f"/admin/pages/{guidance.pk}/history/")
    assert history.status_code == 200
