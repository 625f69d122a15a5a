"""One table of Gremium-visibility cases, asked of the views' rule (``visible_to`` querysets of
spaces.visibility) and of the search index (spaces/search_index.py, whose principals come from
the same module): both must give the same answer, for the space's Beschluss and its Protokoll
draft alike.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts import roles
from tests.search.conftest import run_search


def _grant(user, dotted: str) -> None:
    app_label, codename = dotted.split(".")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )


# (reader, Beschluss visible, draft minutes visible)
CASES = [
    ("Mitglied", True, False),
    ("geteilt mit der Person", True, False),
    ("geteilt mit ihrer Gruppe", True, False),
    ("KIM-Koordination", True, True),
    ("Recht spaces.view_gremium direkt", True, False),
    ("Recht spaces.change_protokoll direkt", False, True),
    ("Außenstehende", False, False),
    ("Außenstehende, Beschluss freigegeben", True, False),
]


@pytest.fixture
def reader_for(db, make_user):
    from spaces.models import Gremium, Mitgliedschaft, Sitz

    def make(case: str, gremium: Gremium):
        if case == "KIM-Koordination":
            return make_user("leser", roles.KOORDINATION)
        reader = make_user("leser", roles.EXTERNE_PARTNER)
        if case == "Mitglied":
            Mitgliedschaft.objects.create(
                sitz=Sitz.objects.create(gremium=gremium, label="Wohlfahrt"), user=reader
            )
        elif case == "geteilt mit der Person":
            gremium.shared_users.add(reader)
        elif case == "geteilt mit ihrer Gruppe":
            gremium.shared_groups.add(Group.objects.get(name=roles.EXTERNE_PARTNER))
        elif case.startswith("Recht "):
            _grant(reader, case.split()[1])
        return reader

    return make


@pytest.mark.parametrize(
    ("case", "beschluss_visible", "draft_visible"), CASES, ids=[c[0] for c in CASES]
)
def test_views_and_search_agree(
    reader_for, django_capture_on_commit_callbacks, case, beschluss_visible, draft_visible
):
    from spaces.models import Beschluss, Gremium, Protokoll, Sitzung

    gremium = Gremium.objects.create(
        name="Arbeitsgruppe Wohnen", slug="ag-wohnen", prefix="AGW", kind="arbeitsgruppe"
    )
    sitzung = Sitzung.objects.create(gremium=gremium, title="2. Sitzung", starts_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        beschluss = Beschluss.objects.create(
            gremium=gremium,
            title="Belegungsrechte",
            text="Belegungsrechte beim Kreis.",
            shared_with_all=case.endswith("freigegeben"),
        )
        protokoll = Protokoll.objects.create(sitzung=sitzung, status="entwurf")
    reader = reader_for(case, gremium)
    fresh = type(reader).objects.get(pk=reader.pk)

    assert Beschluss.objects.visible_to(fresh).filter(pk=beschluss.pk).exists() is beschluss_visible
    assert (run_search(reader, "Belegungsrechte").total == 1) is beschluss_visible
    fresh = type(reader).objects.get(pk=reader.pk)
    assert Protokoll.objects.visible_to(fresh).filter(pk=protokoll.pk).exists() is draft_visible
    assert (run_search(reader, "Protokoll").total == 1) is draft_visible
