"""The Django side of bench/pages.py, run in a child process against the bench database.

    python bench/pagebench/django_side.py grow FACTOR     # FACTOR x the demo's pages, reports,
                                                          # Sitzungen (adds FACTOR-1 copies)
    python bench/pagebench/django_side.py targets         # JSON: the measured addresses
    python bench/pagebench/django_side.py queries FILE    # JSON: SQL queries per address
    python bench/pagebench/django_side.py profile FILE [NAME ...] [--sql] [--top N] [--rounds N]
                                                          # CPU ms (test client), the SQL and
                                                          # cProfile's top functions per address

DJANGO_SETTINGS_MODULE and DATABASE_URL come from the environment (bench/pages.py sets them).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

READER = "ib-balve"
COORDINATOR = "koordination"
PASSWORD = "kim-demo-2026"  # noqa: S105 - the demo's printed password (load_demo)
SEARCH_WORD = "Integrationskurs"


def grow(factor: int) -> None:
    """Add FACTOR-1 copies of every guidance page, FAQ page, submitted Meldebogen and Sitzung."""
    from django.db import transaction
    from django.utils import timezone

    from forms.models import Meldebogen
    from forms.reference_numbers import allocate_reference
    from knowledge.models import FaqPage, GuidancePage
    from search.registry import deferred_indexing
    from spaces.models import Sitzung, Tagesordnungspunkt

    copies = factor - 1
    counts = {"Seiten": 0, "Meldebögen": 0, "Sitzungen": 0}
    with deferred_indexing():
        originals = list(GuidancePage.objects.live()) + list(FaqPage.objects.live())
        for original in originals:
            parent = original.get_parent()
            for number in range(2, copies + 2):
                with transaction.atomic():
                    original.specific.copy(
                        to=parent,
                        update_attrs={
                            "title": f"{original.title} ({number})",
                            "slug": f"{original.slug}-{number}",
                        },
                        keep_live=True,
                    )
                counts["Seiten"] += 1
        for meldebogen in list(Meldebogen.objects.exclude(submitted_at=None)):
            kommunen = list(meldebogen.kommunen.all())
            for _number in range(copies):
                with transaction.atomic():
                    clone = Meldebogen.objects.get(pk=meldebogen.pk)
                    clone.pk = None
                    clone.id = None
                    clone._state.adding = True
                    clone.reference = allocate_reference()
                    clone.save()
                    clone.kommunen.set(kommunen)
                counts["Meldebögen"] += 1
        for sitzung in list(Sitzung.objects.all()):
            punkte = list(sitzung.tagesordnung.all())
            for number in range(2, copies + 2):
                shift = timezone.timedelta(days=7 * number)
                with transaction.atomic():
                    clone = Sitzung.objects.create(
                        gremium=sitzung.gremium,
                        title=f"{sitzung.title} ({number})",
                        starts_at=sitzung.starts_at - shift,
                        ends_at=sitzung.ends_at - shift if sitzung.ends_at else None,
                        location=sitzung.location,
                        status=sitzung.status,
                    )
                    Tagesordnungspunkt.objects.bulk_create(
                        Tagesordnungspunkt(
                            sitzung=clone,
                            title=punkt.title,
                            description=punkt.description,
                            sort_order=punkt.sort_order,
                        )
                        for punkt in punkte
                    )
                counts["Sitzungen"] += 1
    print(json.dumps(counts, ensure_ascii=False))


def targets() -> None:
    """The measured pages: (name, user, method, path, POST data) as JSON on stdout."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from forms.models import Meldebogen
    from forms.permissions import may_report
    from forms.steps import STEPS
    from knowledge.models import (
        FaqPage,
        GuidancePage,
        HandlungskonzeptPage,
        KnowledgeIndexPage,
        Kommune,
    )
    from spaces.models import Sitzung

    User = get_user_model()
    reader = User.objects.get(username=READER)
    reporter = reader if may_report(reader) else User.objects.get(username="casemanagement")
    guidance = GuidancePage.objects.live().get(slug="meldebogen-leitfaden")
    konzept = HandlungskonzeptPage.objects.live().first()
    faq = FaqPage.objects.live().get(slug="faq")
    index = KnowledgeIndexPage.objects.live().first()
    kommune = Kommune.objects.get(slug="balve")
    sitzung = (
        Sitzung.objects.select_related("gremium")
        .filter(gremium__slug="lenkungsgruppe")
        .order_by("-starts_at")
        .first()
    ) or Sitzung.objects.select_related("gremium").order_by("-starts_at").first()
    assert sitzung is not None, "the demo content has no Sitzung"
    draft = Meldebogen.objects.filter(owner=reporter, submitted_at=None).order_by("pk").first()
    if draft is None:
        draft = Meldebogen(owner=reporter, organisation_name="Bench", rolle="Bench")
        draft.touch_draft()
        draft.save()
    if not draft.organisation_name or not draft.rolle:
        draft.organisation_name = draft.organisation_name or "Bench"
        draft.rolle = draft.rolle or "Bench"
        draft.save()
    first_step = STEPS[0][0]
    step_path = reverse("forms:step", kwargs={"pk": draft.pk, "step": first_step})
    step_data = {
        f"meldebogen_{draft.pk}-current_step": first_step,
        f"{first_step}-organisation_name": draft.organisation_name,
        f"{first_step}-rolle": draft.rolle,
        f"{first_step}-kommunen": str(kommune.pk),
    }
    gremium = sitzung.gremium
    rows = [
        # The floor of the portal's own stack: the middleware and one "SELECT 1".
        ("healthz (ohne Anmeldung)", READER, "GET", "/healthz/", None),
        ("Startseite", READER, "GET", "/", None),
        ("Arbeitshilfe (Leitfaden)", READER, "GET", guidance.url, None),
        ("Handlungskonzept", READER, "GET", konzept.url, None),
        ("FAQ", READER, "GET", faq.url, None),
        (
            "Verzeichnis, Kommune Balve",
            READER,
            "GET",
            f"{index.url}verzeichnis/?kommune=balve",
            None,
        ),
        ("Suche (Seite)", READER, "GET", f"/suche/?q={SEARCH_WORD}", None),
        ("Suche (API)", READER, "GET", f"/api/v1/search/?q={SEARCH_WORD}", None),
        ("Meldebogen-Schritt GET", reporter.username, "GET", step_path, None),
        ("Meldebogen-Schritt POST", reporter.username, "POST", step_path, step_data),
        ("Sichtung (Arbeitsliste)", COORDINATOR, "GET", reverse("forms:worklist"), None),
        (
            "Gremium",
            COORDINATOR,
            "GET",
            reverse("spaces:gremium", kwargs={"slug": gremium.slug}),
            None,
        ),
        (
            "Sitzung",
            COORDINATOR,
            "GET",
            reverse("spaces:sitzung", kwargs={"slug": gremium.slug, "pk": sitzung.pk}),
            None,
        ),
        ("Berichte (Dashboard)", COORDINATOR, "GET", reverse("reporting:dashboard"), None),
    ]
    print(
        json.dumps(
            [
                {"name": name, "user": user, "method": method, "path": path, "data": data}
                for name, user, method, path, data in rows
            ],
            ensure_ascii=False,
        )
    )


