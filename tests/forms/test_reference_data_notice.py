"""The wizard's notice about missing reference lists (forms/reference_data.py) is remembered
across requests and follows every change of the Kommunen and Themen at once."""

from forms.models import Thema
from forms.reference_data import MISSING_THEMEN

from .conftest import start_draft, step_url


def notice_shown(client, meldebogen) -> bool:
    html = client.get(step_url(meldebogen, "wer")).content.decode()
    return "kein Thema aktiv" in html


def test_the_notice_follows_the_themen_at_once(client, reporter, kommunen):
    assert "kein Thema aktiv" in MISSING_THEMEN
    client.force_login(reporter)
    meldebogen = start_draft(client)
    assert not notice_shown(client, meldebogen)  # remembered: there are active Themen
    for thema in Thema.objects.filter(active=True):
        thema.active = False
        thema.save()
    assert notice_shown(client, meldebogen)
    thema = Thema.objects.first()
    thema.active = True
    thema.save()
    assert not notice_shown(client, meldebogen)