def queries(targets_file: str) -> None:
    """SQL queries of each address as its user (logged in through the login form), measured on
    the second request, as the server's workers answer it once their caches are warm."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    rows = json.loads(Path(targets_file).read_text())
    clients: dict[str, Client] = {}
    result = {}
    for row in rows:
        client = clients.get(row["user"])
        if client is None:
            client = Client()
            response = client.post(
                "/konto/anmelden/", {"username": row["user"], "password": PASSWORD}
            )
            if response.status_code != 302:
                raise SystemExit(f"Anmeldung als {row['user']} gescheitert: {response.status_code}")
            clients[row["user"]] = client
        counts = []
        statuses = []
        for _attempt in range(2):
            with CaptureQueriesContext(connection) as captured:
                if row["method"] == "POST":
                    response = client.post(row["path"], row["data"])
                else:
                    response = client.get(row["path"])
            counts.append(len(captured.captured_queries))
            statuses.append(response.status_code)
        result[row["name"]] = {"queries": counts[-1], "cold": counts[0], "status": statuses[-1]}
    print(json.dumps(result, ensure_ascii=False))


def _logged_in_client(username: str):
    from django.test import Client

    client = Client()
    response = client.post("/konto/anmelden/", {"username": username, "password": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"Anmeldung als {username} gescheitert: {response.status_code}")
    return client


def profile(argv: list[str]) -> None:
    """For each address (all, or those whose name starts with one of NAMES): CPU ms per
    request through the test client (median of rounds), the SQL of a warm request (--sql) and
    cProfile's top functions by cumulative time (--top N, 0: none)."""
    import cProfile
    import pstats
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    show_sql = "--sql" in argv
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 0
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 30
    skip = {argv.index(flag) + 1 for flag in ("--top", "--rounds") if flag in argv}
    names = [a for i, a in enumerate(argv[1:], 1) if not a.startswith("--") and i not in skip]
    rows = json.loads(Path(argv[0]).read_text())
    clients = {}
    for row in rows:
        if names and not any(row["name"].startswith(name) for name in names):
            continue
        client = clients.get(row["user"]) or clients.setdefault(
            row["user"], _logged_in_client(row["user"])
        )

        def call(row=row, client=client):
            if row["method"] == "POST":
                return client.post(row["path"], row["data"])
            return client.get(row["path"])

        for _ in range(3):
            call()
        with CaptureQueriesContext(connection) as captured:
            response = call()
        sql = [query["sql"] for query in captured.captured_queries]
        times = []
        for _ in range(rounds):
            started = time.process_time()
            call()
            times.append((time.process_time() - started) * 1000)
        times.sort()
        print(
            f"== {row['name']} ({row['user']}, {row['path']}): {response.status_code}, "
            f"{times[len(times) // 2]:.2f} ms CPU (median of {rounds}), "
            f"{len(sql)} queries"
        )
        if show_sql:
            for query in sql:
                # The select list is long; what is asked for is in the FROM and WHERE parts.
                print("   ", query if len(query) <= 600 else f"{query[:200]} ... {query[-400:]}")
        if top:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(10):
                call()
            profiler.disable()
            pstats.Stats(profiler).sort_stats(
                os.environ.get("PROFILE_SORT", "cumulative")
            ).print_stats(top)


def main(argv: list[str]) -> None:
    django.setup()
    command = argv[0]
    if command == "grow":
        grow(int(argv[1]))
    elif command == "targets":
        targets()
    elif command == "queries":
        queries(argv[1])
    elif command == "profile":
        profile(argv[1:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
